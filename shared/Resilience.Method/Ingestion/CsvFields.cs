using System.Globalization;

namespace Resilience.Method.Ingestion;

/// <summary>The cell conventions shared by the data-file readers: key columns, missing markers, numbers and years.</summary>
internal static class CsvFields
{
    public static readonly string[] CityColumns = ["city_id", "city"];
    public static readonly string[] YearColumns = ["year"];

    private static readonly HashSet<string> MissingMarkers = new(StringComparer.OrdinalIgnoreCase)
        { "", "NA", "N/A", "NaN", "null", "-", "—", "..", "#N/A", "#DIV/0!", "#VALUE!", "#REF!", "#NUM!", "#NAME?", "#NULL!" };

    /// <summary>Empty, NA, N/A, -, .. and the Excel error strings mean a missing value.</summary>
    public static bool IsMissing(string cell) => MissingMarkers.Contains(cell);

    /// <summary>Index of the first header matching one of <paramref name="names"/> (in that order of preference), or -1.</summary>
    public static int FindColumn(IReadOnlyList<string> headers, params string[] names)
    {
        foreach (var name in names)
        {
            for (var i = 0; i < headers.Count; i++)
                if (string.Equals(headers[i], name, StringComparison.OrdinalIgnoreCase)) return i;
        }
        return -1;
    }

    /// <summary>The trimmed field at <paramref name="index"/>, or "" where the row is shorter or the column absent.</summary>
    public static string Field(string[] fields, int index) => index >= 0 && index < fields.Length ? fields[index].Trim() : "";

    /// <summary>A finite number in the invariant culture.</summary>
    public static bool TryParseNumber(string cell, out double value) =>
        double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    /// <summary>"2019" and "2019.0" (pandas float export) are both a year; 1900–2100.</summary>
    public static bool TryParseYear(string text, out int year)
    {
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            && number == Math.Floor(number) && number is >= 1900 and <= 2100)
        {
            year = (int)number;
            return true;
        }
        year = 0;
        return false;
    }
}
