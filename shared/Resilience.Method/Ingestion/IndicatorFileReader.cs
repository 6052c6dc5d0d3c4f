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

        var keys = new CityYearKeys(headers, cityColumn, yearColumn, cities, problems, "; its region is 'unknown'");
        while (table.TryRead(out var fields))
        {
            var line = table.Line;
            if (fields.All(f => f.Length == 0)) continue;
            var key = keys.Read(fields, line);

            var values = new double?[catalog.Count];
            for (var c = 0; c < headers.Count; c++)
            {
                var indicator = columnIndicator[c];
                if (indicator < 0) continue;
                var cell = CsvFields.Field(fields, c);
                if (CsvFields.TryParseNumber(cell, out var value)) values[indicator] = value;
                else if (!CsvFields.IsMissing(cell)) problems.Error(line, headers[c], cell, "non-numeric", "the value is not a number");
            }

            if (key is not { } k || !keys.IsFirst(k, fields, line)) continue;
            rows.Add(new ObservationRow(k.CityId, k.Year, values));
        }
        if (rows.Count == 0 && problems.ErrorCount == 0)
            problems.Error(1, null, null, "no-rows", "the file has a header but no data row");
    }
}
