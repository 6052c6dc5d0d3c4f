using Resilience.Method.Assessment;
using Resilience.Method.Catalogs;
using Resilience.Method.Ingestion;

namespace Resilience.Method.Tests;

/// <summary>
/// The worked examples / test vectors of method.md §12 (and the small examples printed in §7), with the literal
/// numbers of method.md; the tolerance follows the printed precision. Plus hand-worked edge cases of the pipeline.
/// </summary>
public class WorkedExampleTests
{
    // ---------------------------------------------------------------------------------------------
    // §12.1 Entropy weights on raw data (p = x / Σx, no min-max, no translation)
    // ---------------------------------------------------------------------------------------------

    [Fact]
    public void EntropyWeights_Xu2004()
    {
        var x = Matrix(
            [30, 30, 38, 29],
            [19, 54, 86, 29],
            [19, 15, 85, 28.9],
            [68, 70, 60, 29]);

        var result = EntropyWeights.Compute(x);

        AssertAll([0.4630, 0.3992, 0.1378, 0.0000], result.Weights, 1e-4);
        Assert.Equal(1.0, result.Weights.Sum(), 1e-12);
        Assert.Equal(1 / Math.Log(4), result.K, 1e-15);
    }

    [Fact]
    public void EntropyWeights_ZavadskasPodvezko2016()
    {
        var x = Matrix(
            [3.0, 100, 10, 7],
            [2.5, 80, 8, 5],
            [1.8, 50, 20, 11],
            [2.2, 70, 12, 9]);

        var result = EntropyWeights.Compute(x);

        AssertAll([0.1146, 0.1981, 0.4185, 0.2689], result.Weights, 1e-4);
    }

    [Fact]
    public void EntropyWeights_Elsayed2017()
    {
        var x = Matrix(
            [7, 312, 1891, 6613, 163],
            [72, 88, 728, 941804, 1078],
            [10, 252, 2594, 3466, 117471],
            [10, 145, 980, 2371, 86329],
            [65, 54, 350, 501, 29897],
            [29, 48, 380, 912, 34051],
            [7, 476, 3300, 78470, 2212],
            [70, 87, 650, 733, 819000],
            [4, 86, 591, 3015, 103],
            [12, 79, 579, 3240, 96098],
            [21, 45, 261, 1253, 453],
            [1, 72, 530, 4333, 0.104800]);

        var result = EntropyWeights.Compute(x);

        AssertAll([0.104991, 0.069124, 0.071373, 0.449937, 0.304575], result.Weights, 1e-6);
    }

    // ---------------------------------------------------------------------------------------------
    // §12.1 / §12.3 CCD rows (R package `coupling` vignette, gzma data, equal T weights), to 2e-7
    // ---------------------------------------------------------------------------------------------

    public static TheoryData<double[], double[]> CcdRows => new()
    {
        // U1..U4 → classic C, D; revised C, D; Fan C, D
        { [0.8179733, 0.3246648, 0.6590316, 0.1308531], [0.8051958, 0.6237105, 0.4722274, 0.4776480, 0.4593785, 0.4711049] },
        { [0.3020233, 0.1318888, 0.4046987, 0.5173794], [0.8914577, 0.5497290, 0.6211236, 0.4588675, 0.7164548, 0.4928249] },
        { [0.9209903, 0.3353516, 0.6921477, 0.3141320], [0.8999423, 0.7134825, 0.5375842, 0.5514412, 0.4915051, 0.5272784] },
    };

    [Theory]
    [MemberData(nameof(CcdRows))]
    public void Ccd_CouplingVignetteRows(double[] u, double[] expected)
    {
        const double tolerance = 2e-7;
        var t = Coupling.T(u);

        var classicC = Coupling.ClassicC(u);
        var revisedC = Coupling.RevisedC(u);
        var fanC = Coupling.FanC(u);

        Assert.Equal(expected[0], classicC, tolerance);
        Assert.Equal(expected[1], Coupling.D(classicC, t), tolerance);
        Assert.Equal(expected[2], revisedC, tolerance);
        Assert.Equal(expected[3], Coupling.D(revisedC, t), tolerance);
        Assert.Equal(expected[4], fanC, tolerance);
        Assert.Equal(expected[5], Coupling.D(fanC, t), tolerance);

        // Evaluate bundles the same numbers.
        var all = Coupling.Evaluate(u);
        Assert.Equal(t, all.T, 1e-15);
        Assert.Equal(expected[1], all.Classic.D, tolerance);
        Assert.Equal(expected[3], all.Revised.D, tolerance);
        Assert.Equal(expected[5], all.Fan.D, tolerance);
    }

    // ---------------------------------------------------------------------------------------------
    // §12.2 TOPSIS (Opricovic & Tzeng 2004, pymcdm docstring)
    // ---------------------------------------------------------------------------------------------

    [Fact]
    public void Topsis_OpricovicTzengExample()
    {
        // criterion 1 (cost) = 1, 2, 5 → x' = (5−x)/4 = 1, 0.75, 0
        // criterion 2 (benefit) = 3000, 3750, 4500 → x' = (x−3000)/1500 = 0, 0.5, 1
        double[] c1 = [1, 2, 5], c2 = [3000, 3750, 4500];
        double[] w = [0.5, 0.5];
        var v = new double[3, 2];
        for (var i = 0; i < 3; i++)
        {
            v[i, 0] = w[0] * (c1.Max() - c1[i]) / (c1.Max() - c1.Min());
            v[i, 1] = w[1] * (c2[i] - c2.Min()) / (c2.Max() - c2.Min());
        }

        var result = Topsis.Closeness(v);

        AssertAll([0.500, 0.617, 0.500], result.Select(r => r.Closeness).ToArray(), 1e-3);
        // Row 2 by hand: D+ = √(0.125² + 0.25²) = 0.279508, D− = √(0.375² + 0.25²) = 0.450694, C = 0.617218.
        Assert.Equal(0.279508, result[1].DPlus, 1e-6);
        Assert.Equal(0.450694, result[1].DMinus, 1e-6);
        Assert.Equal(0.617218, result[1].Closeness, 1e-6);
    }

    // ---------------------------------------------------------------------------------------------
    // §12.4 Hand-computed 3×3 toy (shift 0) through the whole pipeline
    // ---------------------------------------------------------------------------------------------

    private static readonly Catalog ToyCatalog = new(
    [
        new Indicator("x1", "economic", Direction.Benefit),
        new Indicator("x2", "ecological", Direction.Benefit),
        new Indicator("x3", "economic", Direction.Cost),
    ]);

    private static AssessmentResult RunToy() => PanelAssessment.Run(ToyCatalog, CityRegistry.Default,
        [
            new ObservationRow("toy_a", 2015, [1, 10, 5]),
            new ObservationRow("toy_b", 2015, [2, 10, 3]),
            new ObservationRow("toy_c", 2015, [3, 40, 1]),
        ],
        new AssessmentOptions { Shift = 0 });

    [Fact]
    public void Toy3x3_Weights()
    {
        // x' = (0,.5,1), (0,0,1), (0,.5,1); e = (0.579380, 0, 0.579380); w = (0.228444, 0.543112, 0.228444)
        var result = RunToy();

        Assert.Equal(["toy_a", "toy_b", "toy_c"], result.Cities);
        var weights = result.Weights.Indicators;
        AssertAll([0.579380, 0, 0.579380], weights.Select(w => w.Entropy).ToArray(), 1e-6);
        AssertAll([0.228444, 0.543112, 0.228444], weights.Select(w => w.Weight).ToArray(), 1e-6);
        Assert.Equal(3, result.Weights.N);
        Assert.Equal(1 / Math.Log(3), result.Weights.K, 1e-12);
        // Dimension weights: economic = w1 + w3, ecological = w2.
        Assert.Equal(0.456888, result.Weights.DimensionWeights["economic"], 1e-6);
        Assert.Equal(0.543112, result.Weights.DimensionWeights["ecological"], 1e-6);
        // min/max are those of the raw columns.
        Assert.Equal(1, weights[0].Min);
        Assert.Equal(40, weights[1].Max);
        Assert.Equal("-", weights[2].Direction);
    }

    [Fact]
    public void Toy3x3_CompositeAndTopsis()
    {
        var result = RunToy();

        AssertAll([0, 0.228444, 1], result.Panel.Select(p => p.Composite).ToArray(), 1e-6);
        AssertAll([0, 0.221838, 1], result.Panel.Select(p => p.Topsis.Closeness).ToArray(), 1e-6);
        // Row B: economic score = 0.5·w1 + 0.5·w3 = 0.228444, index = score / W_econ = 0.5; ecological 0.
        var b = result.Panel[1];
        Assert.Equal(0.228444, b.Dimensions["economic"].Score, 1e-6);
        Assert.Equal(0.5, b.Dimensions["economic"].Index, 1e-12);
        Assert.Equal(0, b.Dimensions["ecological"].Score, 1e-12);
    }

    [Fact]
    public void Toy3x3_ObstacleDegrees()
    {
        var result = RunToy();
        var a = result.Panel[0];
        var b = result.Panel[1];
        var c = result.Panel[2];

        // Row A: I = (1,1,1) → O = w·100 = (22.8444, 54.3112, 22.8444) %; tie x1/x3 keeps catalog order.
        Assert.Equal(["x2", "x1", "x3"], a.ObstaclesTop.Select(o => o.IndicatorId));
        AssertAll([54.3112, 22.8444, 22.8444], a.ObstaclesTop.Select(o => o.Degree).ToArray(), 1e-4);
        Assert.Equal(["ecological", "economic", "economic"], a.ObstaclesTop.Select(o => o.Dimension));
        Assert.Equal(45.6888, a.ObstaclesByDimension["economic"], 1e-4);
        Assert.Equal(54.3112, a.ObstaclesByDimension["ecological"], 1e-4);

        // Row B: I = (0.5, 1, 0.5) → F·I = (0.114222, 0.543112, 0.114222), Σ = 0.771556
        //        → O = (14.8041, 70.3918, 14.8041) %.
        Assert.Equal(["x2", "x1", "x3"], b.ObstaclesTop.Select(o => o.IndicatorId));
        AssertAll([70.3918, 14.8041, 14.8041], b.ObstaclesTop.Select(o => o.Degree).ToArray(), 1e-4);
        Assert.Equal(29.6082, b.ObstaclesByDimension["economic"], 1e-4);
        Assert.Equal(70.3918, b.ObstaclesByDimension["ecological"], 1e-4);

        // Row C is at the best value everywhere: Σ F·I = 0 → all O = 0.
        Assert.All(c.ObstaclesTop, o => Assert.Equal(0, o.Degree));
        Assert.All(c.ObstaclesByDimension.Values, v => Assert.Equal(0, v));
    }

    // ---------------------------------------------------------------------------------------------
    // §12.5 Inequality toy
    // ---------------------------------------------------------------------------------------------

    [Fact]
    public void Inequality_Toy()
    {
        double[] y = [1, 2, 3, 4];
        string[] regions = ["r1", "r1", "r2", "r2"];

        var theil = Inequality.TheilDecomposition(y, regions);

        Assert.Equal(0.106440, theil.Total, 1e-6);
        Assert.Equal(0.024157, theil.Within, 1e-6);
        Assert.Equal(0.082283, theil.Between, 1e-6);
        Assert.Equal(theil.Total, theil.Within + theil.Between, 1e-12);
        Assert.Equal(theil.Total, Inequality.Theil(y), 1e-15);
        Assert.Equal(0.447214, Inequality.Cv(y), 1e-6);
        Assert.Equal(0.25, Inequality.Gini(y), 1e-12);
        // Group shares s_g = (n_g/n)(ȳ_g/ȳ): r1 = 0.5·1.5/2.5 = 0.3, r2 = 0.5·3.5/2.5 = 0.7.
        Assert.Equal(0.3, theil.ByGroup["r1"].Share, 1e-12);
        Assert.Equal(0.7, theil.ByGroup["r2"].Share, 1e-12);
    }

    // ---------------------------------------------------------------------------------------------
    // §12.6 Two-system CCD and the §7 examples
    // ---------------------------------------------------------------------------------------------

    [Fact]
    public void Ccd_TwoSystems_08_02()
    {
        double[] u = [0.8, 0.2];

        var result = Coupling.Evaluate(u);

        Assert.Equal(0.8, result.Classic.C, 1e-6);
        Assert.Equal(0.632456, result.Classic.D, 1e-6);
        Assert.Equal(7, result.Classic.Coordination.Level);
        Assert.Equal("primary coordination", result.Classic.Coordination.Label);
        Assert.Equal("初级协调", result.Classic.Coordination.LabelZh);
        Assert.Equal(0.316228, result.Revised.C, 1e-6);
        Assert.Equal(0.397635, result.Revised.D, 1e-6);
        Assert.Equal(4, result.Revised.Coordination.Level);
        Assert.Equal("mild disorder", result.Revised.Coordination.Label);
    }

    [Fact]
    public void Ccd_Section7_Example_09_03()
    {
        // §7.1: U = (0.9, 0.3) → classic C = 0.866 ("high coupling"); §7.2: revised C = √(0.4 · 1/3) = 0.365.
        double[] u = [0.9, 0.3];

        Assert.Equal(0.866, Coupling.ClassicC(u), 1e-3);
        Assert.Equal("high-level coupling", Coupling.Stage(Coupling.ClassicC(u)).Label);
        Assert.Equal(0.365, Coupling.RevisedC(u), 1e-3);
    }

    [Theory]
    [InlineData(0.0, 1, "extreme disorder")]
    [InlineData(0.0999999, 1, "extreme disorder")]
    [InlineData(0.1, 2, "serious disorder")]
    [InlineData(0.2999999, 3, "moderate disorder")]
    [InlineData(0.3, 4, "mild disorder")]
    [InlineData(0.4, 5, "on the verge of disorder")]
    [InlineData(0.5, 6, "barely coordinated")]
    [InlineData(0.6, 7, "primary coordination")]
    [InlineData(0.7, 8, "intermediate coordination")]
    [InlineData(0.8, 9, "good coordination")]
    [InlineData(0.9, 10, "quality coordination")]
    [InlineData(0.95, 10, "quality coordination")]
    [InlineData(1.0, 10, "quality coordination")]
    public void CoordinationClass_LeftClosedBoundaries(double d, int level, string label)
    {
        var c = Coupling.Coordination(d);

        Assert.Equal(level, c.Level);
        Assert.Equal(label, c.Label);
    }

    [Fact]
    public void CoordinationClass_ComputedMultiplesOfATenth_StayLeftClosed()
    {
        // 0.1 + 0.2 = 0.30000000000000004 and 3 · 0.1 = 0.30000000000000004; 0.7 · 10 etc.
        Assert.Equal(4, Coupling.Coordination(0.1 + 0.2).Level);
        Assert.Equal(4, Coupling.Coordination(Math.Sqrt(0.09)).Level); // √0.09 lands on (or a hair off) 0.3
        Assert.Equal(8, Coupling.Coordination(Math.Sqrt(0.49)).Level);
        Assert.Equal("优质协调", Coupling.Coordination(1.0).LabelZh);
    }

    [Theory]
    [InlineData(0.0, "low-level coupling", "低水平耦合")]
    [InlineData(0.2999999, "low-level coupling", "低水平耦合")]
    [InlineData(0.3, "antagonism", "拮抗阶段")]
    [InlineData(0.4999999, "antagonism", "拮抗阶段")]
    [InlineData(0.5, "running-in", "磨合阶段")]
    [InlineData(0.7999999, "running-in", "磨合阶段")]
    [InlineData(0.8, "high-level coupling", "高水平耦合")]
    [InlineData(1.0, "high-level coupling", "高水平耦合")]
    public void CouplingStage_LeftClosedBoundaries(double c, string label, string labelZh)
    {
        var stage = Coupling.Stage(c);

        Assert.Equal(label, stage.Label);
        Assert.Equal(labelZh, stage.LabelZh);
    }

    // ---------------------------------------------------------------------------------------------
    // Edge cases, worked by hand
    // ---------------------------------------------------------------------------------------------

    private static readonly Catalog TwoIndicators = new(
    [
        new Indicator("x1", "economic", Direction.Benefit),
        new Indicator("x2", "ecological", Direction.Benefit),
    ]);

    [Fact]
    public void ZeroRangeColumn_GetsWeightZero_AndNormalisedZero()
    {
        // x1 = 1,2,3 → x' = 0, .5, 1; x2 = 5,5,5 → range 0 → x' = 0 everywhere, e = 1, d = 0, w = 0; w1 = 1.
        // Shift 0.0001 (default): composite = 1·(x'1 + 0.0001) + 0·(0.0001) = 0.0001, 0.5001, 1.0001.
        var result = PanelAssessment.Run(TwoIndicators, CityRegistry.Default,
        [
            new ObservationRow("toy_a", 2015, [1, 5]),
            new ObservationRow("toy_b", 2015, [2, 5]),
            new ObservationRow("toy_c", 2015, [3, 5]),
        ]);

        var x2 = result.Weights.Indicators[1];
        Assert.Equal(0, x2.Weight);
        Assert.Equal(1, x2.Entropy);
        Assert.Equal(0, x2.Divergence);
        Assert.Equal(1, result.Weights.Indicators[0].Weight, 1e-12);
        AssertAll([0.0001, 0.5001, 1.0001], result.Panel.Select(p => p.Composite).ToArray(), 1e-12);
        // The ecological dimension carries weight 0: its score is 0, its index is 0 (no division by 0).
        Assert.All(result.Panel, p => Assert.Equal(0, p.Dimensions["ecological"].Score));
        Assert.All(result.Panel, p => Assert.Equal(0, p.Dimensions["ecological"].Index));
        // x2 is never an obstacle (F = 0), so row A's obstacle is all x1: 100 %.
        Assert.Equal(100, result.Panel[0].ObstaclesByDimension["economic"], 1e-9);
        Assert.Equal(0, result.Panel[0].ObstaclesByDimension["ecological"], 1e-9);
        Assert.Contains(result.Warnings, w => w.Contains("'x2'") && w.Contains("same value everywhere"));
    }

    [Fact]
    public void ZeroRangeColumn_WithShiftZero_NormalisedIsZero()
    {
        // Same panel, shift 0: composite = x'1 = 0, 0.5, 1; score of x2 = 0 in every row.
        var result = PanelAssessment.Run(TwoIndicators, CityRegistry.Default,
        [
            new ObservationRow("toy_a", 2015, [1, 5]),
            new ObservationRow("toy_b", 2015, [2, 5]),
            new ObservationRow("toy_c", 2015, [3, 5]),
        ], new AssessmentOptions { Shift = 0 });

        AssertAll([0, 0.5, 1], result.Panel.Select(p => p.Composite).ToArray(), 1e-12);
        Assert.Equal(0, result.Weights.Indicators[1].Weight);
        // TOPSIS: v2 = 0 everywhere, so closeness is x'1: 0, 0.5, 1.
        AssertAll([0, 0.5, 1], result.Panel.Select(p => p.Topsis.Closeness).ToArray(), 1e-12);
    }

    [Fact]
    public void AllMissingColumn_GetsWeightZero_AndAWarning()
    {
        // x2 has no value anywhere → set to 0 (constant) → weight 0; x1 takes all the weight.
        var result = PanelAssessment.Run(TwoIndicators, CityRegistry.Default,
        [
            new ObservationRow("toy_a", 2015, [1, null]),
            new ObservationRow("toy_b", 2015, [2, null]),
            new ObservationRow("toy_c", 2015, [3, null]),
        ], new AssessmentOptions { Shift = 0 });

        Assert.Equal(0, result.Weights.Indicators[1].Weight);
        Assert.Equal(1, result.Weights.Indicators[0].Weight, 1e-12);
        Assert.Contains(result.Warnings, w => w.Contains("'x2'") && w.Contains("no value at all"));
        AssertAll([0, 0.5, 1], result.Panel.Select(p => p.Composite).ToArray(), 1e-12);
        Assert.All(result.Panel, p => Assert.False(double.IsNaN(p.Composite)));
    }

    [Fact]
    public void Imputation_LinearInside_NearestAtTheEnds()
    {
        // toy_a x1 over 2010..2015: –, 2, –, –, 8, –
        //   2010 → nearest = 2; 2012 → 2 + 6·1/3 = 4; 2013 → 2 + 6·2/3 = 6; 2015 → nearest = 8.
        // toy_b is complete (x1 = 1..6), x2 complete for both.
        var rows = new List<ObservationRow>();
        double?[] a = [null, 2, null, null, 8, null];
        for (var t = 0; t < 6; t++)
        {
            rows.Add(new ObservationRow("toy_a", 2010 + t, [a[t], 10 + t]));
            rows.Add(new ObservationRow("toy_b", 2010 + t, [1 + t, 20 - t]));
        }

        var result = PanelAssessment.Run(TwoIndicators, CityRegistry.Default, rows);

        Assert.Equal(4, result.Imputed.Count);
        Assert.All(result.Imputed, i =>
        {
            Assert.Equal("toy_a", i.CityId);
            Assert.Equal("x1", i.IndicatorId);
            Assert.Equal("linear/nearest", i.Method);
        });
        Assert.Equal([2010, 2012, 2013, 2015], result.Imputed.Select(i => i.Year));
        AssertAll([2, 4, 6, 8], result.Imputed.Select(i => i.Value).ToArray(), 1e-12);
        // The filled values enter the bounds: x1 pooled min = 1 (toy_b 2010), max = 8 (toy_a 2014/2015 filled).
        Assert.Equal(1, result.Weights.Indicators[0].Min);
        Assert.Equal(8, result.Weights.Indicators[0].Max);
    }

    [Fact]
    public void Imputation_CityMissingAWholeYear_IsFilled()
    {
        // toy_b has no row for 2011 at all: the panel still has 2 cities × 3 years, and toy_b 2011 is
        // interpolated in every indicator: x1 = (2 + 6)/2 = 4, x2 = (30 + 10)/2 = 20.
        var result = PanelAssessment.Run(TwoIndicators, CityRegistry.Default,
        [
            new ObservationRow("toy_a", 2010, [1, 10]),
            new ObservationRow("toy_a", 2011, [2, 11]),
            new ObservationRow("toy_a", 2012, [3, 12]),
            new ObservationRow("toy_b", 2010, [2, 30]),
            new ObservationRow("toy_b", 2012, [6, 10]),
        ]);

        Assert.Equal([2010, 2011, 2012], result.Years);
        Assert.Equal(6, result.Panel.Count);
        Assert.Contains(result.Panel, p => p.CityId == "toy_b" && p.Year == 2011);
        Assert.Equal(2, result.Imputed.Count);
        Assert.All(result.Imputed, i => Assert.Equal(("toy_b", 2011, "linear/nearest"), (i.CityId, i.Year, i.Method)));
        Assert.Equal(["x1", "x2"], result.Imputed.Select(i => i.IndicatorId));
        AssertAll([4, 20], result.Imputed.Select(i => i.Value).ToArray(), 1e-12);
        Assert.All(result.Panel, p => Assert.False(double.IsNaN(p.Composite)));
    }

    [Fact]
    public void Imputation_CityWithoutAnyValue_TakesTheCrossCityMeanOfThatYear()
    {
        // toy_c never reports x2: it gets the mean of toy_a and toy_b per year:
        //   2010 → (10 + 30)/2 = 20; 2011 → (12 + 20)/2 = 16.
        var result = PanelAssessment.Run(TwoIndicators, CityRegistry.Default,
        [
            new ObservationRow("toy_a", 2010, [1, 10]),
            new ObservationRow("toy_a", 2011, [2, 12]),
            new ObservationRow("toy_b", 2010, [3, 30]),
            new ObservationRow("toy_b", 2011, [4, 20]),
            new ObservationRow("toy_c", 2010, [5, null]),
            new ObservationRow("toy_c", 2011, [6, null]),
        ]);

        Assert.Equal(2, result.Imputed.Count);
        Assert.All(result.Imputed, i => Assert.Equal(("toy_c", "x2", "cross-city-mean"), (i.CityId, i.IndicatorId, i.Method)));
        Assert.Equal([2010, 2011], result.Imputed.Select(i => i.Year));
        AssertAll([20, 16], result.Imputed.Select(i => i.Value).ToArray(), 1e-12);
    }

    // ---------------------------------------------------------------------------------------------

    private static double[,] Matrix(params double[][] rows)
    {
        var m = new double[rows.Length, rows[0].Length];
        for (var i = 0; i < rows.Length; i++)
            for (var j = 0; j < rows[i].Length; j++)
                m[i, j] = rows[i][j];
        return m;
    }

    private static void AssertAll(double[] expected, IReadOnlyList<double> actual, double tolerance)
    {
        Assert.Equal(expected.Length, actual.Count);
        for (var i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance,
                $"[{i}]: expected {expected[i]} ± {tolerance}, actual {actual[i]:R} (all: {string.Join(", ", actual.Select(a => a.ToString("R")))})");
    }
}
