using Resilience.Method.Assessment;

namespace Resilience.Method.Sensitivity;

/// <summary>
/// Sensitivity of the city rankings to the weights (see <see cref="SensitivityOptions"/>): the composite recomputed
/// with the same normalised values and aggregation rule but other indicator weights, ranked within each year.
/// </summary>
internal static class SensitivityAnalysis
{
    public const string EntropyScheme = "entropy";
    public const string EqualScheme = "equal";
    public const string CriticScheme = "critic";
    public const string Distribution = "uniform multiplier U(1-a, 1+a) per indicator weight, renormalised to sum 1";

    private const double LowerPercentile = 0.05, UpperPercentile = 0.95;

    public static SensitivityResult Run(PreparedPanel prepared, SensitivityOptions options, IProgress<double>? progress)
    {
        var m = prepared.IndicatorCount;
        var schemes = new (string Name, Func<WeightGroup, double[]> Weights)[]
        {
            (EntropyScheme, g => g.Weights), // the baseline: the assessment's own weights
            (EqualScheme, _ => Enumerable.Repeat(1.0 / m, m).ToArray()),
            (CriticScheme, g => CriticWeights.Compute(g.Normalised, g.Size, m)),
        };
        var weights = new Dictionary<string, Dictionary<WeightGroup, double[]>>();
        var composites = new Dictionary<string, double[]>();
        var ranks = new Dictionary<string, int[]>();
        foreach (var (name, weightsOf) in schemes)
        {
            weights[name] = prepared.Groups.ToDictionary(g => g, weightsOf);
            composites[name] = Composites(prepared, g => weights[name][g]);
            ranks[name] = RanksWithinYears(prepared, composites[name], new Scratch(prepared));
        }
        var baselineRanks = ranks[EntropyScheme];
        var weightings = schemes.Select(scheme =>
        {
            var stability = Stability(prepared, baselineRanks, ranks[scheme.Name]);
            return new WeightingScheme(scheme.Name,
                prepared.Groups.Select(g => new SchemeWeights(g.Name, IndicatorMap(prepared, weights[scheme.Name][g]))).ToList(),
                stability.MeanSpearman, stability.MeanAbsoluteShift);
        }).ToList();

        var monteCarlo = options.MonteCarloRuns > 0 ? MonteCarlo(prepared, options, baselineRanks, progress) : null;

        var names = schemes.Select(s => s.Name).ToArray();
        var cityYears = new CityYearSensitivity[prepared.RowCount];
        for (var row = 0; row < prepared.RowCount; row++)
        {
            var rankBy = new int[names.Length];
            var compositeBy = new double[names.Length];
            for (var s = 0; s < names.Length; s++)
            {
                rankBy[s] = ranks[names[s]][row];
                compositeBy[s] = composites[names[s]][row];
            }
            cityYears[row] = new CityYearSensitivity(prepared.CityIds[prepared.RowCity[row]], prepared.Years[prepared.RowYear[row]],
                baselineRanks[row], new NamedValues<int>(names, rankBy), new NamedValues<double>(names, compositeBy),
                monteCarlo?.Median[row], monteCarlo?.Lower[row], monteCarlo?.Upper[row]);
        }
        return new SensitivityResult(weightings, monteCarlo?.Summary, cityYears);
    }

    private sealed record MonteCarloOutcome(MonteCarloSummary Summary, double[] Median, double[] Lower, double[] Upper);

    private static MonteCarloOutcome MonteCarlo(PreparedPanel prepared, SensitivityOptions options, int[] baselineRanks, IProgress<double>? progress)
    {
        int runs = options.MonteCarloRuns, rows = prepared.RowCount, m = prepared.IndicatorCount;
        if (prepared.RowsOfYear.Max(r => r.Length) > ushort.MaxValue)
            throw new ArgumentException($"The Monte Carlo keeps ranks as 16-bit numbers: at most {ushort.MaxValue} cities per year.");
        if ((long)rows * runs > Array.MaxLength)
            throw new ArgumentException($"{rows} city-years × {runs} runs is too many ranks to keep; use fewer runs.");

        // ranksByRow[row * runs + run]: every run's rank of every city-year, for the percentiles.
        var ranksByRow = new ushort[rows * runs];
        var meanSpearman = new double?[runs];
        var minSpearman = new double?[runs];
        var meanShift = new double[runs];
        var done = 0;
        Parallel.For(0, runs, () => new Scratch(prepared), (run, _, scratch) =>
        {
            var random = Xoshiro256StarStar.ForStream(options.Seed, run);
            var multiplier = new double[m];
            for (var j = 0; j < m; j++) multiplier[j] = 1 - options.Amplitude + 2 * options.Amplitude * random.NextDouble();
            var composite = Composites(prepared, g => Perturb(g.Weights, multiplier));
            var ranks = RanksWithinYears(prepared, composite, scratch);
            for (var row = 0; row < rows; row++) ranksByRow[(long)row * runs + run] = (ushort)ranks[row];
            var stability = Stability(prepared, baselineRanks, ranks);
            (meanSpearman[run], minSpearman[run], meanShift[run]) = (stability.MeanSpearman, stability.MinSpearman, stability.MeanAbsoluteShift);

            var finished = Interlocked.Increment(ref done);
            if (progress is not null && finished * 100L / runs != (finished - 1) * 100L / runs) progress.Report((double)finished / runs);
            return scratch;
        }, _ => { });

        var median = new double[rows];
        var lower = new double[rows];
        var upper = new double[rows];
        for (var row = 0; row < rows; row++)
        {
            var sample = ranksByRow.AsSpan(row * runs, runs);
            sample.Sort();
            ReadOnlySpan<ushort> sorted = sample;
            median[row] = Ranking.Percentile(sorted, 0.5);
            lower[row] = Ranking.Percentile(sorted, LowerPercentile);
            upper[row] = Ranking.Percentile(sorted, UpperPercentile);
        }
        var means = meanSpearman.OfType<double>().ToList();
        var minimums = minSpearman.OfType<double>().ToList();
        var summary = new MonteCarloSummary(runs, options.Seed, options.Amplitude, Distribution,
            means.Count > 0 ? means.Average() : null, minimums.Count > 0 ? minimums.Min() : null, meanShift.Average());
        return new MonteCarloOutcome(summary, median, lower, upper);
    }

    /// <summary>w_j u_j / Σ_l w_l u_l.</summary>
    private static double[] Perturb(double[] weights, double[] multiplier)
    {
        var perturbed = new double[weights.Length];
        double total = 0;
        for (var j = 0; j < weights.Length; j++)
        {
            perturbed[j] = weights[j] * multiplier[j];
            total += perturbed[j];
        }
        for (var j = 0; j < weights.Length; j++) perturbed[j] /= total;
        return perturbed;
    }

    /// <summary>The composite of every assessed row with the given weights per group, aggregated as the options say.</summary>
    private static double[] Composites(PreparedPanel prepared, Func<WeightGroup, double[]> weightsOf)
    {
        var m = prepared.IndicatorCount;
        var composite = new double[prepared.RowCount];
        foreach (var group in prepared.Groups)
        {
            var coefficients = Aggregation.CompositeCoefficients(weightsOf(group), prepared.DimensionOf, prepared.Dimensions.Count,
                prepared.Options.Composite);
            for (var p = 0; p < group.Size; p++)
                composite[group.Rows[p]] = Aggregation.Composite(group.NormalisedRow(p, m), coefficients, prepared.ScoreShift);
        }
        return composite;
    }

    private static int[] RanksWithinYears(PreparedPanel prepared, double[] composite, Scratch scratch)
    {
        var ranks = new int[prepared.RowCount];
        foreach (var rows in prepared.RowsOfYear)
        {
            var n = rows.Length;
            for (var i = 0; i < n; i++) scratch.Values[i] = composite[rows[i]];
            Ranking.Descending(scratch.Values.AsSpan(0, n), scratch.Ranks.AsSpan(0, n), scratch.Keys, scratch.Order);
            for (var i = 0; i < n; i++) ranks[rows[i]] = scratch.Ranks[i];
        }
        return ranks;
    }

    private static (double? MeanSpearman, double? MinSpearman, double MeanAbsoluteShift) Stability(
        PreparedPanel prepared, int[] baseline, int[] ranks)
    {
        var spearman = new List<double>();
        long shift = 0;
        foreach (var rows in prepared.RowsOfYear)
        {
            var a = rows.Select(r => baseline[r]).ToArray();
            var b = rows.Select(r => ranks[r]).ToArray();
            for (var i = 0; i < rows.Length; i++) shift += Math.Abs(a[i] - b[i]);
            if (Ranking.Spearman(a, b) is { } rho) spearman.Add(rho);
        }
        return (spearman.Count > 0 ? spearman.Average() : null, spearman.Count > 0 ? spearman.Min() : null,
            (double)shift / prepared.RowCount);
    }

    private static Dictionary<string, double> IndicatorMap(PreparedPanel prepared, double[] weights)
    {
        var map = new Dictionary<string, double>(weights.Length);
        for (var j = 0; j < weights.Length; j++) map[prepared.Catalog.Indicators[j].Id] = weights[j];
        return map;
    }

    /// <summary>Buffers for ranking one year, reused across years and runs by one thread.</summary>
    private sealed class Scratch
    {
        public Scratch(PreparedPanel prepared)
        {
            var largestYear = prepared.RowsOfYear.Max(r => r.Length);
            Values = new double[largestYear];
            Ranks = new int[largestYear];
            Keys = new double[largestYear];
            Order = new int[largestYear];
        }

        public double[] Values { get; }
        public int[] Ranks { get; }
        public double[] Keys { get; }
        public int[] Order { get; }
    }
}
