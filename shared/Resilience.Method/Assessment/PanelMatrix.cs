using Resilience.Method.Catalogs;
using Resilience.Method.Ingestion;

namespace Resilience.Method.Assessment;

/// <summary>
/// City × year × indicator values, flat and row-major: cell (row, j) at <c>row * IndicatorCount + j</c>; NaN = missing.
/// Row = city * years + year, cities in ordinal order, years ascending.
/// </summary>
internal sealed class PanelMatrix
{
    private PanelMatrix(List<string> cityIds, List<int> years, int indicatorCount, double[] values)
    {
        CityIds = cityIds;
        Years = years;
        IndicatorCount = indicatorCount;
        Values = values;
    }

    public IReadOnlyList<string> CityIds { get; }
    public IReadOnlyList<int> Years { get; }
    public int IndicatorCount { get; }
    public double[] Values { get; }
    public int RowCount => CityIds.Count * Years.Count;

    public int Row(int city, int year) => city * Years.Count + year;

    public double this[int row, int indicator]
    {
        get => Values[row * IndicatorCount + indicator];
        set => Values[row * IndicatorCount + indicator] = value;
    }

    /// <summary>Later rows for the same city-year overwrite earlier ones cell by cell (missing cells never overwrite).</summary>
    public static PanelMatrix Build(Catalog catalog, IEnumerable<ObservationRow> observations)
    {
        var list = observations as IReadOnlyCollection<ObservationRow> ?? observations.ToList();
        var cityIds = list.Select(o => o.CityId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var years = list.Select(o => o.Year).Distinct().Order().ToList();
        var cityIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < cityIds.Count; i++) cityIndex[cityIds[i]] = i;
        var yearIndex = new Dictionary<int, int>();
        for (var i = 0; i < years.Count; i++) yearIndex[years[i]] = i;

        var m = catalog.Count;
        var values = new double[cityIds.Count * years.Count * m];
        Array.Fill(values, double.NaN);
        foreach (var o in list)
        {
            var offset = (cityIndex[o.CityId] * years.Count + yearIndex[o.Year]) * m;
            var count = Math.Min(m, o.Values.Length);
            for (var j = 0; j < count; j++)
                if (o.Values[j] is { } v) values[offset + j] = v;
        }
        return new PanelMatrix(cityIds, years, m, values);
    }
}

/// <summary>Linear interpolation inside a series, nearest observed value at the ends (method.md §0).</summary>
public static class SeriesInterpolation
{
    /// <summary>
    /// Fills the NaN entries of <paramref name="values"/> (observed at <paramref name="years"/>, ascending) in place.
    /// Returns false, changing nothing, if the series has no observed value at all.
    /// </summary>
    public static bool Fill(Span<double> values, IReadOnlyList<int> years)
    {
        var before = -1;
        for (var t = 0; t < values.Length; t++)
        {
            if (!double.IsNaN(values[t]))
            {
                before = t;
                continue;
            }
            var after = t + 1;
            while (after < values.Length && double.IsNaN(values[after])) after++;
            if (before < 0 && after == values.Length) return false;
            for (var gap = t; gap < after; gap++)
            {
                if (before < 0) values[gap] = values[after];
                else if (after == values.Length) values[gap] = values[before];
                else
                {
                    double y0 = years[before], y1 = years[after], yt = years[gap];
                    double v0 = values[before], v1 = values[after];
                    values[gap] = v0 + (v1 - v0) * (yt - y0) / (y1 - y0);
                }
            }
            t = after - 1;
        }
        return true;
    }
}

/// <summary>Missing-value treatment: <c>linear</c> fills every cell, <c>none</c> leaves out incomplete city-years.</summary>
internal static class Imputation
{
    public const string LinearMethod = "linear/nearest";
    public const string CrossCityMeanMethod = "cross-city-mean";

    /// <summary>Treats the missing cells in place; returns the filled cells and, per panel row, whether it enters the assessment.</summary>
    public static (List<ImputedCell> Imputed, bool[] Included) Apply(
        PanelMatrix panel, Catalog catalog, string mode, List<string> warnings)
    {
        DropIndicatorsWithoutValues(panel, catalog, warnings);
        if (mode == AssessmentOptions.NoImputation) return ([], IncludeCompleteRows(panel, catalog, warnings));
        var imputed = FillLinear(panel, catalog);
        var included = new bool[panel.RowCount];
        Array.Fill(included, true);
        return (imputed, included);
    }

    /// <summary>An indicator without any value is set to 0 everywhere: a constant column, so weight 0.</summary>
    private static void DropIndicatorsWithoutValues(PanelMatrix panel, Catalog catalog, List<string> warnings)
    {
        for (var j = 0; j < catalog.Count; j++)
        {
            var anyValue = false;
            for (var r = 0; r < panel.RowCount && !anyValue; r++) anyValue = !double.IsNaN(panel[r, j]);
            if (anyValue) continue;
            warnings.Add($"indicator '{catalog.Indicators[j].Id}' has no value at all: it is set to 0 and gets weight 0");
            for (var r = 0; r < panel.RowCount; r++) panel[r, j] = 0;
        }
    }

    private static List<ImputedCell> FillLinear(PanelMatrix panel, Catalog catalog)
    {
        var imputed = new List<ImputedCell>();
        int cities = panel.CityIds.Count, years = panel.Years.Count, m = catalog.Count;
        var series = new double[years];
        var emptyCities = Enumerable.Range(0, m).Select(_ => new List<int>()).ToArray();
        // City by city: a city's rows are one contiguous block of the matrix.
        for (var c = 0; c < cities; c++)
        {
            var block = panel.Values.AsSpan(panel.Row(c, 0) * m, years * m);
            for (var j = 0; j < m; j++)
            {
                var missing = 0;
                for (var t = 0; t < years; t++)
                {
                    series[t] = block[t * m + j];
                    if (double.IsNaN(series[t])) missing++;
                }
                if (missing == 0) continue;
                if (!SeriesInterpolation.Fill(series, panel.Years))
                {
                    emptyCities[j].Add(c);
                    continue;
                }
                for (var t = 0; t < years; t++)
                {
                    if (!double.IsNaN(block[t * m + j])) continue;
                    block[t * m + j] = series[t];
                    imputed.Add(new ImputedCell(panel.CityIds[c], panel.Years[t], catalog.Indicators[j].Id, LinearMethod, series[t]));
                }
            }
        }
        // A city that never reports an indicator takes the mean of the other cities in each year.
        for (var j = 0; j < m; j++)
        {
            if (emptyCities[j].Count == 0) continue;
            var empty = new HashSet<int>(emptyCities[j]);
            foreach (var c in emptyCities[j])
            {
                for (var t = 0; t < years; t++)
                {
                    double sum = 0;
                    var count = 0;
                    for (var other = 0; other < cities; other++)
                    {
                        if (empty.Contains(other)) continue;
                        sum += panel[panel.Row(other, t), j];
                        count++;
                    }
                    panel[panel.Row(c, t), j] = sum / count;
                    imputed.Add(new ImputedCell(panel.CityIds[c], panel.Years[t], catalog.Indicators[j].Id, CrossCityMeanMethod, sum / count));
                }
            }
        }
        return imputed.OrderBy(i => catalog.IndexOf(i.IndicatorId)).ThenBy(i => i.CityId, StringComparer.Ordinal).ThenBy(i => i.Year).ToList();
    }

    private static bool[] IncludeCompleteRows(PanelMatrix panel, Catalog catalog, List<string> warnings)
    {
        var included = new bool[panel.RowCount];
        var leftOut = new List<string>();
        for (var c = 0; c < panel.CityIds.Count; c++)
        {
            for (var t = 0; t < panel.Years.Count; t++)
            {
                var row = panel.Row(c, t);
                var missing = Enumerable.Range(0, catalog.Count).Where(j => double.IsNaN(panel[row, j])).ToList();
                included[row] = missing.Count == 0;
                if (missing.Count == 0) continue;
                var what = missing.Count == catalog.Count ? "no data" : string.Join(", ", missing.Select(j => catalog.Indicators[j].Id));
                leftOut.Add($"{panel.CityIds[c]} {panel.Years[t]} ({what})");
            }
        }
        const int listed = 10;
        if (leftOut.Count > 0)
            warnings.Add($"impute = none: {leftOut.Count} city-year(s) with missing values are left out: " +
                string.Join("; ", leftOut.Take(listed)) + (leftOut.Count > listed ? "; ..." : ""));
        return included;
    }
}
