using System.Text.RegularExpressions;
using Resilience.Method.Catalogs;
using Resilience.Method.Ingestion.Sources;

namespace Resilience.Method.Ingestion;

public enum LayoutKind
{
    /// <summary>city, year, one column per indicator (a multi-year panel, or one year).</summary>
    Panel,

    /// <summary>city, one column per indicator; the year is in the sheet or file name.</summary>
    WideOneYear,

    /// <summary>city, year, indicator, value.</summary>
    Long,

    /// <summary>city, one column per year, for one indicator (named by the catalog, sheet or file).</summary>
    WideYears,
}

/// <summary>What one column of the header row is used for, as the report shows it.</summary>
public sealed record ColumnUse(int Index, string Header, string Use);

/// <summary>
/// The layout of a table found from its header row: which row is the header (title rows above it are skipped),
/// which columns hold the city, the year, indicators (by id, English or Chinese name), or years.
/// </summary>
internal sealed partial class TableLayout
{
    private TableLayout(TabularRow header, string[] headers) => (HeaderRow, Headers) = (header, headers);

    public TabularRow HeaderRow { get; }
    public string[] Headers { get; }
    public LayoutKind Kind { get; private set; }
    public int CityColumn { get; private set; } = -1;
    public int YearColumn { get; private set; } = -1;
    public int IndicatorNameColumn { get; private set; } = -1;
    public int ValueColumn { get; private set; } = -1;
    public int UnitColumn { get; private set; } = -1;

    /// <summary>Per column: the catalog index of the indicator it holds, or -1.</summary>
    public int[] ColumnIndicator { get; private set; } = [];

    /// <summary>Per column (wide-years layout): the year it holds, or 0.</summary>
    public int[] ColumnYear { get; private set; } = [];

    /// <summary>The year of every row (wide one-year layout), from the sheet or file name.</summary>
    public int FixedYear { get; private set; }

    /// <summary>The one year the file name holds ("indicators_2019.csv"), whatever the layout; null for none or several.</summary>
    public int? FileNameYear { get; private set; }

    /// <summary>The indicator of every value (wide-years layout).</summary>
    public int FixedIndicator { get; private set; } = -1;

    /// <summary>Set when the layout is recognised but cannot be read; the file is rejected with it.</summary>
    public string? Blocker { get; private set; }

    /// <summary>The rule the <see cref="Blocker"/> breaks.</summary>
    public string BlockerRule { get; private set; } = "";

    public int Score { get; private set; }
    public IReadOnlyList<ColumnUse> Columns { get; private set; } = [];

    public string Describe() => Kind switch
    {
        LayoutKind.Panel => "wide panel (city, year, one column per indicator)",
        LayoutKind.WideOneYear => $"wide, one year ({FixedYear}, from the {(YearFromSheet ? "sheet" : "file")} name)",
        LayoutKind.Long => "long (city, year, indicator, value)",
        _ => "one indicator, one column per year",
    };

    /// <summary>Wide one-year layout: the year comes from the sheet name (a workbook may hold one sheet per year).</summary>
    public bool YearFromSheet { get; private set; }

    /// <summary>
    /// The best header row among the first rows of a sheet, or null. <paramref name="diagnosis"/> says why none
    /// fits when it is null.
    /// </summary>
    public static TableLayout? Find(IReadOnlyList<TabularRow> firstRows, string? sheet, string fileName, Catalog catalog,
        IndicatorMatcher matcher, CityRegistry cities, out string rule, out string diagnosis, out string[] ignoredHeaders)
    {
        TableLayout? best = null;
        (int Indicators, long Row, string[] Headers)? indicatorsWithoutCity = null;
        (long Row, string[] Headers)? cityWithoutIndicators = null;
        for (var i = 0; i < firstRows.Count; i++)
        {
            var row = firstRows[i];
            if (row.IsBlank) continue;
            var headers = row.Cells.Select(c => c.Display).ToArray();
            var layout = new TableLayout(row, headers);
            var cityFound = layout.Classify(firstRows.Skip(i + 1).Take(50), sheet, fileName, catalog, matcher, cities);
            var indicatorCount = layout.ColumnIndicator.Count(c => c >= 0);
            if (!cityFound)
            {
                if (indicatorCount > 0 && indicatorsWithoutCity is null) indicatorsWithoutCity = (indicatorCount, row.Row, headers);
                continue;
            }
            if (layout.Score == 0)
            {
                cityWithoutIndicators ??= (row.Row, headers);
                continue;
            }
            // A readable layout beats a blocked one; then the higher score; then the earlier row.
            if (best is null || (best.Blocker is not null && layout.Blocker is null)
                || ((best.Blocker is null) == (layout.Blocker is null) && layout.Score > best.Score))
                best = layout;
        }
        ignoredHeaders = best is null && indicatorsWithoutCity is null && cityWithoutIndicators is { } c
            ? c.Headers.Where(h => h.Length > 0 && ColumnVocabulary.Rank(h, ColumnVocabulary.City) < 0 && ColumnVocabulary.Rank(h, ColumnVocabulary.Year) < 0).ToArray()
            : [];
        rule = best is not null ? "" : indicatorsWithoutCity is not null ? "missing-city-column"
            : cityWithoutIndicators is not null ? "no-indicator-columns" : "no-header";
        diagnosis = best is not null ? "" :
            indicatorsWithoutCity is { } a
                ? $"row {a.Row} has {a.Indicators} indicator column(s) but no city column; name it one of: {Expected(ColumnVocabulary.City)}"
            : cityWithoutIndicators is { } b
                ? $"row {b.Row} has a city column, but no column is an indicator of the catalog (by id, English or Chinese name), " +
                  $"no year columns and no long-layout indicator/value columns; its headers: {Preview(b.Headers)}"
            : $"no header row found in the first {firstRows.Count} rows: a header needs a city column ({Expected(ColumnVocabulary.City)}) " +
              "and indicator columns, or year columns, or indicator and value columns (long layout)";
        return best;
    }

    private static string Expected(string[] vocabulary) => string.Join(", ", vocabulary.Take(8)) + ", ...";

    private static string Preview(string[] headers) =>
        string.Join(", ", headers.Where(h => h.Length > 0).Take(12).Select(h => $"'{(h.Length > 40 ? h[..40] + "…" : h)}'"));

    /// <summary>Assigns each column its role; false when no city column is found.</summary>
    private bool Classify(IEnumerable<TabularRow> sampleRows, string? sheet, string fileName, Catalog catalog,
        IndicatorMatcher matcher, CityRegistry cities)
    {
        var n = Headers.Length;
        var uses = new string[n];
        FileNameYear = YearIn(Path.GetFileNameWithoutExtension(fileName));
        CityColumn = ChooseCityColumn(sampleRows.ToList(), cities);
        if (CityColumn < 0)
        {
            ColumnIndicator = Headers.Select(matcher.Match).ToArray();
            return false;
        }
        YearColumn = FirstColumn(ColumnVocabulary.Year, CityColumn);
        IndicatorNameColumn = FirstColumn(ColumnVocabulary.IndicatorName, CityColumn, YearColumn);
        ValueColumn = FirstColumn(ColumnVocabulary.Value, CityColumn, YearColumn, IndicatorNameColumn);
        UnitColumn = FirstColumn(ColumnVocabulary.Unit, CityColumn, YearColumn, IndicatorNameColumn, ValueColumn);

        ColumnIndicator = Enumerable.Repeat(-1, n).ToArray();
        ColumnYear = new int[n];
        var keyColumns = new[] { CityColumn, YearColumn, IndicatorNameColumn, ValueColumn, UnitColumn };
        for (var c = 0; c < n; c++)
        {
            if (keyColumns.Contains(c)) continue;
            ColumnIndicator[c] = matcher.Match(Headers[c]);
            if (ColumnIndicator[c] < 0 && HeaderRow[c].Number is { } number && NumberConventions.TryYear(number, out var y)) ColumnYear[c] = y;
            else if (ColumnIndicator[c] < 0 && NumberConventions.TryParseYear(Headers[c], out y)) ColumnYear[c] = y;
        }
        var indicators = ColumnIndicator.Count(i => i >= 0);
        var yearColumns = ColumnYear.Count(y => y > 0);

        if (YearColumn >= 0 && IndicatorNameColumn >= 0 && ValueColumn >= 0)
        {
            Kind = LayoutKind.Long;
            Array.Fill(ColumnIndicator, -1);
            Score = 100;
        }
        else if (YearColumn >= 0 && indicators > 0)
        {
            Kind = LayoutKind.Panel;
            Score = 2 * indicators + 1;
        }
        else if (YearColumn < 0 && indicators > 0)
        {
            Kind = LayoutKind.WideOneYear;
            Score = 2 * indicators;
            if (YearIn(sheet) is { } fromSheet) (FixedYear, YearFromSheet) = (fromSheet, true);
            else if (FileNameYear is { } fromFile) FixedYear = fromFile;
            else if (YearsIn(Path.GetFileNameWithoutExtension(fileName)) is { Count: > 1 } several)
                (BlockerRule, Blocker) = ("missing-year-column", $"the table has no year column and the file name holds several years ({string.Join(", ", several)}), " +
                    "so which year its rows are is unclear; add a 'year' column or name the file with its one year (e.g. indicators_2019.csv)");
            else (BlockerRule, Blocker) = ("missing-year-column", "the table has no year column and neither the sheet nor the file name holds a year (e.g. indicators_2019.csv); " +
                "add a 'year' column or put the year in the file name");
        }
        else if (YearColumn < 0 && yearColumns >= 2)
        {
            Kind = LayoutKind.WideYears;
            Score = yearColumns;
            FixedIndicator = catalog.Count == 1 ? 0 : new[] { sheet, Path.GetFileNameWithoutExtension(fileName) }.Select(matcher.Match).FirstOrDefault(i => i >= 0, -1);
            if (FixedIndicator < 0)
                (BlockerRule, Blocker) = ("unnamed-indicator", $"the columns are years ({ColumnYear.Where(y => y > 0).Min()}–{ColumnYear.Max()}) but the indicator they hold is not named: " +
                    "name the sheet or the file after the indicator id, or use the long layout (city, year, indicator, value)");
        }
        else Score = 0;

        for (var c = 0; c < n; c++)
        {
            uses[c] = c == CityColumn ? "city" : c == YearColumn ? "year" : c == IndicatorNameColumn && Kind == LayoutKind.Long ? "indicator"
                : c == ValueColumn && Kind == LayoutKind.Long ? "value" : c == UnitColumn ? "unit"
                : Kind is LayoutKind.Panel or LayoutKind.WideOneYear && ColumnIndicator[c] >= 0 ? "indicator " + catalog.Indicators[ColumnIndicator[c]].Id
                : Kind == LayoutKind.WideYears && ColumnYear[c] > 0 ? $"year {ColumnYear[c]}"
                : "ignored";
        }
        if (Kind != LayoutKind.WideYears) Array.Clear(ColumnYear);
        Columns = Enumerable.Range(0, n).Where(c => Headers[c].Length > 0 || uses[c] != "ignored")
            .Select(c => new ColumnUse(c + 1, Headers[c], uses[c])).ToList();
        return true;
    }

    /// <summary>Among columns named like a city column, the one whose values the registry knows best.</summary>
    private int ChooseCityColumn(List<TabularRow> sample, CityRegistry cities)
    {
        var best = -1;
        (int Matches, int Rank) bestScore = (-1, int.MaxValue);
        // Codes only identify cities when the registry has them; otherwise a name column is the better guess.
        var registryHasCodes = cities.Cities.Any(c => c.Code is not null);
        for (var c = 0; c < Headers.Length; c++)
        {
            var rank = ColumnVocabulary.Rank(Headers[c], ColumnVocabulary.City);
            if (rank < 0) continue;
            if (!registryHasCodes && ColumnVocabulary.IsCode(Headers[c])) rank += ColumnVocabulary.City.Length;
            var matches = sample.Count(r => r[c].Display is { Length: > 0 } v && cities.Find(v) is not null);
            if (matches > bestScore.Matches || (matches == bestScore.Matches && rank < bestScore.Rank))
                (best, bestScore) = (c, (matches, rank));
        }
        return best;
    }

    private int FirstColumn(string[] vocabulary, params int[] taken)
    {
        var best = -1;
        var bestRank = int.MaxValue;
        for (var c = 0; c < Headers.Length; c++)
        {
            if (taken.Contains(c)) continue;
            var rank = ColumnVocabulary.Rank(Headers[c], vocabulary);
            if (rank >= 0 && rank < bestRank) (best, bestRank) = (c, rank);
        }
        return best;
    }

    /// <summary>The last 4-digit year (1900–2100) standing on its own in a name: "indicators_2019" → 2019.</summary>
    private static int? YearIn(string? name)
    {
        // One year only: "面板数据2000-2023" names a period, not the year of every row.
        var years = YearsIn(name);
        return years.Count == 1 ? years[0] : null;
    }

    private static List<int> YearsIn(string? name) => string.IsNullOrEmpty(name) ? []
        : YearPattern().Matches(name).Select(m => int.Parse(m.Value, System.Globalization.CultureInfo.InvariantCulture)).Distinct().ToList();

    [GeneratedRegex(@"(?<![0-9])(19|20)[0-9]{2}(?![0-9])")]
    private static partial Regex YearPattern();
}
