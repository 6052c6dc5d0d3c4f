using System.Text.Json.Nodes;
using Resilience.Method.Assessment;
using Resilience.Method.Catalogs;
using Resilience.Method.Ingestion;
using Resilience.Testing;

namespace Resilience.Method.Tests;

/// <summary>The configuration file (docs/configuration.md) and the effect of each method option on hand-worked panels.</summary>
public class OptionsTests
{
    private const string ConfigFile = "config.json";

    // ---------------------------------------------------------------------------------------------
    // Configuration file
    // ---------------------------------------------------------------------------------------------

    [Fact]
    public void ConfigFile_SetsEveryOption()
    {
        var options = AssessmentOptionsFile.Parse("""
            {
              // comments and trailing commas are allowed
              "mode": "per-year",
              "shift": 0.001,
              "scoreUnshifted": true,
              "impute": "none",
              "composite": "equal-dims",
              "ccdInput": "score",
              "ccdTWeights": [0.4, 0.3, 0.2, 0.1],
              "ccdPair": ["social", "infrastructure"],
              "sdDdof": 1,
              "topObstacles": 5,
            }
            """, ConfigFile, Catalog.Default);

        Assert.Equal(new AssessmentOptions
        {
            Mode = "per-year", Shift = 0.001, ScoreUnshifted = true, Impute = "none", Composite = "equal-dims", CcdInput = "score",
            CcdTWeights = "0.4,0.3,0.2,0.1", CcdPair = "social,infrastructure", SdDdof = 1, TopObstacles = 5,
        }, options);
    }

    [Fact]
    public void ConfigFile_KeysLeftOut_KeepTheirDefaults()
    {
        Assert.Equal(AssessmentOptions.Default with { Shift = 0.01 }, AssessmentOptionsFile.Parse("""{ "shift": 0.01 }""", ConfigFile));
        Assert.Equal(AssessmentOptions.Default, AssessmentOptionsFile.Parse("{}", ConfigFile));
    }

    [Fact]
    public void ConfigFile_TheReferenceConfigBlock_InSnakeCase_IsTheDefault()
    {
        var config = JsonNode.Parse(File.ReadAllText(Fixtures.Method("demo", "expected.json")))!["config"]!.ToJsonString();

        Assert.Equal(AssessmentOptions.Default, AssessmentOptionsFile.Parse(config, "expected.json", Catalog.Default));
    }

    [Theory]
    [InlineData("{\n  \"mode\": \"pooled\",\n  \"weighting\": \"critic\"\n}", 3, "weighting", "unknown option")]
    [InlineData("{\n  \"mode\": \"weekly\"\n}", 2, "mode", "'weekly' is not one of 'pooled', 'per-year'")]
    [InlineData("{\n  \"mode\": 3\n}", 2, "mode", "expected a string")]
    [InlineData("{ \"shift\": -0.1 }", 1, "shift", "not a finite number ≥ 0")]
    [InlineData("{ \"shift\": \"0.1\" }", 1, "shift", "expected a number")]
    [InlineData("{ \"scoreUnshifted\": 1 }", 1, "scoreUnshifted", "expected true or false")]
    [InlineData("{ \"impute\": \"mean\" }", 1, "impute", "'mean' is not one of 'linear', 'none'")]
    [InlineData("{ \"composite\": \"topsis\" }", 1, "composite", "is not one of")]
    [InlineData("{ \"ccdInput\": \"raw\" }", 1, "ccdInput", "is not one of")]
    [InlineData("{ \"ccdTWeights\": [0.5, 0.6, 0, 0] }", 1, "ccdTWeights", "sum to 1.1")]
    [InlineData("{ \"ccdTWeights\": [0.5, 0.5] }", 1, "ccdTWeights", "2 weights for 4 dimensions")]
    [InlineData("{ \"ccdTWeights\": \"heavy\" }", 1, "ccdTWeights", "neither 'equal' nor a list")]
    [InlineData("{ \"ccdTWeights\": [0, 0.5, 0, 0.5] }", 1, "ccdTWeights", "both dimensions of the pair economic/ecological have weight 0")]
    [InlineData("{ \"ccdPair\": \"economic\" }", 1, "ccdPair", "not two different dimension names")]
    [InlineData("{ \"ccdPair\": [\"economic\", \"economic\"] }", 1, "ccdPair", "not two different dimension names")]
    [InlineData("{ \"sdDdof\": 0.5 }", 1, "sdDdof", "expected a whole number")]
    [InlineData("{ \"topObstacles\": -1 }", 1, "topObstacles", "is negative")]
    [InlineData("{\n \"shift\": 0.1,\n \"Shift\": 0.2 }", 3, "Shift", "given twice")]
    public void ConfigFile_BadKeysAndValues_AreDataFileExceptions_NamingKeyAndLine(string json, long line, string key, string reason)
    {
        var e = Assert.Throws<DataFileException>(() => AssessmentOptionsFile.Parse(json, ConfigFile, Catalog.Default));

        Assert.Equal(ConfigFile, e.FileName);
        Assert.Equal(line, e.Row);
        Assert.Equal(key, e.Column);
        Assert.Contains(reason, e.Reason);
    }

    [Theory]
    [InlineData("{ \"mode\": \"pooled\",\n  \"shift\": }", 2)]
    [InlineData("[1, 2]", 1)]
    [InlineData("", 1)]
    public void ConfigFile_ThatIsNotAJsonObject_IsRejected(string json, long line)
    {
        var e = Assert.Throws<DataFileException>(() => AssessmentOptionsFile.Parse(json, ConfigFile));

        Assert.Equal(line, e.Row);
        Assert.Null(e.Column);
    }

    [Fact]
    public void Run_RejectsInvalidOptions_NamingTheOption()
    {
        var e = Assert.Throws<ArgumentException>(() => RunToy(new AssessmentOptions { Mode = "weekly", TopObstacles = -2 }));

        Assert.Contains("mode: 'weekly'", e.Message);
        Assert.Contains("topObstacles", e.Message);
    }

    // ---------------------------------------------------------------------------------------------
    // Effects, on the hand-computed 3×3 toy of method.md §12.4 (shift 0 unless said otherwise):
    // x' = (0, .5, 1), (0, 0, 1), (0, .5, 1); w = (0.228444, 0.543112, 0.228444); composite (0, 0.228444, 1).
    // ---------------------------------------------------------------------------------------------

    private static readonly Catalog ToyCatalog = new(
    [
        new Indicator("x1", "economic", Direction.Benefit),
        new Indicator("x2", "ecological", Direction.Benefit),
        new Indicator("x3", "economic", Direction.Cost),
    ]);

    private static AssessmentResult RunToy(AssessmentOptions options) => PanelAssessment.Run(ToyCatalog, CityRegistry.Default,
    [
        new ObservationRow("toy_a", 2015, [1, 10, 5]),
        new ObservationRow("toy_b", 2015, [2, 10, 3]),
        new ObservationRow("toy_c", 2015, [3, 40, 1]),
    ], options);

    [Fact]
    public void EqualDimsComposite_IsTheMeanOfTheDimensionIndices()
    {
        // U_econ = (0, .5, 1), U_eco = (0, 0, 1) → R = (0, 0.25, 1).
        var result = RunToy(new AssessmentOptions { Shift = 0, Composite = "equal-dims" });

        AssertAll([0, 0.25, 1], result.Panel.Select(p => p.Composite).ToArray(), 1e-12);
    }

    [Fact]
    public void ScoreUnshifted_ScoresOnXPrime_WhileTheEntropyStillUsesTheShift()
    {
        var shifted = RunToy(new AssessmentOptions { Shift = 0.01 });
        var unshifted = RunToy(new AssessmentOptions { Shift = 0.01, ScoreUnshifted = true });

        // Same weights; Σ w = 1, so the shifted composite is the unshifted one + 0.01.
        Assert.Equal(shifted.Weights.Indicators.Select(i => i.Weight), unshifted.Weights.Indicators.Select(i => i.Weight));
        var w = unshifted.Weights.Indicators.Select(i => i.Weight).ToArray();
        AssertAll([0, 0.5 * w[0] + 0.5 * w[2], 1], unshifted.Panel.Select(p => p.Composite).ToArray(), 1e-12);
        AssertAll(unshifted.Panel.Select(p => p.Composite + 0.01).ToArray(), shifted.Panel.Select(p => p.Composite).ToList(), 1e-12);
        // Row A is 0 on every indicator: its unshifted dimension scores are 0.
        Assert.All(unshifted.Panel[0].Dimensions.Values, d => Assert.Equal(0, d.Score));
    }

    [Fact]
    public void CcdInputScore_CouplesTheDimensionScores()
    {
        var result = RunToy(new AssessmentOptions { Shift = 0, CcdInput = "score" });

        // Row B: S_econ = 0.5 w1 + 0.5 w3 = 0.228444, S_eco = 0.
        var b = result.Panel[1];
        Assert.Equal([b.Dimensions["economic"].Score, b.Dimensions["ecological"].Score], b.Ccd.U);
        Assert.Equal(0.228444, b.Ccd.U[0], 1e-6);
        Assert.Equal(0.228444 / 2, b.Ccd.T, 1e-6);
    }

    [Fact]
    public void ExplicitTWeights_WeightTheCouplingT_AndThePairsTRenormalised()
    {
        // U row B = (0.5, 0): T = 0.75·0.5 + 0.25·0 = 0.375; the pair is the same two dimensions: α = (0.75, 0.25).
        var result = RunToy(new AssessmentOptions { Shift = 0, CcdTWeights = "0.75,0.25" });

        Assert.Equal(0.375, result.Panel[1].Ccd.T, 1e-12);
        Assert.Equal(0.375, result.Panel[1].CcdPair.T, 1e-12);
        Assert.Equal(1, result.Panel[2].Ccd.T, 1e-12);
        // D = √(C·T) with the weighted T: row C has U = (1, 1), C = 1 → D = 1.
        Assert.Equal(1, result.Panel[2].Ccd.Classic.D, 1e-12);
    }

    [Fact]
    public void CcdPair_SelectsTheTwoDimensions()
    {
        var catalog = new Catalog(
        [
            new Indicator("x1", "economic", Direction.Benefit),
            new Indicator("x2", "social", Direction.Benefit),
            new Indicator("x3", "ecological", Direction.Benefit),
        ]);
        var result = PanelAssessment.Run(catalog, CityRegistry.Default,
            [new ObservationRow("toy_a", 2015, [1, 4, 9]), new ObservationRow("toy_b", 2015, [2, 2, 3]), new ObservationRow("toy_c", 2015, [3, 1, 6])],
            new AssessmentOptions { Shift = 0, CcdPair = "ecological, social" });

        // x' ecological = (1, 0, 0.5), social = (1, 1/3, 0); each dimension has one indicator, so U = x'.
        Assert.Equal(["ecological", "social"], result.Panel[0].CcdPair.Pair!);
        AssertAll([0.5, 0], result.Panel[2].CcdPair.U.ToArray(), 1e-12);
        AssertAll([0, 1.0 / 3], result.Panel[1].CcdPair.U.ToArray(), 1e-12);
        Assert.Equal("social_lagging", result.Panel[2].CcdPair.LagType);
    }

    [Fact]
    public void CcdPair_MissingFromTheCatalog_FallsBackToTheFirstTwoDimensions_WithAWarning()
    {
        var result = RunToy(new AssessmentOptions { CcdPair = "social,economic" });

        Assert.Equal(["economic", "ecological"], result.Panel[0].CcdPair.Pair!);
        Assert.Contains(result.Warnings, w => w.Contains("no dimension 'social'"));
    }

    [Fact]
    public void SdDdof1_GivesTheSampleStandardDeviation()
    {
        // composite (0, 0.22844383, 1): mean 0.40948128; sample SD 0.52400469 (population 0.42784804).
        var sample = RunToy(new AssessmentOptions { Shift = 0, SdDdof = 1 }).Yearly.Single();
        var population = RunToy(new AssessmentOptions { Shift = 0 }).Yearly.Single();

        Assert.Equal(0.5240046931925435, sample.Sd, 1e-7);
        Assert.Equal(0.5240046931925435 / 0.40948127544017626, sample.Cv, 1e-7);
        Assert.Equal(0.4278480403817938, population.Sd, 1e-7);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(5)]
    public void TopObstacles_ReportsThatMany_AtMostTheIndicatorCount(int top)
    {
        var result = RunToy(new AssessmentOptions { Shift = 0, TopObstacles = top });

        Assert.All(result.Panel, p => Assert.Equal(Math.Min(top, 3), p.ObstaclesTop.Count));
        if (top > 0) Assert.Equal("x2", result.Panel[0].ObstaclesTop[0].IndicatorId);
    }

    // ---------------------------------------------------------------------------------------------
    // Per-year normalisation (method.md §4.3)
    // ---------------------------------------------------------------------------------------------

    private static readonly Catalog TwoIndicators = new(
    [
        new Indicator("x1", "economic", Direction.Benefit),
        new Indicator("x2", "ecological", Direction.Benefit),
    ]);

    [Fact]
    public void PerYear_BoundsEntropyAndWeights_AreComputedWithinEachYear()
    {
        // 2010: x1 = 1,2,3 → x' (0, .5, 1); x2 = 10,10,40 → x' (0, 0, 1); k = 1/ln 3;
        //       e1 = −k(⅓ ln ⅓ + ⅔ ln ⅔) = 0.579380, e2 = 0 → w = (0.420620, 1)/1.420620 = (0.296082, 0.703918).
        // 2011: x1 = 5,5,5 (constant → weight 0); x2 = 1,2,3 → w = (0, 1), composite = x2' = (0, .5, 1).
        var result = PanelAssessment.Run(TwoIndicators, CityRegistry.Default,
        [
            new ObservationRow("toy_a", 2010, [1, 10]), new ObservationRow("toy_b", 2010, [2, 10]), new ObservationRow("toy_c", 2010, [3, 40]),
            new ObservationRow("toy_a", 2011, [5, 1]), new ObservationRow("toy_b", 2011, [5, 2]), new ObservationRow("toy_c", 2011, [5, 3]),
        ], new AssessmentOptions { Mode = "per-year", Shift = 0 });

        Assert.Equal(["2010", "2011"], result.WeightGroups.Select(g => g.Group));
        Assert.All(result.WeightGroups, g => Assert.Equal(3, g.N));
        Assert.All(result.WeightGroups, g => Assert.Equal(1 / Math.Log(3), g.K, 1e-15));
        AssertAll([0.579380, 0], result.WeightGroups[0].Indicators.Select(i => i.Entropy).ToArray(), 1e-6);
        AssertAll([0.29608191, 0.70391809], result.WeightGroups[0].Indicators.Select(i => i.Weight).ToArray(), 1e-8);
        AssertAll([0, 1], result.WeightGroups[1].Indicators.Select(i => i.Weight).ToArray(), 1e-15);
        Assert.Equal((5.0, 5.0), (result.WeightGroups[1].Indicators[0].Min, result.WeightGroups[1].Indicators[0].Max));
        // Weights is the last year's vector.
        Assert.Same(result.WeightGroups[^1], result.Weights);

        var composite = result.Panel.ToDictionary(p => (p.CityId, p.Year), p => p.Composite);
        AssertAll([0, 0.5 * 0.29608191, 1], [composite[("toy_a", 2010)], composite[("toy_b", 2010)], composite[("toy_c", 2010)]], 1e-8);
        AssertAll([0, 0.5, 1], [composite[("toy_a", 2011)], composite[("toy_b", 2011)], composite[("toy_c", 2011)]], 1e-12);
        // TOPSIS ideal and anti-ideal are per year too: in 2011 closeness = x2'.
        AssertAll([0, 0.5, 1], result.Panel.Where(p => p.Year == 2011).Select(p => p.Topsis.Closeness).ToArray(), 1e-12);
        Assert.Contains(result.Warnings, w => w.Contains("'x1'") && w.Contains("in 2011"));
    }

    [Fact]
    public void PerYear_DemoMean_StaysNear040_WhilePooledRises()
    {
        // method.md §4.3: pooled mean 0.19 → 0.44 over 2010–2019; per-year mean "≈ 0.40 every year". It is 0.40 in
        // 2010 and drifts to 0.35 by 2019 (no trend to speak of next to the pooled rise). The yearly means below come
        // from an independent numpy implementation (per-year min-max, k = 1/ln 30, x'' = x' + 0.0001).
        double[] independent =
        [
            0.4043270240824989, 0.39044546293826693, 0.393689665554705, 0.39167184170130265, 0.37045989758276715,
            0.3625849859467229, 0.35743380517506634, 0.34848005127601966, 0.3493215087879815, 0.34621073069105013,
        ];
        var catalog = ReferenceValueTests.ReadCatalog(Fixtures.Method("demo", "catalog.csv"));
        var cities = ReferenceValueTests.ReadCities(Fixtures.Method("demo", "cities.csv"));
        var rows = Directory.GetFiles(Fixtures.Method("demo"), "indicators_*.csv").Order()
            .SelectMany(path => ReferenceValueTests.ReadIndicators(path, catalog, cities)).ToList();

        var perYear = PanelAssessment.Run(catalog, cities, rows, new AssessmentOptions { Mode = "per-year" });
        var pooled = PanelAssessment.Run(catalog, cities, rows);

        AssertAll(independent, perYear.Yearly.Select(y => y.Mean).ToList(), 1e-9);
        Assert.All(perYear.Yearly, y => Assert.InRange(y.Mean, 0.34, 0.41));
        Assert.True(pooled.Yearly[^1].Mean - pooled.Yearly[0].Mean > 0.25);
        Assert.Equal(10, perYear.WeightGroups.Count);
        Assert.All(perYear.WeightGroups, g => Assert.Equal(1 / Math.Log(30), g.K, 1e-15));
        // The weights themselves change between years.
        Assert.NotEqual(perYear.WeightGroups[0].Indicators[0].Weight, perYear.WeightGroups[^1].Indicators[0].Weight);
    }

    // ---------------------------------------------------------------------------------------------
    // Without imputation
    // ---------------------------------------------------------------------------------------------

    [Fact]
    public void ImputeNone_LeavesIncompleteCityYearsOut_WithAWarning()
    {
        // toy_b 2011 lacks x1, toy_c has no 2011 row at all: both are left out. The four complete rows
        // (a10, a11, b10, c10) have x1 = 1,2,3,5 and x2 = 10,20,30,50 → both x' = (0, .25, .5, 1): equal entropy,
        // w = (0.5, 0.5); composite = x' + 0.0001.
        var result = PanelAssessment.Run(TwoIndicators, CityRegistry.Default,
        [
            new ObservationRow("toy_a", 2010, [1, 10]), new ObservationRow("toy_a", 2011, [2, 20]),
            new ObservationRow("toy_b", 2010, [3, 30]), new ObservationRow("toy_b", 2011, [null, 40]),
            new ObservationRow("toy_c", 2010, [5, 50]),
        ], new AssessmentOptions { Impute = "none" });

        Assert.Empty(result.Imputed);
        Assert.Equal([("toy_a", 2010), ("toy_a", 2011), ("toy_b", 2010), ("toy_c", 2010)], result.Panel.Select(p => (p.CityId, p.Year)));
        Assert.Equal(4, result.Weights.N);
        Assert.Equal(1 / Math.Log(4), result.Weights.K, 1e-15);
        AssertAll([0.5, 0.5], result.Weights.Indicators.Select(i => i.Weight).ToArray(), 1e-15);
        AssertAll([0.0001, 0.2501, 0.5001, 1.0001], result.Panel.Select(p => p.Composite).ToArray(), 1e-12);
        Assert.Equal([3, 1], result.Yearly.Select(y => y.N));
        Assert.Equal(0.2501, result.Yearly[1].Mean, 1e-12);
        // Growth only where both years are assessed: toy_a 2011 = 0.25 / 0.0001.
        var growth = Assert.Single(result.CityGrowth);
        Assert.Equal(("toy_a", 2011), (growth.CityId, growth.Year));
        Assert.Equal(2500, growth.Growth!.Value, 1e-6);
        var warning = Assert.Single(result.Warnings, w => w.StartsWith("impute = none"));
        Assert.Contains("2 city-year(s)", warning);
        Assert.Contains("toy_b 2011 (x1)", warning);
        Assert.Contains("toy_c 2011 (no data)", warning);
    }

    [Fact]
    public void ImputeNone_WithNoCompleteRow_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => PanelAssessment.Run(TwoIndicators, CityRegistry.Default,
            [new ObservationRow("toy_a", 2010, [1, null]), new ObservationRow("toy_b", 2010, [null, 2])],
            new AssessmentOptions { Impute = "none" }));

        Assert.Contains("No city-year has a value for every indicator", e.Message);
    }

    private static void AssertAll(double[] expected, IReadOnlyList<double> actual, double tolerance)
    {
        Assert.Equal(expected.Length, actual.Count);
        for (var i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"[{i}]: expected {expected[i]}, actual {actual[i]:R}");
    }
}
