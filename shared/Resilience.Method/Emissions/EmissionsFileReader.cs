using Resilience.Method.Catalogs;
using Resilience.Method.Ingestion;

namespace Resilience.Method.Emissions;

/// <summary>CO2 emissions of one city-year in Mt CO2; null = missing.</summary>
public sealed record EmissionRow(string CityId, int Year, double? Co2);

public sealed class EmissionsFileReadResult
{
    public required IReadOnlyList<EmissionRow> Rows { get; init; }
    public required IReadOnlyList<Problem> Problems { get; init; }
    public int ErrorCount { get; init; }
    public int WarningCount { get; init; }
    public bool Accepted => ErrorCount == 0;
}

/// <summary>
/// Reads an emissions CSV (<c>city_id|city, year, co2[, unit]</c>) and converts every value to Mt CO2. The unit of a row
/// is its <c>unit</c> cell, else the unit given by the caller, else Mt. Validation and problem reporting follow
/// <see cref="IndicatorFileReader"/>: it never throws for bad data, it reports file, row, column, value and rule.
/// </summary>
public static class EmissionsFileReader
{
    /// <summary>More than this for one city-year (China's total is about 11,000 Mt) suggests a wrong unit.</summary>
    public const double ImplausibleMt = 5000;

    private const string Co2Column = "co2";
    private const string UnitColumn = "unit";

    /// <exception cref="ArgumentException"><paramref name="unit"/> is not a known unit.</exception>
    public static EmissionsFileReadResult Read(TextReader text, string fileName, CityRegistry cities, string? unit = null)
    {
        var defaultFactor = 1.0;
        if (unit is not null && !EmissionUnits.TryGetFactor(unit, out defaultFactor))
            throw new ArgumentException($"Unknown emissions unit '{unit}'; known: {string.Join(", ", EmissionUnits.Known)}.", nameof(unit));

        var problems = new ProblemList(fileName);
        var rows = new List<EmissionRow>();
        try
        {
            using var table = CsvTable.Open(text, fileName);
            if (table is null) problems.Error(1, null, null, "empty-file", "the file is empty: it needs a header row");
            else ReadRows(table, cities, defaultFactor, problems, rows);
        }
        catch (DataFileException e)
        {
            problems.Error(e.Row, e.Column, null, "csv-syntax", e.Reason);
        }
        return new EmissionsFileReadResult
        {
            Rows = problems.ErrorCount == 0 ? rows : [],
            Problems = problems.Kept,
            ErrorCount = problems.ErrorCount,
            WarningCount = problems.WarningCount,
        };
    }

    private static void ReadRows(CsvTable table, CityRegistry cities, double defaultFactor, ProblemList problems, List<EmissionRow> rows)
    {
        var headers = table.Headers;
        var cityColumn = CsvFields.FindColumn(headers, CsvFields.CityColumns);
        var yearColumn = CsvFields.FindColumn(headers, CsvFields.YearColumns);
        var co2Column = CsvFields.FindColumn(headers, Co2Column);
        var unitColumn = CsvFields.FindColumn(headers, UnitColumn);
        if (cityColumn < 0) problems.Error(1, null, null, "missing-city-column", "the header has no city column (city_id or city)");
        if (yearColumn < 0) problems.Error(1, null, null, "missing-year-column", "the header has no year column (year)");
        if (co2Column < 0) problems.Error(1, null, null, "missing-co2-column", "the header has no co2 column");
        if (problems.ErrorCount > 0) return;

        var keys = new CityYearKeys(headers, cityColumn, yearColumn, cities, problems, "");
        var implausibleReported = false;
        while (table.TryRead(out var fields))
        {
            var line = table.Line;
            if (fields.All(f => f.Length == 0)) continue;
            var key = keys.Read(fields, line);

            var factor = defaultFactor;
            var unitText = CsvFields.Field(fields, unitColumn);
            if (unitText.Length > 0 && !EmissionUnits.TryGetFactor(unitText, out factor))
                problems.Error(line, headers[unitColumn], unitText, "unknown-unit",
                    $"the unit is not one of {string.Join(", ", EmissionUnits.Known)}");

            double? co2 = null;
            var cell = CsvFields.Field(fields, co2Column);
            if (!CsvFields.IsMissing(cell))
            {
                if (!CsvFields.TryParseNumber(cell, out var value))
                    problems.Error(line, headers[co2Column], cell, "non-numeric", "the value is not a number");
                else if (value < 0)
                    problems.Error(line, headers[co2Column], cell, "negative-value", "emissions cannot be negative");
                else
                {
                    co2 = value * factor;
                    if (co2 > ImplausibleMt && !implausibleReported)
                    {
                        implausibleReported = true;
                        problems.Warning(line, headers[co2Column], cell, "implausible-value",
                            $"{co2:G6} Mt CO2 for one city-year is implausible: check the unit (the first such row is reported)");
                    }
                }
            }

            if (key is not { } k || !keys.IsFirst(k, fields, line)) continue;
            rows.Add(new EmissionRow(k.CityId, k.Year, co2));
        }
        if (rows.Count == 0 && problems.ErrorCount == 0)
            problems.Error(1, null, null, "no-rows", "the file has a header but no data row");
    }
}
