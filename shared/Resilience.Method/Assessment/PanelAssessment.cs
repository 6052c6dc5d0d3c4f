using Resilience.Method.Catalogs;
using Resilience.Method.Ingestion;

namespace Resilience.Method.Assessment;

/// <summary>
/// The whole resilience assessment of a city panel (method.md §4–§8): imputation, pooled direction-aware min-max,
/// entropy weights, dimension scores and indices, composite, TOPSIS, coupling coordination, obstacles and the
/// per-year statistics. Rows are ordered city (ordinal) then year.
/// </summary>
public static class PanelAssessment
{
    public static AssessmentResult Run(
        Catalog catalog, CityRegistry cities, IEnumerable<ObservationRow> observations, AssessmentOptions? options = null)
    {
        options ??= AssessmentOptions.Default;
        if (options.Mode != "pooled") throw new NotSupportedException($"Normalisation mode '{options.Mode}' is not supported yet.");
        if (options.Impute != "linear") throw new NotSupportedException($"Imputation '{options.Impute}' is not supported yet.");

        var warnings = new List<string>();
        var panel = PanelMatrix.Build(catalog, observations);
        if (panel.CityIds.Count == 0) throw new ArgumentException("There are no observations to assess.", nameof(observations));
        var imputed = Imputation.FillLinear(panel, catalog, warnings);

        int rows = panel.RowCount, m = catalog.Count;
        var x = panel.Values;
        var regions = panel.CityIds.Select(id => cities.Find(id)?.Region ?? CityRegistry.UnknownRegion).ToArray();

        // Pooled direction-aware min-max over all city-years, then the translation.
        var min = new double[m];
        var max = new double[m];
        var constant = new bool[m];
        var normalised = new double[rows, m];
        var shifted = new double[rows, m];
        for (var j = 0; j < m; j++)
        {
            min[j] = double.PositiveInfinity;
            max[j] = double.NegativeInfinity;
            for (var r = 0; r < rows; r++)
            {
                min[j] = Math.Min(min[j], x[r, j]);
                max[j] = Math.Max(max[j], x[r, j]);
            }
            var range = max[j] - min[j];
            constant[j] = !(range > 0);
            var benefit = catalog.Indicators[j].Direction == Direction.Benefit;
            for (var r = 0; r < rows; r++)
            {
                var value = constant[j] ? 0 : benefit ? (x[r, j] - min[j]) / range : (max[j] - x[r, j]) / range;
                normalised[r, j] = value;
                shifted[r, j] = value + options.Shift;
            }
            if (constant[j]) warnings.Add($"indicator '{catalog.Indicators[j].Id}' has the same value everywhere: weight 0");
        }

        var entropy = EntropyWeights.Compute(shifted, constant);
        var w = entropy.Weights;
        var dimensions = catalog.Dimensions;
        var dimensionOf = catalog.Indicators.Select(i => IndexOf(dimensions, i.Dimension)).ToArray();
        var dimensionWeight = new double[dimensions.Count];
        for (var j = 0; j < m; j++) dimensionWeight[dimensionOf[j]] += w[j];

        var scoreInput = options.ScoreUnshifted ? normalised : shifted;
        var weighted = new double[rows, m];
        for (var r = 0; r < rows; r++)
            for (var j = 0; j < m; j++)
                weighted[r, j] = w[j] * normalised[r, j];
        var topsis = Topsis.Closeness(weighted);

        var pair = ParsePair(options.CcdPair, dimensions);
        var cityYears = new CityYearResult[rows];
        for (var r = 0; r < rows; r++)
        {
            var score = new double[dimensions.Count];
            for (var j = 0; j < m; j++) score[dimensionOf[j]] += w[j] * scoreInput[r, j];
            var index = new double[dimensions.Count];
            for (var k = 0; k < dimensions.Count; k++) index[k] = dimensionWeight[k] > 0 ? score[k] / dimensionWeight[k] : 0;
            var composite = options.Composite == "equal-dims" ? index.Average() : score.Sum();

            var ccdInput = options.CcdInput == "score" ? score : index;
            var ccd = Coupling.Evaluate(ccdInput);
            var pairU = new[] { ccdInput[pair.A], ccdInput[pair.B] };
            var ccdPair = Coupling.Evaluate(pairU) with
            {
                Pair = [dimensions[pair.A], dimensions[pair.B]],
                LagType = Coupling.LagType(dimensions[pair.A], pairU[0], dimensions[pair.B], pairU[1]),
            };
            var (top, byDimension) = Obstacles(catalog, dimensions, dimensionOf, w, normalised, r, options.TopObstacles);

            var (cityIndex, yearIndex) = panel.Locate(r);
            cityYears[r] = new CityYearResult(
                panel.CityIds[cityIndex], panel.Years[yearIndex], regions[cityIndex], composite,
                dimensions.Select((d, k) => (d, k)).ToDictionary(p => p.d, p => new DimensionValue(score[p.k], index[p.k])),
                topsis[r], ccd, ccdPair, top, byDimension);
        }

        var weights = new WeightsResult("all", rows, entropy.K,
            catalog.Indicators.Select((ind, j) => new IndicatorWeight(ind.Id, ind.Dimension, ind.DirectionSymbol,
                min[j], max[j], entropy.Entropy[j], entropy.Divergence[j], w[j])).ToList(),
            dimensions.Select((d, k) => (d, k)).ToDictionary(p => p.d, p => dimensionWeight[p.k]));

        var yearly = YearlyStatistics(panel, cityYears, dimensions, options.SdDdof);
        var cityGrowth = new List<CityGrowth>();
        for (var c = 0; c < panel.CityIds.Count; c++)
            for (var t = 1; t < panel.Years.Count; t++)
                cityGrowth.Add(new CityGrowth(panel.CityIds[c], panel.Years[t],
                    Growth.Rate(cityYears[panel.Row(c, t - 1)].Composite, cityYears[panel.Row(c, t)].Composite)));

        var first = yearly[0];
        var last = yearly[^1];
        var summary = new Summary(first.Year, last.Year, first.Mean, last.Mean,
            Growth.AverageAnnual(first.Mean, last.Mean, last.Year - first.Year + 1) ?? 0,
            first.Cv, last.Cv, first.Theil.BetweenShare, last.Theil.BetweenShare);

        return new AssessmentResult(options, panel.CityIds, panel.Years, dimensions, weights, cityYears, yearly,
            cityGrowth, imputed, summary, warnings);
    }

    private static (ObstacleValue[] Top, Dictionary<string, double> ByDimension) Obstacles(
        Catalog catalog, IReadOnlyList<string> dimensions, int[] dimensionOf, double[] w, double[,] normalised, int r, int topN)
    {
        var m = w.Length;
        var contribution = new double[m];
        double total = 0;
        for (var j = 0; j < m; j++)
        {
            contribution[j] = w[j] * (1 - normalised[r, j]);
            total += contribution[j];
        }
        var degree = contribution.Select(c => total > 0 ? c / total * 100 : 0).ToArray();
        var byDimension = dimensions.ToDictionary(d => d, _ => 0.0);
        for (var j = 0; j < m; j++) byDimension[dimensions[dimensionOf[j]]] += degree[j];
        // Ties keep catalog order: OrderByDescending is a stable sort.
        var top = Enumerable.Range(0, m).OrderByDescending(j => degree[j]).Take(topN)
            .Select(j => new ObstacleValue(catalog.Indicators[j].Id, catalog.Indicators[j].Dimension, degree[j])).ToArray();
        return (top, byDimension);
    }

    private static List<YearStatistics> YearlyStatistics(
        PanelMatrix panel, CityYearResult[] cityYears, IReadOnlyList<string> dimensions, int ddof)
    {
        var yearly = new List<YearStatistics>();
        double? previousMean = null;
        for (var t = 0; t < panel.Years.Count; t++)
        {
            var rows = Enumerable.Range(0, panel.CityIds.Count).Select(c => cityYears[panel.Row(c, t)]).ToList();
            var composite = rows.Select(r => r.Composite).ToList();
            var regions = rows.Select(r => r.Region).ToList();
            var mean = Inequality.Mean(composite);

            var dimensionStats = dimensions.ToDictionary(d => d, d =>
            {
                var index = rows.Select(r => r.Dimensions[d].Index).ToList();
                return new DimensionStatistics(Inequality.Mean(index), Inequality.Sd(index, ddof), Inequality.Cv(index, ddof),
                    rows.Average(r => r.Dimensions[d].Score));
            });
            var regional = regions.Distinct().Order(StringComparer.Ordinal).ToDictionary(g => g, g =>
            {
                var members = rows.Where(r => r.Region == g).ToList();
                return new RegionalMean(members.Count, members.Average(r => r.Composite),
                    dimensions.ToDictionary(d => d, d => members.Average(r => r.Dimensions[d].Index)));
            });

            yearly.Add(new YearStatistics(
                panel.Years[t], rows.Count, mean, Inequality.Sd(composite, ddof), Inequality.Cv(composite, ddof),
                composite.Min(), composite.Max(), Inequality.Gini(composite),
                Inequality.TheilDecomposition(composite, regions), dimensionStats,
                rows.Average(r => r.Topsis.Closeness),
                new CcdMeans(rows.Average(r => r.Ccd.Classic.D), rows.Average(r => r.Ccd.Revised.D)),
                new CcdMeans(rows.Average(r => r.CcdPair.Classic.D), rows.Average(r => r.CcdPair.Revised.D)),
                regional,
                previousMean is { } p ? Growth.Rate(p, mean) : null));
            previousMean = mean;
        }
        return yearly;
    }

    private static (int A, int B) ParsePair(string pair, IReadOnlyList<string> dimensions)
    {
        var names = pair.Split(',', StringSplitOptions.TrimEntries);
        int a = names.Length == 2 ? IndexOf(dimensions, names[0]) : -1, b = names.Length == 2 ? IndexOf(dimensions, names[1]) : -1;
        if (a >= 0 && b >= 0 && a != b) return (a, b);
        // A catalog without both dimensions of the configured pair falls back to its first two dimensions.
        return dimensions.Count >= 2 ? (0, 1) : (0, 0);
    }

    private static int IndexOf(IReadOnlyList<string> list, string value)
    {
        for (var i = 0; i < list.Count; i++)
            if (string.Equals(list[i], value, StringComparison.OrdinalIgnoreCase)) return i;
        return -1;
    }
}
