using System.Text.Json;
using Resilience.Method.Assessment;
using Resilience.Method.Catalogs;
using Resilience.Method.Ingestion;
using Resilience.Method.Sensitivity;
using Resilience.Testing;

namespace Resilience.Method.Tests;

/// <summary>Alternative weightings (equal, CRITIC, entropy) and the Monte Carlo weight perturbation.</summary>
public class SensitivityTests
{
    // ---------------------------------------------------------------------------------------------
    // CRITIC (Diakoulaki et al. 1995), by hand
    // ---------------------------------------------------------------------------------------------

    [Fact]
    public void Critic_FourByThree_ByHand()
    {
        // Columns c1 = (0,1,0,1), c2 = (0,0,1,1), c3 = (0,1,1,1).
        // σ (population) = (0.5, 0.5, √3/4 = 0.4330127); r12 = 0, r13 = r23 = 0.125 / (0.5 · 0.4330127) = 1/√3.
        // C1 = C2 = 0.5 · ((1 − 0) + (1 − 1/√3)) = 0.7113249; C3 = 0.4330127 · 2 (1 − 1/√3) = 0.3660254.
        // w = C / ΣC = (0.3976825, 0.3976825, 0.2046349).
        var w = CriticWeights.Compute(new double[,] { { 0, 0, 0 }, { 1, 0, 1 }, { 0, 1, 1 }, { 1, 1, 1 } });

        AssertAll([0.39768254, 0.39768254, 0.20463493], w, 1e-8);
        Assert.Equal(1, w.Sum(), 1e-15);
    }

    [Fact]
    public void Critic_ConstantColumn_GetsWeightZero_AndDoesNotCorrelate()
    {
        // c3 is constant: σ3 = 0 → C3 = 0, and r13 = r23 are taken as 0. r12 = 0 → C1 = C2 = 0.5 · (1 + 1) = 1.
        var w = CriticWeights.Compute(new double[,] { { 0, 0, 0.5 }, { 1, 0, 0.5 }, { 0, 1, 0.5 }, { 1, 1, 0.5 } });

        AssertAll([0.5, 0.5, 0], w, 1e-15);
    }

    [Fact]
    public void Critic_AllColumnsConstant_GivesEqualWeights()
    {
        AssertAll([0.5, 0.5], CriticWeights.Compute(new double[,] { { 1, 2 }, { 1, 2 } }), 0);
    }

    // ---------------------------------------------------------------------------------------------
    // Random numbers, ranks, percentiles
    // ---------------------------------------------------------------------------------------------

    [Fact]
    public void SplitMix64_MatchesTheReferenceSequence()
    {
        // Reference outputs for seed 1234567 (Vigna's splitmix64.c; checked with an independent Python implementation).
        var random = new SplitMix64(1234567);

        Assert.Equal([6457827717110365317UL, 3203168211198807973UL, 9817491932198370423UL], [random.Next(), random.Next(), random.Next()]);
    }

    [Fact]
    public void Xoshiro256StarStar_MatchesTheReferenceSequence()
    {
        // State (1, 2, 3, 4): first output rotl(2·5, 7)·9 = 1280·9 = 11520; the rest from an independent Python implementation.
        var random = new Xoshiro256StarStar(1, 2, 3, 4);

        Assert.Equal([11520UL, 0UL, 1509978240UL, 1215971899390074240UL], [random.Next(), random.Next(), random.Next(), random.Next()]);
    }

    [Fact]
    public void Xoshiro_Streams_AreReproducible_AndDistinct()
    {
        var a = Xoshiro256StarStar.ForStream(42, 0);
        var again = Xoshiro256StarStar.ForStream(42, 0);
        var other = Xoshiro256StarStar.ForStream(42, 1);
        var doubles = Enumerable.Range(0, 1000).Select(_ => a.NextDouble()).ToList();

        Assert.Equal(doubles, Enumerable.Range(0, 1000).Select(_ => again.NextDouble()));
        Assert.NotEqual(doubles[0], other.NextDouble());
        Assert.All(doubles, d => Assert.InRange(d, 0, 1 - 1e-17));
        Assert.InRange(doubles.Average(), 0.45, 0.55);
    }

    [Fact]
    public void Ranks_HighestFirst_TiesInIndexOrder()
    {
        Assert.Equal([2, 1, 3, 4], Ranking.Descending([0.3, 0.5, 0.3, 0.1]));
        Assert.Equal([1, 2, 3], Ranking.Descending([7.0, 7.0, 7.0]));
    }

    [Fact]
    public void Spearman_ByHand()
    {
        // d = (−1, 1, 0, 0): Σd² = 2 → ρ = 1 − 6·2 / (4 · 15) = 0.8.
        Assert.Equal(0.8, Ranking.Spearman([1, 2, 3, 4], [2, 1, 3, 4])!.Value, 1e-15);
        Assert.Equal(-1, Ranking.Spearman([1, 2, 3], [3, 2, 1])!.Value, 1e-15);
        Assert.Null(Ranking.Spearman([1], [1]));
    }

    [Theory]
    [InlineData(0.05, 1.15)]
    [InlineData(0.5, 2.5)]
    [InlineData(0.95, 3.85)]
    [InlineData(0, 1)]
    [InlineData(1, 4)]
    public void Percentile_LinearBetweenOrderStatistics_LikeNumpy(double p, double expected)
    {
        // numpy.percentile([1, 2, 3, 4], 100 p): h = 3p, e.g. p = 0.05 → 1 + 0.15.
        Assert.Equal(expected, Ranking.Percentile<int>([1, 2, 3, 4], p), 1e-12);
    }

    // ---------------------------------------------------------------------------------------------
    // Weighting schemes on the 3×3 toy of method.md §12.4 (shift 0)
    // ---------------------------------------------------------------------------------------------

    private static readonly Catalog ToyCatalog = new(
    [
        new Indicator("x1", "economic", Direction.Benefit),
        new Indicator("x2", "ecological", Direction.Benefit),
        new Indicator("x3", "economic", Direction.Cost),
    ]);

    private static readonly ObservationRow[] Toy =
    [
        new("toy_a", 2015, [1, 10, 5]),
        new("toy_b", 2015, [2, 10, 3]),
        new("toy_c", 2015, [3, 40, 1]),
    ];

    [Fact]
    public void Weightings_OnTheToy()
    {
        var result = PanelAssessment.Run(ToyCatalog, CityRegistry.Default, Toy, new AssessmentOptions { Shift = 0 },
            sensitivity: new SensitivityOptions { MonteCarloRuns = 0 }).Sensitivity!;

        Assert.Equal(["entropy", "equal", "critic"], result.Weightings.Select(w => w.Name));
        Assert.Null(result.MonteCarlo);
        var weights = result.Weightings.ToDictionary(w => w.Name, w => Assert.Single(w.Groups).Weights);
        AssertAll([0.228444, 0.543112, 0.228444], weights["entropy"].Values.ToArray(), 1e-6);
        AssertAll([1.0 / 3, 1.0 / 3, 1.0 / 3], weights["equal"].Values.ToArray(), 1e-15);
        // CRITIC on x' = (0,.5,1), (0,0,1), (0,.5,1): σ = (0.408248, 0.471405, 0.408248); r12 = r23 = √3/2, r13 = 1;
        // C = (0.054695, 0.126312, 0.054695) → w = (0.232051, 0.535898, 0.232051).
        AssertAll([0.23205081, 0.53589838, 0.23205081], weights["critic"].Values.ToArray(), 1e-8);

        // Composites: equal = mean x' = (0, 1/3, 1); the ranking (c, b, a) is the same under every scheme.
        AssertAll([0, 1.0 / 3, 1], result.CityYears.Select(c => c.CompositeByWeighting["equal"]).ToArray(), 1e-15);
        Assert.All(result.CityYears, c => Assert.Equal(c.Rank, c.RankByWeighting["critic"]));
        Assert.Equal([3, 2, 1], result.CityYears.Select(c => c.Rank));
        Assert.All(result.Weightings, w => Assert.Equal(1, w.MeanSpearman!.Value, 1e-15));
        Assert.All(result.Weightings, w => Assert.Equal(0, w.MeanAbsoluteRankShift));
        Assert.All(result.CityYears, c => Assert.Null(c.MedianRank));
    }

    [Fact]
    public void Weightings_ThatReorderCities_ShowInTheStabilityFigures()
    {
        // x' x1 = (0, 0, 0.1, 1), x2 = (1, 0.9, 0.8, 0). Entropy (k = 1/ln 4): e1 = 0.219748, e2 = 0.789507 →
        // w = (0.787540, 0.212460) → composites (0.212460, 0.191214, 0.248722, 0.787540) → ranks (3, 4, 2, 1).
        // Equal weights: composites (0.5, 0.45, 0.45, 0.5); ties in city order → ranks (1, 3, 4, 2).
        // d = (2, 1, −2, −1): mean |d| = 6/4 = 1.5; ρ = 1 − 6·10 / (4·15) = 0.
        var catalog = new Catalog([new Indicator("x1", "economic", Direction.Benefit), new Indicator("x2", "social", Direction.Benefit)]);
        var result = PanelAssessment.Run(catalog, CityRegistry.Default,
        [
            new ObservationRow("toy_a", 2015, [0, 10]), new ObservationRow("toy_b", 2015, [0, 9]),
            new ObservationRow("toy_c", 2015, [1, 8]), new ObservationRow("toy_d", 2015, [10, 0]),
        ], new AssessmentOptions { Shift = 0 }, sensitivity: new SensitivityOptions { MonteCarloRuns = 0 }).Sensitivity!;

        AssertAll([0.5, 0.45, 0.45, 0.5], result.CityYears.Select(c => c.CompositeByWeighting["equal"]).ToArray(), 1e-12);
        AssertAll([0.21245973, 0.19121376, 0.24872181, 0.78754027], result.CityYears.Select(c => c.CompositeByWeighting["entropy"]).ToArray(), 1e-8);
        Assert.Equal([3, 4, 2, 1], result.CityYears.Select(c => c.Rank));
        Assert.Equal([1, 3, 4, 2], result.CityYears.Select(c => c.RankByWeighting["equal"]));
        var scheme = result.Weightings.Single(w => w.Name == "equal");
        Assert.Equal(1.5, scheme.MeanAbsoluteRankShift);
        Assert.Equal(0, scheme.MeanSpearman!.Value, 1e-15);
    }

    // ---------------------------------------------------------------------------------------------
    // Monte Carlo on the demo panel
    // ---------------------------------------------------------------------------------------------

    private static (Catalog, CityRegistry, List<ObservationRow>) Demo()
    {
        var catalog = ReferenceValueTests.ReadCatalog(Fixtures.Method("demo", "catalog.csv"));
        var cities = ReferenceValueTests.ReadCities(Fixtures.Method("demo", "cities.csv"));
        var rows = Directory.GetFiles(Fixtures.Method("demo"), "indicators_*.csv").Order()
            .SelectMany(path => ReferenceValueTests.ReadIndicators(path, catalog, cities)).ToList();
        return (catalog, cities, rows);
    }

    [Fact]
    public void MonteCarlo_WithAmplitudeZero_EveryRankIsTheBaseline()
    {
        var (catalog, cities, rows) = Demo();

        var result = PanelAssessment.Run(catalog, cities, rows,
            sensitivity: new SensitivityOptions { MonteCarloRuns = 20, Amplitude = 0, Seed = 3 }).Sensitivity!;

        Assert.Equal(300, result.CityYears.Count);
        Assert.All(result.CityYears, c => Assert.Equal((double)c.Rank, c.MedianRank));
        Assert.All(result.CityYears, c => Assert.Equal((double)c.Rank, c.RankP05));
        Assert.All(result.CityYears, c => Assert.Equal((double)c.Rank, c.RankP95));
        Assert.Equal(0, result.MonteCarlo!.MeanAbsoluteRankShift);
        Assert.Equal(1, result.MonteCarlo.MeanSpearman);
        Assert.Equal(1, result.MonteCarlo.MinSpearman);
    }

    [Fact]
    public void MonteCarlo_IsDeterministicForASeed_AndChangesWithTheSeed()
    {
        var (catalog, cities, rows) = Demo();
        string Json(ulong seed) => JsonSerializer.Serialize(PanelAssessment.Run(catalog, cities, rows,
            sensitivity: new SensitivityOptions { MonteCarloRuns = 60, Seed = seed }).Sensitivity);

        var first = Json(7);

        Assert.Equal(first, Json(7));
        Assert.NotEqual(first, Json(8));
    }

    [Fact]
    public void MonteCarlo_Intervals_AreOrdered_AndTheBaselineIsRankedFirstToLast()
    {
        var (catalog, cities, rows) = Demo();
        var reports = new List<double>();

        var result = PanelAssessment.Run(catalog, cities, rows,
            sensitivity: new SensitivityOptions { MonteCarloRuns = 200, Amplitude = 0.2 }, progress: new SynchronousProgress(reports)).Sensitivity!;

        Assert.All(result.CityYears, c =>
        {
            Assert.InRange(c.RankP05!.Value, 1, 30);
            Assert.InRange(c.MedianRank!.Value, c.RankP05.Value, c.RankP95!.Value);
            Assert.InRange(c.RankP95.Value, 1, 30);
        });
        foreach (var year in result.CityYears.GroupBy(c => c.Year))
            Assert.Equal(Enumerable.Range(1, 30), year.Select(c => c.Rank).Order());
        // ±20 % on the weights moves ranks a little: high but imperfect rank correlation.
        Assert.InRange(result.MonteCarlo!.MeanSpearman!.Value, 0.9, 0.99999);
        Assert.InRange(result.MonteCarlo.MeanAbsoluteRankShift, 0.01, 3);
        Assert.Equal(200, result.MonteCarlo.Runs);
        Assert.Equal(1.0, reports.Max());
    }

    [Fact]
    public void Composite_UnderTheEntropyScheme_IsTheAssessmentsComposite()
    {
        var (catalog, cities, rows) = Demo();

        var result = PanelAssessment.Run(catalog, cities, rows, sensitivity: new SensitivityOptions { MonteCarloRuns = 0 });

        Assert.Equal(result.Panel.Select(p => p.Composite), result.Sensitivity!.CityYears.Select(c => c.CompositeByWeighting["entropy"]));
        Assert.Equal(result.Panel.Select(p => (p.CityId, p.Year)), result.Sensitivity.CityYears.Select(c => (c.CityId, c.Year)));
    }

    [Theory]
    [InlineData(-1, 0.2)]
    [InlineData(10, 1.0)]
    [InlineData(10, -0.1)]
    public void Options_AreValidated(int runs, double amplitude)
    {
        Assert.Throws<ArgumentException>(() => PanelAssessment.Run(ToyCatalog, CityRegistry.Default, Toy,
            sensitivity: new SensitivityOptions { MonteCarloRuns = runs, Amplitude = amplitude }));
    }

    private sealed class SynchronousProgress(List<double> reports) : IProgress<double>
    {
        public void Report(double value)
        {
            lock (reports) reports.Add(value);
        }
    }

    private static void AssertAll(double[] expected, IReadOnlyList<double> actual, double tolerance)
    {
        Assert.Equal(expected.Length, actual.Count);
        for (var i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"[{i}]: expected {expected[i]}, actual {actual[i]:R}");
    }
}
