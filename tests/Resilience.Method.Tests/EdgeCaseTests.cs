using System.Text.Json;
using Resilience.Method.Assessment;
using Resilience.Method.Catalogs;
using Resilience.Method.Emissions;
using Resilience.Method.Ingestion;
using Resilience.Method.Sensitivity;

namespace Resilience.Method.Tests;

/// <summary>
/// Degenerate panels, worked by hand: one city, one year, one row, negative values, one dimension. Every result
/// must serialise (System.Text.Json refuses NaN and infinity). Zero-range and all-missing columns and a city missing
/// a whole year are in <see cref="WorkedExampleTests"/>; ΔR = 0 for Tapio in <see cref="EmissionsTests"/>.
/// </summary>
public class EdgeCaseTests
{
    private static readonly Catalog TwoIndicators = new(
    [
        new Indicator("x1", "economic", Direction.Benefit),
        new Indicator("x2", "ecological", Direction.Benefit),
    ]);

    [Fact]
    public void SingleCity_IsAssessedOverItsYears()
    {
        // One city, 2010–2012: x1 = 1,2,3 → x' (0, .5, 1); x2 = 10,10,40 → x' (0, 0, 1); N = 3, k = 1/ln 3.
        // With A = 0.0001 (independent numpy): w = (0.29616239, 0.70383761), composite = (0.0001, 0.14818120, 1.0001).
        var result = PanelAssessment.Run(TwoIndicators, CityRegistry.Default,
        [
            new ObservationRow("toy_a", 2010, [1, 10]), new ObservationRow("toy_a", 2011, [2, 10]), new ObservationRow("toy_a", 2012, [3, 40]),
        ], emissions: [new EmissionRow("toy_a", 2010, 10), new EmissionRow("toy_a", 2011, 10), new EmissionRow("toy_a", 2012, 11)],
        sensitivity: new SensitivityOptions { MonteCarloRuns = 10 });

        AssertAll([0.29616239, 0.70383761], result.Weights.Indicators.Select(i => i.Weight).ToArray(), 1e-8);
        AssertAll([0.0001, 0.14818120, 1.0001], result.Panel.Select(p => p.Composite).ToArray(), 1e-8);
        // Across one city there is no inequality: SD, CV, Gini and Theil are 0 (not NaN).
        Assert.All(result.Yearly, y =>
        {
            Assert.Equal(1, y.N);
            Assert.Equal((0.0, 0.0, 0.0, 0.0), (y.Sd, y.Cv, y.Gini, y.Theil.Total));
            Assert.Equal(0, y.Theil.BetweenShare);
        });
        AssertAll([1480.81196203, 5.74916943], result.CityGrowth.Select(g => g.Growth!.Value).ToArray(), 1e-6);
        // One city per year: every rank is 1, Spearman is undefined (null).
        Assert.All(result.Sensitivity!.CityYears, c => Assert.Equal((1, 1.0, 1.0), (c.Rank, c.RankP05!.Value, c.RankP95!.Value)));
        Assert.Null(result.Sensitivity.MonteCarlo!.MeanSpearman);
        Assert.All(result.Sensitivity.Weightings, w => Assert.Null(w.MeanSpearman));
        AssertSerialisable(result);
    }

    [Fact]
    public void SingleYear_HasNoGrowth_AndAZeroAagrWithAWarning()
    {
        // The 3×3 toy of method.md §12.4 with two indicators: one cross-section, N = 3.
        var result = PanelAssessment.Run(TwoIndicators, CityRegistry.Default,
        [
            new ObservationRow("toy_a", 2015, [1, 10]), new ObservationRow("toy_b", 2015, [2, 10]), new ObservationRow("toy_c", 2015, [3, 40]),
        ], new AssessmentOptions { Shift = 0 },
        emissions: [new EmissionRow("toy_a", 2015, 1), new EmissionRow("toy_b", 2015, 2), new EmissionRow("toy_c", 2015, 3)]);

        AssertAll([0, 0.5 * 0.29608191, 1], result.Panel.Select(p => p.Composite).ToArray(), 1e-8);
        Assert.Empty(result.CityGrowth);
        Assert.Null(Assert.Single(result.Yearly).GrowthMean);
        Assert.Equal((2015, 2015, 0.0), (result.Summary.FirstYear, result.Summary.LastYear, result.Summary.AagrMeanResilience));
        Assert.Contains(result.Warnings, w => w.StartsWith("only one year"));
        // Emissions: the year's mean and total, no growth, no Tapio entry, no AAGR.
        var year = Assert.Single(result.Emissions!.Yearly);
        Assert.Equal((2.0, 6.0), (year.Co2Mean!.Value, year.Co2Total!.Value));
        Assert.Null(year.Co2Growth);
        Assert.Empty(result.Emissions.TapioYearlyMean);
        Assert.Empty(result.Emissions.TapioCityYear);
        Assert.Empty(result.Emissions.TapioCityPeriod);
        Assert.Equal(2, result.Summary.Co2MeanFirst);
        Assert.Null(result.Summary.AagrMeanCo2);
        AssertSerialisable(result);
    }

    [Fact]
    public void SingleCitySingleYear_OneRowCarriesNoInformation_EqualWeights()
    {
        // N = 1: every column is constant (x' = 0) and 1/ln 1 is not a number, so k is reported as 0, every e = 1,
        // d = 0 and the weights are equal (method.md §5: "if every d = 0, equal weights 1/m"). Composite = A.
        var result = PanelAssessment.Run(TwoIndicators, CityRegistry.Default, [new ObservationRow("toy_a", 2015, [3, 7])],
            sensitivity: new SensitivityOptions { MonteCarloRuns = 5 });

        Assert.Equal((1, 0.0), (result.Weights.N, result.Weights.K));
        Assert.All(result.Weights.Indicators, i => Assert.Equal((1.0, 0.0, 0.5), (i.Entropy, i.Divergence, i.Weight)));
        var row = Assert.Single(result.Panel);
        Assert.Equal(0.0001, row.Composite, 1e-15);
        Assert.All(row.Dimensions.Values, d => Assert.Equal(0.0001, d.Index, 1e-15));
        // TOPSIS: ideal = anti-ideal, D+ = D− = 0 → closeness 0. CCD of equal indices: C = 1.
        Assert.Equal((0.0, 0.0, 0.0), (row.Topsis.DPlus, row.Topsis.DMinus, row.Topsis.Closeness));
        Assert.Equal(1, row.Ccd.Classic.C, 1e-12);
        // The city is at the worst value everywhere (x' = 0): each obstacle degree = w_j / Σ w = 50 %.
        Assert.All(row.ObstaclesTop, o => Assert.Equal(50, o.Degree, 1e-12));
        AssertSerialisable(result);
    }

    [Fact]
    public void NegativeValues_UnderABenefitIndicator_AreNormalisedLikeAnyOther()
    {
        // x1 = −3, −1, 1 → x' = (x + 3) / 4 = (0, .5, 1): exactly the toy's 1, 2, 3; x2 as in the toy.
        var negative = PanelAssessment.Run(TwoIndicators, CityRegistry.Default,
        [
            new ObservationRow("toy_a", 2015, [-3, 10]), new ObservationRow("toy_b", 2015, [-1, 10]), new ObservationRow("toy_c", 2015, [1, 40]),
        ], new AssessmentOptions { Shift = 0 });

        Assert.Equal((-3.0, 1.0), (negative.Weights.Indicators[0].Min, negative.Weights.Indicators[0].Max));
        AssertAll([0.29608191, 0.70391809], negative.Weights.Indicators.Select(i => i.Weight).ToArray(), 1e-8);
        AssertAll([0, 0.5 * 0.29608191, 1], negative.Panel.Select(p => p.Composite).ToArray(), 1e-8);
        Assert.All(negative.Panel, p => Assert.InRange(p.Composite, 0, 1));
    }

    [Fact]
    public void NegativeValues_UnderACostIndicator_AreNormalisedLikeAnyOther()
    {
        // x1 (cost) = −3, −1, 1 → x' = (1 − x) / 4 = (1, .5, 0).
        var catalog = new Catalog([new Indicator("x1", "economic", Direction.Cost), new Indicator("x2", "ecological", Direction.Benefit)]);
        var result = PanelAssessment.Run(catalog, CityRegistry.Default,
        [
            new ObservationRow("toy_a", 2015, [-3, 10]), new ObservationRow("toy_b", 2015, [-1, 20]), new ObservationRow("toy_c", 2015, [1, 30]),
        ], new AssessmentOptions { Shift = 0 });

        // x1' and x2' = (0, .5, 1) are mirror images: equal entropy, equal weights, so every composite is 0.5.
        AssertAll([0.5, 0.5], result.Weights.Indicators.Select(i => i.Weight).ToArray(), 1e-12);
        AssertAll([0.5, 0.5, 0.5], result.Panel.Select(p => p.Composite).ToArray(), 1e-12);
    }

    [Fact]
    public void SingleDimensionCatalog_CouplingIsOne_NotNaN()
    {
        // With one dimension the revised C would be 0/0; one system is coupled with itself: C = 1 in every variant.
        var catalog = new Catalog([new Indicator("x1", "economic", Direction.Benefit), new Indicator("x2", "economic", Direction.Benefit)]);
        var result = PanelAssessment.Run(catalog, CityRegistry.Default,
            [new ObservationRow("toy_a", 2015, [1, 5]), new ObservationRow("toy_b", 2015, [2, 3]), new ObservationRow("toy_c", 2015, [3, 9])]);

        Assert.All(result.Panel, p =>
        {
            Assert.Equal(1, p.Ccd.Classic.C, 1e-15); // exp(ln U) / U, within rounding
            Assert.Equal(1, p.Ccd.Revised.C);
            Assert.Equal(1, p.Ccd.Fan.C);
        });
        Assert.Contains(result.Warnings, w => w.Contains("ccdPair"));
        AssertSerialisable(result);
    }

    private static void AssertSerialisable(AssessmentResult result)
    {
        var json = JsonSerializer.Serialize(result); // throws on NaN or infinity
        Assert.DoesNotContain("NaN", json);
        Assert.DoesNotContain("Infinity", json);
    }

    private static void AssertAll(double[] expected, IReadOnlyList<double> actual, double tolerance)
    {
        Assert.Equal(expected.Length, actual.Count);
        for (var i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"[{i}]: expected {expected[i]}, actual {actual[i]:R}");
    }
}
