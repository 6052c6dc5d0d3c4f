using Resilience.Method.Assessment;
using Resilience.Method.Catalogs;
using Resilience.Method.Emissions;
using Resilience.Method.Ingestion;

namespace Resilience.Method.Tests;

/// <summary>The emissions reader, the Tapio classification (method.md §9, §12.7) and the emissions analysis on hand-worked panels.</summary>
public class EmissionsTests
{
    private const string FileName = "emissions.csv";

    private static EmissionsFileReadResult Read(string csv, string? unit = null) =>
        EmissionsFileReader.Read(new StringReader(csv), FileName, CityRegistry.Default, unit);

    // ---------------------------------------------------------------------------------------------
    // Reader
    // ---------------------------------------------------------------------------------------------

    [Fact]
    public void Reader_ReadsCityYearCo2_InMt_AndKeepsEmptyCellsAsMissing()
    {
        var result = Read("city_id,year,co2\ndatong,2015,54.5\n大同市,2016,\ntangshan,2015,190\n");

        Assert.True(result.Accepted, string.Join("\n", result.Problems));
        Assert.Equal("missing-value", Assert.Single(result.Problems).Rule);
        Assert.Equal([new EmissionRow("datong", 2015, 54.5), new EmissionRow("datong", 2016, null), new EmissionRow("tangshan", 2015, 190)],
            result.Rows);
    }

    [Theory]
    [InlineData("t", 54_500_000, 54.5)]
    [InlineData("kt", 54_500, 54.5)]
    [InlineData("万吨", 5450, 54.5)]
    [InlineData("Mt CO2", 54.5, 54.5)]
    [InlineData("million tonnes", 54.5, 54.5)]
    [InlineData("Gt", 0.0545, 54.5)]
    public void Reader_ConvertsTheCallersUnitToMt(string unit, double value, double mt)
    {
        var result = Read($"city,year,co2\ndatong,2015,{value.ToString(System.Globalization.CultureInfo.InvariantCulture)}\n", unit);

        Assert.True(result.Accepted, string.Join("\n", result.Problems));
        Assert.Equal(mt, Assert.Single(result.Rows).Co2!.Value, 1e-9);
    }

    [Fact]
    public void Reader_UnitColumn_WinsOverTheCallersUnit_PerRow()
    {
        // Row 2 in tonnes, row 3 empty unit → the caller's kt, row 4 in 万吨 (10 kt).
        var result = Read("city_id,year,co2,unit\ndatong,2015,2000000,t\ndatong,2016,3000,\ndatong,2017,400,万吨\n", unit: "kt");

        Assert.True(result.Accepted, string.Join("\n", result.Problems));
        Assert.Equal([2.0, 3.0, 4.0], result.Rows.Select(r => r.Co2!.Value));
    }

    [Fact]
    public void Reader_UnknownUnitCell_IsAnErrorNamingRowColumnAndValue()
    {
        var result = Read("city_id,year,co2,unit\ndatong,2015,1,t\ndatong,2016,1,barrels\n");

        Assert.False(result.Accepted);
        Assert.Empty(result.Rows);
        var problem = Assert.Single(result.Problems);
        Assert.Equal((Severity.Error, FileName, 3L, "unit", "barrels", "unknown-unit"),
            (problem.Severity, problem.File, problem.Row, problem.Column, problem.Value, problem.Rule));
    }

    [Fact]
    public void Reader_UnknownCallerUnit_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => Read("city,year,co2\ndatong,2015,1\n", unit: "barrels"));
        Assert.Contains("barrels", e.Message);
    }

    [Fact]
    public void Reader_BadCells_AreErrors_WithFileRowColumnValueAndRule()
    {
        var result = Read(
            "city_id,year,co2\n" +
            "datong,2015,abc\n" +      // line 2: non-numeric
            "datong,2016,-3\n" +       // line 3: negative
            "datong,20x6,1\n" +        // line 4: invalid year
            ",2017,1\n" +              // line 5: missing city
            "datong,2015,2\n");        // line 6: duplicate city-year (line 2 was read, though its value was bad)

        Assert.False(result.Accepted);
        Assert.Equal(
            [(2L, "co2", "abc", "non-numeric"), (3L, "co2", "-3", "negative-value"), (4L, "year", "20x6", "invalid-year"),
             (5L, "city_id", "", "missing-city"), (6L, "city_id", "datong", "duplicate-city-year")],
            result.Problems.Select(p => (p.Row, p.Column!, p.Value!, p.Rule)));
        Assert.All(result.Problems, p => Assert.Equal(Severity.Error, p.Severity));
        Assert.All(result.Problems, p => Assert.Equal(FileName, p.File));
    }

    [Theory]
    [InlineData("city_id,co2\ndatong,1\n", "missing-year-column")]
    [InlineData("year,co2\n2015,1\n", "missing-city-column")]
    [InlineData("city_id,year,population\ndatong,2015,1\n", "no-indicator-columns")]
    [InlineData("", "empty-file")]
    [InlineData("city_id,year,co2\n", "no-rows")]
    public void Reader_StructuralProblems_AreErrorsOnRowOne(string csv, string rule)
    {
        var result = Read(csv);

        Assert.False(result.Accepted);
        Assert.Contains(result.Problems, p => p is { Severity: Severity.Error, Row: 1 } && p.Rule == rule);
    }

    [Fact]
    public void Reader_UnknownCity_IsAWarning_AndImplausibleMagnitude_IsAWarningOnce()
    {
        // 8,000,000 Mt for one city is surely tonnes given as Mt: one warning, at the first such row.
        var result = Read("city_id,year,co2\natlantis,2015,1\ndatong,2015,8000000\ndatong,2016,9000000\n");

        Assert.True(result.Accepted);
        Assert.Equal(3, result.Rows.Count);
        Assert.Equal([(2L, "unknown-city"), (3L, "implausible-value")], result.Problems.Select(p => (p.Row, p.Rule)));
        Assert.All(result.Problems, p => Assert.Equal(Severity.Warning, p.Severity));
    }

    // ---------------------------------------------------------------------------------------------
    // Tapio (method.md §9 table, §12.7)
    // ---------------------------------------------------------------------------------------------

    [Theory]
    // R 1.0 → 1.1 (gR = 0.1) with CO2 100 → 95 / 103 / 110 / 120
    [InlineData(1.1, 95, -0.5, "strong_decoupling", "强脱钩")]
    [InlineData(1.1, 103, 0.3, "weak_decoupling", "弱脱钩")]
    [InlineData(1.1, 110, 1.0, "expansive_coupling", "扩张连接")]
    [InlineData(1.1, 120, 2.0, "expansive_negative_decoupling", "扩张负脱钩")]
    // R 1.0 → 0.9 (gR = −0.1) with CO2 100 → 105 / 97 / 90 / 80
    [InlineData(0.9, 105, -0.5, "strong_negative_decoupling", "强负脱钩")]
    [InlineData(0.9, 97, 0.3, "weak_negative_decoupling", "弱负脱钩")]
    [InlineData(0.9, 90, 1.0, "recessive_coupling", "衰退连接")]
    [InlineData(0.9, 80, 2.0, "recessive_decoupling", "衰退脱钩")]
    public void Tapio_WorkedExamples(double r1, double c1, double e, string state, string stateZh)
    {
        var (elasticity, tapio) = Tapio.Classify(Growth.Rate(1.0, r1), Growth.Rate(100, c1));

        Assert.Equal(e, elasticity!.Value, 1e-9);
        Assert.Equal(state, tapio.Code);
        Assert.Equal(stateZh, tapio.LabelZh);
    }

    [Theory]
    [InlineData(0.1, 0.08, "expansive_coupling")]     // e = 0.8 exactly: in the coupling class
    [InlineData(0.1, 0.12, "expansive_coupling")]     // e = 1.2 exactly: in the coupling class
    [InlineData(0.125, 0.15, "expansive_coupling")]   // e = 1.2 (exact in binary)
    [InlineData(-0.125, -0.1, "recessive_coupling")]  // e = 0.8 (exact in binary)
    [InlineData(0.1, 0.0, "weak_decoupling")]         // ΔC = 0 with ΔR > 0: e = 0
    [InlineData(-0.1, 0.0, "weak_negative_decoupling")] // ΔC = 0 with ΔR < 0: e = 0
    public void Tapio_Boundaries(double gR, double gC, string state)
    {
        Assert.Equal(state, Tapio.Classify(gR, gC).State.Code);
    }

    [Theory]
    [InlineData(0.0, 0.05)]
    [InlineData(0.0, 0.0)]
    [InlineData(null, 0.05)]
    [InlineData(0.1, null)]
    public void Tapio_ZeroOrUnknownResilienceGrowth_IsUndefined_WithoutElasticity(double? gR, double? gC)
    {
        var (e, state) = Tapio.Classify(gR, gC);

        Assert.Null(e);
        Assert.Same(Tapio.Undefined, state);
        Assert.Equal("undefined", state.Code);
    }

    // ---------------------------------------------------------------------------------------------
    // Emissions analysis on hand-worked panels
    // ---------------------------------------------------------------------------------------------

    private static readonly Catalog OneIndicator = new([new Indicator("x1", "economic", Direction.Benefit)]);

    /// <summary>
    /// Two cities, 2010–2012, one benefit indicator, shift 0. x1: toy_a 1, 2, 3; toy_b 3, 3, 5 → pooled min 1, max 5,
    /// R = x' = (x − 1)/4: toy_a 0, 0.25, 0.5; toy_b 0.5, 0.5, 1.
    /// </summary>
    private static AssessmentResult TwoCities(AssessmentOptions? options = null) => PanelAssessment.Run(OneIndicator, CityRegistry.Default,
    [
        new ObservationRow("toy_a", 2010, [1]), new ObservationRow("toy_a", 2011, [2]), new ObservationRow("toy_a", 2012, [3]),
        new ObservationRow("toy_b", 2010, [3]), new ObservationRow("toy_b", 2011, [3]), new ObservationRow("toy_b", 2012, [5]),
    ], (options ?? new AssessmentOptions()) with { Shift = 0 });

    [Fact]
    public void Analysis_HandWorkedPanel()
    {
        var assessment = TwoCities();
        AssertAll([0, 0.25, 0.5, 0.5, 0.5, 1], assessment.Panel.Select(p => p.Composite).ToArray());

        // CO2: toy_a 10, 11, 12.1; toy_b 20, 18, 18.
        var result = EmissionsAnalysis.Analyse(assessment,
        [
            new EmissionRow("toy_a", 2010, 10), new EmissionRow("toy_a", 2011, 11), new EmissionRow("toy_a", 2012, 12.1),
            new EmissionRow("toy_b", 2010, 20), new EmissionRow("toy_b", 2011, 18), new EmissionRow("toy_b", 2012, 18),
        ]);

        // Yearly means: CO2 15, 14.5, 15.05; R 0.25, 0.375, 0.75.
        AssertAll([15, 14.5, 15.05], result.Yearly.Select(y => y.Co2Mean!.Value).ToArray());
        AssertAll([30, 29, 30.1], result.Yearly.Select(y => y.Co2Total!.Value).ToArray());
        AssertAll([0.25, 0.375, 0.75], result.Yearly.Select(y => y.ResilienceMean!.Value).ToArray());
        Assert.Null(result.Yearly[0].Co2Growth);
        Assert.Null(result.Yearly[0].ResilienceGrowth);
        // gC 2011 = −0.5/15 = −1/30; gR 2011 = 0.5 → e = −1/15, strong decoupling.
        // gC 2012 = 0.55/14.5 = 0.0379310; gR 2012 = 1 → e = 0.0379310, weak decoupling.
        AssertAll([-1.0 / 30, 0.55 / 14.5], result.Yearly.Skip(1).Select(y => y.Co2Growth!.Value).ToArray());
        Assert.Equal(["strong_decoupling", "weak_decoupling"], result.TapioYearlyMean.Select(t => t.State));
        AssertAll([-1.0 / 15, 0.55 / 14.5], result.TapioYearlyMean.Select(t => t.E!.Value).ToArray());

        // City-years: toy_a 2011 R 0 → 0.25 has gR undefined (base 0) → 'undefined'; toy_a 2012 gR = 1, gC = 0.1 → e = 0.1 (WD);
        // toy_b 2011 ΔR = 0 → 'undefined' with no elasticity; toy_b 2012 gR = 1, gC = 0 → e = 0 (WD).
        Assert.Equal([("toy_a", 2011, "undefined"), ("toy_a", 2012, "weak_decoupling"), ("toy_b", 2011, "undefined"), ("toy_b", 2012, "weak_decoupling")],
            result.TapioCityYear.Select(t => (t.CityId, t.Year, t.State)));
        Assert.Null(result.TapioCityYear[0].ResilienceGrowth);
        Assert.Null(result.TapioCityYear[0].E);
        Assert.Equal(0.0, result.TapioCityYear[2].ResilienceGrowth);
        Assert.Null(result.TapioCityYear[2].E);
        Assert.Equal(0.1, result.TapioCityYear[1].E!.Value, 1e-12);
        Assert.Equal(0.0, result.TapioCityYear[3].E!.Value, 1e-12);

        // Period 2010 → 2012: toy_a R from 0 (undefined); toy_b gR = 1, gC = −0.1 → e = −0.1, strong decoupling.
        Assert.Equal([("toy_a", 2010, 2012, "undefined"), ("toy_b", 2010, 2012, "strong_decoupling")],
            result.TapioCityPeriod.Select(t => (t.CityId, t.From, t.To, t.State)));
        Assert.Equal(-0.1, result.TapioCityPeriod[1].E!.Value, 1e-12);

        // AAGR of mean CO2 over 3 years: (15.05 / 15)^(1/2) − 1.
        Assert.Equal(15, result.Co2MeanFirst);
        Assert.Equal(15.05, result.Co2MeanLast!.Value, 1e-12);
        Assert.Equal(Math.Sqrt(15.05 / 15) - 1, result.AagrMeanCo2!.Value, 1e-12);
        Assert.Empty(result.Imputed);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Analysis_MissingCo2_IsInterpolatedWithinTheCity_AndACityWithoutCo2IsLeftOut()
    {
        var assessment = TwoCities();

        // toy_a 2010 missing → nearest (11); 2011 given; 2012 missing → nearest (11)... with one value, every year is 11.
        // toy_b has no CO2 at all → left out: the yearly means are toy_a's alone. Emissions of an unknown city are ignored.
        var result = EmissionsAnalysis.Analyse(assessment,
            [new EmissionRow("toy_a", 2010, null), new EmissionRow("toy_a", 2011, 11), new EmissionRow("toy_z", 2011, 5)]);

        Assert.Equal([("toy_a", 2010, 11.0), ("toy_a", 2012, 11.0)], result.Imputed.Select(i => (i.CityId, i.Year, i.Value)));
        Assert.All(result.Imputed, i => Assert.Equal("linear/nearest", i.Method));
        Assert.All(result.Yearly, y => Assert.Equal(1, y.N));
        AssertAll([11, 11, 11], result.Yearly.Select(y => y.Co2Mean!.Value).ToArray());
        // Resilience mean over the same (matched) cities: toy_a's R.
        AssertAll([0, 0.25, 0.5], result.Yearly.Select(y => y.ResilienceMean!.Value).ToArray());
        Assert.Equal(["toy_a"], result.TapioCityPeriod.Select(t => t.CityId));
        Assert.Contains(result.Warnings, w => w.Contains("toy_b") && w.Contains("no CO2"));
        Assert.Contains(result.Warnings, w => w.Contains("toy_z") && w.Contains("not assessed"));
    }

    [Fact]
    public void Analysis_LinearGapInsideTheSeries()
    {
        var result = EmissionsAnalysis.Analyse(TwoCities(),
        [
            new EmissionRow("toy_a", 2010, 10), new EmissionRow("toy_a", 2012, 14),
            new EmissionRow("toy_b", 2010, 1), new EmissionRow("toy_b", 2011, 1), new EmissionRow("toy_b", 2012, 1),
        ]);

        var filled = Assert.Single(result.Imputed);
        Assert.Equal(("toy_a", 2011, 12.0), (filled.CityId, filled.Year, filled.Value));
    }

    [Fact]
    public void Analysis_WithoutImputation_LeavesMissingCityYearsOut()
    {
        var assessment = TwoCities(new AssessmentOptions { Impute = AssessmentOptions.NoImputation });

        var result = EmissionsAnalysis.Analyse(assessment,
        [
            new EmissionRow("toy_a", 2010, 10), new EmissionRow("toy_a", 2011, null), new EmissionRow("toy_a", 2012, 12),
            new EmissionRow("toy_b", 2010, 20), new EmissionRow("toy_b", 2011, 20), new EmissionRow("toy_b", 2012, 22),
        ]);

        Assert.Empty(result.Imputed);
        Assert.Equal([2, 1, 2], result.Yearly.Select(y => y.N));
        AssertAll([15, 20, 17], result.Yearly.Select(y => y.Co2Mean!.Value).ToArray());
        // toy_a has no 2011 pair, so no Tapio entry for 2011 or 2012; its period still runs 2010 → 2012.
        Assert.Equal([("toy_b", 2011), ("toy_b", 2012)], result.TapioCityYear.Select(t => (t.CityId, t.Year)));
        Assert.Equal([("toy_a", 2010, 2012), ("toy_b", 2010, 2012)], result.TapioCityPeriod.Select(t => (t.CityId, t.From, t.To)));
        Assert.Contains(result.Warnings, w => w.Contains("toy_a 2011"));
    }

    [Fact]
    public void Run_WithEmissions_AttachesTheBlockAndTheSummaryFigures()
    {
        var result = PanelAssessment.Run(OneIndicator, CityRegistry.Default,
            [new ObservationRow("toy_a", 2010, [1]), new ObservationRow("toy_b", 2010, [2]), new ObservationRow("toy_a", 2011, [3]), new ObservationRow("toy_b", 2011, [4])],
            emissions: [new EmissionRow("toy_a", 2010, 10), new EmissionRow("toy_b", 2010, 30), new EmissionRow("toy_a", 2011, 22), new EmissionRow("toy_b", 2011, 22)]);

        Assert.NotNull(result.Emissions);
        Assert.Equal(20, result.Summary.Co2MeanFirst);
        Assert.Equal(22, result.Summary.Co2MeanLast);
        Assert.Equal(0.1, result.Summary.AagrMeanCo2!.Value, 1e-12);
    }

    private static void AssertAll(double[] expected, IReadOnlyList<double> actual, double tolerance = 1e-12)
    {
        Assert.Equal(expected.Length, actual.Count);
        for (var i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"[{i}]: expected {expected[i]}, actual {actual[i]:R}");
    }
}
