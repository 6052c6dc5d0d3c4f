using Resilience.Method.Catalogs;

namespace Resilience.Method.Ingestion;

/// <summary>
/// Reads and checks the city and the year of each row of a city-year table, the same way for every kind of input
/// file: row shape, empty or invalid keys, cities unknown to the registry (reported once), repeated city-years.
/// </summary>
internal sealed class CityYearKeys(
    IReadOnlyList<string> headers, int cityColumn, int yearColumn, CityRegistry cities, ProblemList problems, string unknownCityNote)
{
    private readonly Dictionary<(string, int), long> _firstLine = new();
    private readonly HashSet<string> _unknownCities = new(StringComparer.Ordinal);

    /// <summary>The row's key, or null when its city or year is unusable (the problem is reported).</summary>
    public (string CityId, int Year)? Read(string[] fields, long line)
    {
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
            if (city is null && _unknownCities.Add(cityText))
                problems.Warning(line, headers[cityColumn], cityText, "unknown-city",
                    "the city is not in the dataset's cities file or the built-in registry" + unknownCityNote);
        }
        if (yearText.Length == 0) problems.Error(line, headers[yearColumn], "", "missing-year", "the year is empty");
        else if (!CsvFields.TryParseYear(yearText, out year))
            problems.Error(line, headers[yearColumn], yearText, "invalid-year", "the year is not a whole number between 1900 and 2100");
        return cityId is null || year == 0 ? null : (cityId, year);
    }

    /// <summary>True the first time a city-year is seen; a repeat is reported as an error.</summary>
    public bool IsFirst((string CityId, int Year) key, string[] fields, long line)
    {
        if (_firstLine.TryGetValue(key, out var firstLine))
        {
            problems.Error(line, headers[cityColumn], CsvFields.Field(fields, cityColumn), "duplicate-city-year",
                $"{key.CityId} {key.Year} already appears in row {firstLine}");
            return false;
        }
        _firstLine.Add(key, line);
        return true;
    }
}
