using Resilience.Method.Catalogs;
using Resilience.Method.Ingestion;

namespace Resilience.Method.Assessment;

/// <summary>City × year × indicator values in one matrix [row, indicator]; NaN = missing. Row = city * years + year.</summary>
internal sealed class PanelMatrix
{
    private PanelMatrix(List<string> cityIds, List<int> years, double[,] values)
    {
        CityIds = cityIds;
        Years = years;
        Values = values;
    }

    public IReadOnlyList<string> CityIds { get; }
    public IReadOnlyList<int> Years { get; }
    public double[,] Values { get; }
    public int RowCount => CityIds.Count * Years.Count;

    public int Row(int city, int year) => city * Years.Count + year;

    public (int City, int Year) Locate(int row) => (row / Years.Count, row % Years.Count);

    /// <summary>Later rows for the same city-year overwrite earlier ones cell by cell (missing cells never overwrite).</summary>
    public static PanelMatrix Build(Catalog catalog, IEnumerable<ObservationRow> observations)
    {
        var list = observations as IReadOnlyCollection<ObservationRow> ?? observations.ToList();
        var cityIds = list.Select(o => o.CityId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var years = list.Select(o => o.Year).Distinct().Order().ToList();
        var cityIndex = cityIds.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i, StringComparer.Ordinal);
        var yearIndex = years.Select((y, i) => (y, i)).ToDictionary(p => p.y, p => p.i);
        var values = new double[cityIds.Count * years.Count, catalog.Count];
        for (var r = 0; r < values.GetLength(0); r++)
            for (var j = 0; j < catalog.Count; j++)
                values[r, j] = double.NaN;
        foreach (var o in list)
        {
            var row = cityIndex[o.CityId] * years.Count + yearIndex[o.Year];
            for (var j = 0; j < catalog.Count && j < o.Values.Length; j++)
                if (o.Values[j] is { } v) values[row, j] = v;
        }
        return new PanelMatrix(cityIds, years, values);
    }
}

/// <summary>Missing-value treatment of method.md §0: linear inside a series, nearest at the ends, cross-city mean otherwise.</summary>
internal static class Imputation
{
    public static List<ImputedCell> FillLinear(PanelMatrix panel, Catalog catalog, List<string> warnings)
    {
        var imputed = new List<ImputedCell>();
        var x = panel.Values;
        int cities = panel.CityIds.Count, years = panel.Years.Count;
        for (var j = 0; j < catalog.Count; j++)
        {
            var emptyCities = new List<int>();
            for (var c = 0; c < cities; c++)
            {
                var known = Enumerable.Range(0, years).Where(t => !double.IsNaN(x[panel.Row(c, t), j])).ToList();
                if (known.Count == 0)
                {
                    emptyCities.Add(c);
                    continue;
                }
                for (var t = 0; t < years; t++)
                {
                    if (!double.IsNaN(x[panel.Row(c, t), j])) continue;
                    var value = Interpolate(panel, c, j, t, known);
                    x[panel.Row(c, t), j] = value;
                    imputed.Add(new ImputedCell(panel.CityIds[c], panel.Years[t], catalog.Indicators[j].Id, "linear/nearest", value));
                }
            }
            if (emptyCities.Count == cities)
            {
                warnings.Add($"indicator '{catalog.Indicators[j].Id}' has no value at all: it is set to 0 and gets weight 0");
                for (var r = 0; r < panel.RowCount; r++) x[r, j] = 0;
                continue;
            }
            foreach (var c in emptyCities)
            {
                for (var t = 0; t < years; t++)
                {
                    var others = Enumerable.Range(0, cities).Where(o => !emptyCities.Contains(o)).Select(o => x[panel.Row(o, t), j]);
                    var value = others.Average();
                    x[panel.Row(c, t), j] = value;
                    imputed.Add(new ImputedCell(panel.CityIds[c], panel.Years[t], catalog.Indicators[j].Id, "cross-city-mean", value));
                }
            }
        }
        return imputed.OrderBy(i => catalog.IndexOf(i.IndicatorId)).ThenBy(i => i.CityId, StringComparer.Ordinal).ThenBy(i => i.Year).ToList();
    }

    private static double Interpolate(PanelMatrix panel, int city, int indicator, int t, List<int> known)
    {
        var before = known.LastOrDefault(k => k < t, -1);
        var after = known.FirstOrDefault(k => k > t, -1);
        var x = panel.Values;
        if (before < 0) return x[panel.Row(city, after), indicator];
        if (after < 0) return x[panel.Row(city, before), indicator];
        double y0 = panel.Years[before], y1 = panel.Years[after], yt = panel.Years[t];
        double v0 = x[panel.Row(city, before), indicator], v1 = x[panel.Row(city, after), indicator];
        return v0 + (v1 - v0) * (yt - y0) / (y1 - y0);
    }
}
