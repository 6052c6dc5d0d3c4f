using Resilience.Method.Catalogs;

namespace Resilience.Method.Ingestion;

public sealed class IndicatorFileReadResult
{
    public required IReadOnlyList<ObservationRow> Rows { get; init; }
    public required IReadOnlyList<Problem> Problems { get; init; }
    public int ErrorCount { get; init; }
    public int WarningCount { get; init; }
    public bool Accepted => ErrorCount == 0;
}

/// <summary>
/// Reads a wide indicator CSV (<c>city_id|city, year, &lt;indicator ids&gt;</c>), one year or a multi-year panel,
/// and validates every cell against the catalog. It never throws for bad data: it reports problems.
/// </summary>
public static class IndicatorFileReader
{
    public static IndicatorFileReadResult Read(TextReader text, string fileName, Catalog catalog, CityRegistry cities)
    {
        var problems = new ProblemList(fileName);
        var rows = new List<ObservationRow>();
        try
        {
            using var table = CsvTable.Open(text, fileName);
            if (table is null)
            {
                problems.Error(1, null, null, "empty-file", "the file is empty: it needs a header row");
                return Result(problems, rows);
            }
            ReadRows(table, catalog, cities, problems, rows);
        }
        catch (DataFileException e)
        {
            problems.Error(e.Row, e.Column, null, "csv-syntax", e.Reason);
        }
        return Result(problems, rows);
    }

    private static IndicatorFileReadResult Result(ProblemList problems, List<ObservationRow> rows) => new()
    {
        Rows = problems.ErrorCount == 0 ? rows : [],
        Problems = problems.Kept,
        ErrorCount = problems.ErrorCount,
        WarningCount = problems.WarningCount,
    };

    private static void ReadRows(CsvTable table, Catalog catalog, CityRegistry cities, ProblemList problems, List<ObservationRow> rows)
    {
        var headers = table.Headers;
        var cityColumn = CsvFields.FindColumn(headers, CsvFields.CityColumns);
        var yearColumn = CsvFields.FindColumn(headers, CsvFields.YearColumns);
        if (cityColumn < 0) problems.Error(1, null, null, "missing-city-column", "the header has no city column (city_id or city)");
        if (yearColumn < 0) problems.Error(1, null, null, "missing-year-column", "the header has no year column (year)");

        // Map each remaining column to a catalog indicator, or report it as ignored.
        var columnIndicator = new int[headers.Count];
        var seenIndicators = new Dictionary<int, string>();
        for (var c = 0; c < headers.Count; c++)
        {
            columnIndicator[c] = -1;
            if (c == cityColumn || c == yearColumn) continue;
            var index = catalog.IndexOf(headers[c]);
            if (index < 0)
            {
                problems.Warning(1, headers[c], null, "unknown-indicator-column",
                    "the column is not an indicator of the catalog; it is ignored");
            }
            else if (!seenIndicators.TryAdd(index, headers[c]))
            {
                problems.Error(1, headers[c], null, "duplicate-column",
                    $"indicator '{catalog.Indicators[index].Id}' has two columns ('{seenIndicators[index]}' and '{headers[c]}')");
            }
            else columnIndicator[c] = index;
        }
        if (seenIndicators.Count == 0)
            problems.Error(1, null, null, "no-indicator-columns", "no column matches an indicator of the catalog");
        if (problems.ErrorCount > 0) return;

        var seenCityYears = new Dictionary<(string, int), long>();
        var unknownCities = new HashSet<string>(StringComparer.Ordinal);
        while (table.TryRead(out var fields))
        {
            var line = table.Line;
            if (fields.All(f => f.Length == 0)) continue;
            if (fields.Length > headers.Count)
                problems.Error(line, null, null, "extra-fields", $"the row has {fields.Length} fields, the header {headers.Count}");

            var cityText = CsvFields.Field(fields, cityColumn);
            var yearText = CsvFields.Field(fields, yearColumn);
            string? cityId = null;
            var year = 0;
            if (cityText.Length == 0) problems.Error(line, headers[cityColumn], "", "missing-city", "the city is empty");
            else
            {
                var city = cities.Find(cityText);
                cityId = city?.Id ?? cityText;
                if (city is null && unknownCities.Add(cityText))
                    problems.Warning(line, headers[cityColumn], cityText, "unknown-city",
                        "the city is not in the dataset's cities file or the built-in registry; its region is 'unknown'");
            }
            if (yearText.Length == 0) problems.Error(line, headers[yearColumn], "", "missing-year", "the year is empty");
            else if (!CsvFields.TryParseYear(yearText, out year))
                problems.Error(line, headers[yearColumn], yearText, "invalid-year", "the year is not a whole number between 1900 and 2100");

            var values = new double?[catalog.Count];
            for (var c = 0; c < headers.Count; c++)
            {
                var indicator = columnIndicator[c];
                if (indicator < 0) continue;
                var cell = CsvFields.Field(fields, c);
                if (CsvFields.TryParseNumber(cell, out var value)) values[indicator] = value;
                else if (!CsvFields.IsMissing(cell)) problems.Error(line, headers[c], cell, "non-numeric", "the value is not a number");
            }

            if (cityId is null || year == 0) continue;
            if (seenCityYears.TryGetValue((cityId, year), out var firstLine))
            {
                problems.Error(line, headers[cityColumn], cityText, "duplicate-city-year", $"{cityId} {year} already appears in row {firstLine}");
                continue;
            }
            seenCityYears.Add((cityId, year), line);
            rows.Add(new ObservationRow(cityId, year, values));
        }
        if (rows.Count == 0 && problems.ErrorCount == 0)
            problems.Error(1, null, null, "no-rows", "the file has a header but no data row");
    }
}
