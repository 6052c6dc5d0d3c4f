using System.Text.Json;
using System.Text.Json.Nodes;
using Resilience.Method.Assessment;
using Resilience.Method.Catalogs;
using Resilience.Method.Emissions;
using Resilience.Method.Ingestion;
using Resilience.Testing;

namespace Resilience.Method.Tests;

/// <summary>The whole assessment against the reference values computed by an independent implementation.</summary>
public class ReferenceValueTests
{
    private const double Tolerance = 1e-9;

    [Fact]
    public void DemoPanel_MatchesExpectedJson_ForEveryQuantityComputed()
    {
        var catalog = ReadCatalog(Fixtures.Method("demo", "catalog.csv"));
        var cities = ReadCities(Fixtures.Method("demo", "cities.csv"));
        var rows = Directory.GetFiles(Fixtures.Method("demo"), "indicators_*.csv").Order()
            .SelectMany(path => ReadIndicators(path, catalog, cities)).ToList();

        var result = PanelAssessment.Run(catalog, cities, rows, emissions: ReadEmissions(Fixtures.Method("demo", "emissions.csv"), cities));

        AssertMatches(Fixtures.Method("demo", "expected.json"), result);
        AssertEmissionsMatch(Fixtures.Method("demo", "expected.json"), result);
    }

    [Fact]
    public void DemoPanel_EmissionsAnalysis_AsASeparateCall_MatchesExpectedJson()
    {
        var catalog = ReadCatalog(Fixtures.Method("demo", "catalog.csv"));
        var cities = ReadCities(Fixtures.Method("demo", "cities.csv"));
        var rows = Directory.GetFiles(Fixtures.Method("demo"), "indicators_*.csv").Order()
            .SelectMany(path => ReadIndicators(path, catalog, cities)).ToList();
        var assessment = PanelAssessment.Run(catalog, cities, rows);

        var emissions = EmissionsAnalysis.Analyse(assessment, ReadEmissions(Fixtures.Method("demo", "emissions.csv"), cities));

        Assert.Null(assessment.Emissions);
        Assert.Null(assessment.Summary.Co2MeanFirst);
        AssertEmissionsMatch(Fixtures.Method("demo", "expected.json"), assessment.WithEmissions(emissions));
        Assert.Empty(emissions.Warnings);
    }

    [Fact]
    public void DemoPanel_IsTheSame_WhenAllYearsComeInOneMultiYearFile()
    {
        var catalog = ReadCatalog(Fixtures.Method("demo", "catalog.csv"));
        var cities = ReadCities(Fixtures.Method("demo", "cities.csv"));
        // Concatenate the yearly files into one panel file: header once, then every year's rows.
        var files = Directory.GetFiles(Fixtures.Method("demo"), "indicators_*.csv").Order().ToList();
        var lines = File.ReadAllLines(files[0]).Take(1).Concat(files.SelectMany(f => File.ReadAllLines(f).Skip(1)));
        var read = IndicatorFileReader.Read(new StringReader(string.Join("\n", lines)), "panel.csv", catalog, cities);
        Assert.True(read.Accepted, string.Join("\n", read.Problems));
        Assert.Equal(300, read.Rows.Count);

        AssertMatches(Fixtures.Method("demo", "expected.json"), PanelAssessment.Run(catalog, cities, read.Rows));
    }

    [SkippableFact]
    public void RealThirtyCityFile_MatchesExpectedJson()
    {
        var path = Fixtures.RealData("kubia-ccsy2018", "final_air_pollution_30cities.csv");
        Skip.If(path is null, "../shared/data/real is absent beside this checkout (third-party file, not committed)");
        var catalog = ReadCatalog(Fixtures.Method("real-30cities", "catalog.csv"));
        var cities = ReadCities(Fixtures.Method("real-30cities", "cities.csv"));
        using var reader = new StreamReader(path!);
        var read = IndicatorFileReader.Read(reader, Path.GetFileName(path!), catalog, cities);
        Assert.True(read.Accepted, string.Join("\n", read.Problems));
        // 'post' and 'key_regions' are not indicators: reported and ignored.
        Assert.Equal(["key_regions", "post"], read.Problems.Where(p => p.Rule == "unknown-indicator-column").Select(p => p.Column!).Order());

        AssertMatches(Fixtures.Method("real-30cities", "expected.json"), PanelAssessment.Run(catalog, cities, read.Rows));
    }

    internal static void AssertMatches(string expectedPath, AssessmentResult result)
    {
        var expected = JsonNode.Parse(File.ReadAllText(expectedPath))!;
        var actual = JsonSerializer.SerializeToNode(result, ReferenceComparer.SnakeCase)!;
        var differences = new List<string>();
        foreach (var part in new[] { "cities", "years", "dimensions", "panel", "yearly", "city_growth", "imputed" })
            differences.AddRange(ReferenceComparer.Compare(expected[part], actual[part], Tolerance).Select(d => part + d[1..]));
        differences.AddRange(ReferenceComparer.Compare(expected["weights"]![0], actual["weights"], Tolerance));
        // Emission quantities belong to the carbon comparison, which this result does not include.
        differences.AddRange(ReferenceComparer.Compare(expected["summary"], actual["summary"], Tolerance,
            "$.co2_mean_first", "$.co2_mean_last", "$.aagr_mean_co2"));
        Assert.True(differences.Count == 0, string.Join("\n", differences));
        Assert.True(ReferenceComparer.CountNumbers(expected["panel"]) > 1000);
    }

    /// <summary>The <c>emissions</c> block and the summary's CO2 figures, to 1e-9.</summary>
    internal static void AssertEmissionsMatch(string expectedPath, AssessmentResult result)
    {
        var expected = JsonNode.Parse(File.ReadAllText(expectedPath))!;
        var actual = JsonSerializer.SerializeToNode(result, ReferenceComparer.SnakeCase)!;
        var differences = ReferenceComparer.Compare(expected["emissions"], actual["emissions"], Tolerance);
        foreach (var key in new[] { "co2_mean_first", "co2_mean_last", "aagr_mean_co2" })
            differences.AddRange(ReferenceComparer.Compare(expected["summary"]![key], actual["summary"]![key], Tolerance).Select(d => key + d[1..]));
        Assert.True(differences.Count == 0, string.Join("\n", differences));
        Assert.True(ReferenceComparer.CountNumbers(expected["emissions"]) > 1000);
        // The serialised names are those of the reference file, gR and gC included.
        Assert.Equal(0.12733877375219718, actual["emissions"]!["tapio_yearly_mean"]![0]!["gR"]!.GetValue<double>(), Tolerance);
    }

    internal static IReadOnlyList<EmissionRow> ReadEmissions(string path, CityRegistry cities)
    {
        using var reader = new StreamReader(path);
        var read = EmissionsFileReader.Read(reader, Path.GetFileName(path), cities);
        Assert.True(read.Accepted, string.Join("\n", read.Problems));
        return read.Rows;
    }

    internal static Catalog ReadCatalog(string path)
    {
        using var reader = new StreamReader(path);
        return Catalog.Parse(reader, Path.GetFileName(path));
    }

    internal static CityRegistry ReadCities(string path)
    {
        using var reader = new StreamReader(path);
        return CityRegistry.Parse(reader, Path.GetFileName(path));
    }

    internal static IReadOnlyList<ObservationRow> ReadIndicators(string path, Catalog catalog, CityRegistry cities)
    {
        using var reader = new StreamReader(path);
        var read = IndicatorFileReader.Read(reader, Path.GetFileName(path), catalog, cities);
        Assert.True(read.Accepted, string.Join("\n", read.Problems));
        return read.Rows;
    }
}
