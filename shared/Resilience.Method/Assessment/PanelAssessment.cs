using System.Globalization;
using Resilience.Method.Catalogs;
using Resilience.Method.Emissions;
using Resilience.Method.Ingestion;
using Resilience.Method.Sensitivity;

namespace Resilience.Method.Assessment;

/// <summary>
/// The whole resilience assessment of a city panel (method.md §4–§10): missing-value treatment, direction-aware
/// min-max (pooled or per year), entropy weights, dimension scores and indices, composite, TOPSIS, coupling
/// coordination, obstacles, the per-year statistics and, on request, the emissions analysis and the sensitivity
/// analysis. Rows are ordered city (ordinal) then year.
/// </summary>
public static class PanelAssessment
{
    /// <param name="emissions">CO2 per city-year (Mt); adds <see cref="AssessmentResult.Emissions"/> and the summary's CO2 figures.</param>
    /// <param name="sensitivity">Adds <see cref="AssessmentResult.Sensitivity"/>: alternative weightings and the Monte Carlo perturbation.</param>
    /// <param name="progress">Share of the Monte Carlo runs done, 0 to 1.</param>
    /// <exception cref="ArgumentException">Invalid options, or nothing to assess.</exception>
    public static AssessmentResult Run(
        Catalog catalog, CityRegistry cities, IEnumerable<ObservationRow> observations, AssessmentOptions? options = null,
        IEnumerable<EmissionRow>? emissions = null, SensitivityOptions? sensitivity = null, IProgress<double>? progress = null)
    {
        options ??= AssessmentOptions.Default;
        options.Validate(catalog);
        sensitivity?.Validate();

        var warnings = new List<string>();
        var prepared = PreparedPanel.Prepare(catalog, observations, options, warnings, out var imputed);
        var pair = PairDimensions(options, prepared.Dimensions, warnings);
        var regions = prepared.CityIds.Select(id => cities.Find(id)?.Region ?? CityRegistry.UnknownRegion).ToArray();

        var cityYears = new CityYearResult[prepared.RowCount];
        var scores = new DimensionScores(prepared.RowCount, prepared.Dimensions.Count);
        foreach (var group in prepared.Groups) ScoreGroup(prepared, group, pair, regions, cityYears, scores);

        var weightGroups = prepared.Groups.Select(g => WeightsOf(prepared, g)).ToList();
        var yearly = YearlyStatistics(prepared, cityYears, scores, options.SdDdof);
        var cityGrowth = CityGrowth(prepared, cityYears);
        var first = yearly[0];
        var last = yearly[^1];
        if (yearly.Count < 2) warnings.Add("only one year: growth rates are undefined (null) and the average annual growth rate is reported as 0");
        var summary = new Summary(first.Year, last.Year, first.Mean, last.Mean,
            Growth.AverageAnnual(first.Mean, last.Mean, last.Year - first.Year + 1) ?? 0,
            first.Cv, last.Cv, first.Theil.BetweenShare, last.Theil.BetweenShare);

        var assessedCities = Enumerable.Range(0, prepared.CityIds.Count)
            .Where(c => Enumerable.Range(0, prepared.Years.Count).Any(t => prepared.AssessedRow(c, t) >= 0))
            .Select(c => prepared.CityIds[c]).ToList();
        var result = new AssessmentResult(options, assessedCities, yearly.Select(y => y.Year).ToList(), prepared.Dimensions,
            weightGroups[^1], cityYears, yearly, cityGrowth, imputed, summary, warnings)
        {
            WeightGroups = weightGroups,
        };
        if (emissions is not null) result = result.WithEmissions(EmissionsAnalysis.Analyse(result, emissions));
        if (sensitivity is not null) result = result with { Sensitivity = SensitivityAnalysis.Run(prepared, sensitivity, progress) };
        return result;
    }

    /// <summary>Scores, indices, composite, TOPSIS, CCD and obstacles of every city-year of one normalisation group.</summary>
    private static void ScoreGroup(
        PreparedPanel prepared, WeightGroup group, (int A, int B) pair, string[] regions, CityYearResult[] cityYears, DimensionScores scores)
    {
        var options = prepared.Options;
        var dimensions = prepared.Dimensions;
        int m = prepared.IndicatorCount, dimensionCount = dimensions.Count;
        var w = group.Weights;
        var shift = prepared.ScoreShift;
        var coefficients = Aggregation.CompositeCoefficients(w, prepared.DimensionOf, dimensionCount, options.Composite);
        var alpha = options.CcdTWeights == AssessmentOptions.EqualTWeights ? null : options.TWeights(dimensionCount);
        // The pair's T-weights are its two dimensions' α renormalised to sum 1 (equal when both are 0).
        var pairTotal = alpha is null ? 0 : alpha[pair.A] + alpha[pair.B];
        double[]? pairAlpha = pairTotal > 0 ? [alpha![pair.A] / pairTotal, alpha[pair.B] / pairTotal] : null;

        var topsis = Topsis.Closeness(group.Normalised, group.Size, m, w);

        var obstacleScratch = new ObstacleScratch(m);
        string[] pairNames = [dimensions[pair.A], dimensions[pair.B]];
        for (var p = 0; p < group.Size; p++)
        {
            var x = group.NormalisedRow(p, m);
            var score = new double[dimensionCount];
            for (var j = 0; j < m; j++) score[prepared.DimensionOf[j]] += w[j] * (x[j] + shift);
            var index = new double[dimensionCount];
            for (var k = 0; k < dimensionCount; k++) index[k] = group.DimensionWeights[k] > 0 ? score[k] / group.DimensionWeights[k] : 0;

            var ccdInput = options.CcdInput == AssessmentOptions.ScoreCcdInput ? score : index;
            var pairU = new[] { ccdInput[pair.A], ccdInput[pair.B] };
            var ccdPair = Coupling.Evaluate(pairU, pairAlpha) with
            {
                Pair = pairNames,
                LagType = Coupling.LagType(dimensions[pair.A], pairU[0], dimensions[pair.B], pairU[1]),
            };
            var (top, byDimension) = Obstacles(prepared, w, x, options.TopObstacles, obstacleScratch);

            var row = group.Rows[p];
            var dimensionValues = new DimensionValue[dimensionCount];
            for (var k = 0; k < dimensionCount; k++)
            {
                dimensionValues[k] = new DimensionValue(score[k], index[k]);
                scores.Score[row * dimensionCount + k] = score[k];
                scores.Index[row * dimensionCount + k] = index[k];
            }
            var city = prepared.RowCity[row];
            cityYears[row] = new CityYearResult(
                prepared.CityIds[city], prepared.Years[prepared.RowYear[row]], regions[city],
                Aggregation.Composite(x, coefficients, shift), new NamedValues<DimensionValue>(dimensions, dimensionValues), topsis[p],
                Coupling.Evaluate(ccdInput, alpha), ccdPair,
                top, byDimension);
        }
    }

    /// <summary>
    /// Obstacle degrees (method.md §10): O_j = w_j (1 − x'_j) / Σ_l w_l (1 − x'_l) × 100, all 0 when the sum is 0;
    /// the top N in descending order (ties keep catalog order) and the sums per dimension.
    /// </summary>
    private static (ObstacleValue[] Top, NamedValues<double> ByDimension) Obstacles(
        PreparedPanel prepared, double[] w, ReadOnlySpan<double> x, int topN, ObstacleScratch scratch)
    {
        var m = w.Length;
        var degree = scratch.Degree;
        double total = 0;
        for (var j = 0; j < m; j++)
        {
            degree[j] = w[j] * (1 - x[j]);
            total += degree[j];
        }
        for (var j = 0; j < m; j++) degree[j] = total > 0 ? degree[j] / total * 100 : 0;

        var byDimension = new double[prepared.Dimensions.Count];
        for (var j = 0; j < m; j++) byDimension[prepared.DimensionOf[j]] += degree[j];

        var top = new ObstacleValue[Math.Min(topN, m)];
        var taken = scratch.Taken;
        Array.Clear(taken);
        for (var n = 0; n < top.Length; n++)
        {
            var best = -1;
            for (var j = 0; j < m; j++)
                if (!taken[j] && (best < 0 || degree[j] > degree[best])) best = j;
            taken[best] = true;
            var indicator = prepared.Catalog.Indicators[best];
            top[n] = new ObstacleValue(indicator.Id, indicator.Dimension, degree[best]);
        }
        return (top, new NamedValues<double>(prepared.Dimensions, byDimension));
    }

    /// <summary>Per-indicator buffers of the obstacle computation, reused across the rows of a group.</summary>
    private sealed class ObstacleScratch(int indicators)
    {
        public double[] Degree { get; } = new double[indicators];
        public bool[] Taken { get; } = new bool[indicators];
    }

    private static WeightsResult WeightsOf(PreparedPanel prepared, WeightGroup group)
    {
        var indicators = prepared.Catalog.Indicators.Select((ind, j) => new IndicatorWeight(ind.Id, ind.Dimension, ind.DirectionSymbol,
            group.Min[j], group.Max[j], group.Entropy.Entropy[j], group.Entropy.Divergence[j], group.Weights[j])).ToList();
        var dimensionWeights = new Dictionary<string, double>();
        for (var k = 0; k < prepared.Dimensions.Count; k++) dimensionWeights[prepared.Dimensions[k]] = group.DimensionWeights[k];
        return new WeightsResult(group.Name, group.Size, group.Entropy.K, indicators, dimensionWeights);
    }

    /// <summary>Dimension scores S and indices U of every assessed row, <c>[row * K + k]</c>, for the yearly statistics.</summary>
    private sealed class DimensionScores(int rows, int dimensions)
    {
        public double[] Score { get; } = new double[rows * dimensions];
        public double[] Index { get; } = new double[rows * dimensions];
    }

    /// <summary>Per year, across its cities: level, gaps and Theil decomposition of the composite (method.md §8), dimension and regional means.</summary>
    private static List<YearStatistics> YearlyStatistics(PreparedPanel prepared, CityYearResult[] cityYears, DimensionScores scores, int ddof)
    {
        var dimensions = prepared.Dimensions;
        var dimensionCount = dimensions.Count;
        var yearly = new List<YearStatistics>();
        double? previousMean = null;
        for (var t = 0; t < prepared.Years.Count; t++)
        {
            var rows = prepared.RowsOfYear[t];
            var n = rows.Length;
            if (n == 0) continue;
            var composite = new double[n];
            var regions = new string[n];
            for (var i = 0; i < n; i++) (composite[i], regions[i]) = (cityYears[rows[i]].Composite, cityYears[rows[i]].Region);
            double[] Dimension(double[] values, int k, IEnumerable<int> members) => members.Select(i => values[rows[i] * dimensionCount + k]).ToArray();
            double Mean(Func<CityYearResult, double> value) => rows.Select(r => value(cityYears[r])).Average();
            var mean = Inequality.Mean(composite);
            var everyone = Enumerable.Range(0, n).ToArray();

            var dimensionStats = new Dictionary<string, DimensionStatistics>(dimensionCount);
            for (var k = 0; k < dimensionCount; k++)
            {
                var index = Dimension(scores.Index, k, everyone);
                dimensionStats[dimensions[k]] = new DimensionStatistics(Inequality.Mean(index), Inequality.Sd(index, ddof),
                    Inequality.Cv(index, ddof), Dimension(scores.Score, k, everyone).Average());
            }
            var regional = new Dictionary<string, RegionalMean>();
            foreach (var region in regions.Distinct().Order(StringComparer.Ordinal))
            {
                var members = everyone.Where(i => regions[i] == region).ToArray();
                var indexMeans = new Dictionary<string, double>(dimensionCount);
                for (var k = 0; k < dimensionCount; k++) indexMeans[dimensions[k]] = Dimension(scores.Index, k, members).Average();
                regional[region] = new RegionalMean(members.Length, members.Select(i => composite[i]).Average(), indexMeans);
            }

            yearly.Add(new YearStatistics(
                prepared.Years[t], n, mean, Inequality.Sd(composite, ddof), Inequality.Cv(composite, ddof),
                composite.Min(), composite.Max(), Inequality.Gini(composite),
                Inequality.TheilDecomposition(composite, regions), dimensionStats,
                Mean(r => r.Topsis.Closeness),
                new CcdMeans(Mean(r => r.Ccd.Classic.D), Mean(r => r.Ccd.Revised.D)),
                new CcdMeans(Mean(r => r.CcdPair.Classic.D), Mean(r => r.CcdPair.Revised.D)),
                regional,
                previousMean is { } p ? Growth.Rate(p, mean) : null));
            previousMean = mean;
        }
        return yearly;
    }

    /// <summary>Growth of each assessed city-year from the second year on; null where the previous year is not assessed or 0.</summary>
    private static List<CityGrowth> CityGrowth(PreparedPanel prepared, CityYearResult[] cityYears)
    {
        var growth = new List<CityGrowth>();
        for (var c = 0; c < prepared.CityIds.Count; c++)
        {
            for (var t = 1; t < prepared.Years.Count; t++)
            {
                var row = prepared.AssessedRow(c, t);
                if (row < 0) continue;
                var previous = prepared.AssessedRow(c, t - 1);
                growth.Add(new CityGrowth(prepared.CityIds[c], prepared.Years[t],
                    previous < 0 ? null : Growth.Rate(cityYears[previous].Composite, cityYears[row].Composite)));
            }
        }
        return growth;
    }

    /// <summary>The configured pair; a catalog without both of its dimensions falls back to its first two (with a warning).</summary>
    private static (int A, int B) PairDimensions(AssessmentOptions options, IReadOnlyList<string> dimensions, List<string> warnings)
    {
        var names = options.CcdPairDimensions()!.Value;
        int a = PreparedPanel.IndexOf(dimensions, names.A), b = PreparedPanel.IndexOf(dimensions, names.B);
        if (a >= 0 && b >= 0) return (a, b);
        var fallback = dimensions.Count >= 2 ? (0, 1) : (0, 0);
        warnings.Add(string.Create(CultureInfo.InvariantCulture,
            $"the catalog has no dimension '{(a < 0 ? names.A : names.B)}' of ccdPair '{options.CcdPair}': the pair is {dimensions[fallback.Item1]}/{dimensions[fallback.Item2]}"));
        return fallback;
    }
}
