using System.Text.Json.Nodes;
using Resilience.Testing;

namespace Resilience.Integration.Tests;

/// <summary>What the API serves for a dataset, checked against a reference file (expected.json) to 1e-9.</summary>
internal static class ServedReference
{
    private const double Tolerance = 1e-9;

    /// <summary>Scores of every year, statistics, summary, weights and one city's series.</summary>
    public static async Task AssertAsync(LocalHostFixture host, string dataset, string expectedPath, string sampleCity)
    {
        var expected = JsonNode.Parse(File.ReadAllText(expectedPath))!;
        var differences = new List<string>();
        var version = (string)(await host.GetJsonAsync($"api/datasets/{dataset}"))["version"]!;
        var compared = 0;

        foreach (var year in expected["years"]!.AsArray().Select(y => (int)y!))
        {
            var served = await host.GetJsonAsync($"api/datasets/{dataset}/scores?year={year}&detail=full");
            Assert.Equal(version, (string)served["version"]!);
            var rows = new JsonArray(expected["panel"]!.AsArray().Where(p => (int)p!["year"]! == year).Select(p => p!.DeepClone()).ToArray());
            differences.AddRange(ReferenceComparer.Compare(rows, served["items"], Tolerance).Select(d => $"scores {year}{d[1..]}"));
            compared += ReferenceComparer.CountNumbers(rows);
        }

        var statistics = await host.GetJsonAsync($"api/datasets/{dataset}/statistics");
        differences.AddRange(ReferenceComparer.Compare(expected["yearly"], statistics["items"], Tolerance).Select(d => "statistics" + d[1..]));
        differences.AddRange(ReferenceComparer.Compare(expected["summary"], statistics["summary"], Tolerance).Select(d => "summary" + d[1..]));

        var weights = await host.GetJsonAsync($"api/datasets/{dataset}/weights");
        var expectedWeights = expected["weights"]![0]!;
        differences.AddRange(ReferenceComparer.Compare(expectedWeights["indicators"], weights["items"], Tolerance).Select(d => "weights" + d[1..]));
        differences.AddRange(ReferenceComparer.Compare(expectedWeights["dimension_weights"], weights["dimensionWeights"], Tolerance).Select(d => "dimension weights" + d[1..]));
        differences.AddRange(ReferenceComparer.Compare(new JsonObject { ["n"] = expectedWeights["n"]!.DeepClone(), ["k"] = expectedWeights["k"]!.DeepClone() },
            new JsonObject { ["n"] = weights["n"]!.DeepClone(), ["k"] = weights["k"]!.DeepClone() }, Tolerance).Select(d => "weights" + d[1..]));

        var series = await host.GetJsonAsync($"api/datasets/{dataset}/cities/{sampleCity}/scores?detail=full");
        var cityRows = new JsonArray(expected["panel"]!.AsArray().Where(p => (string)p!["city_id"]! == sampleCity).Select(p => p!.DeepClone()).ToArray());
        differences.AddRange(ReferenceComparer.Compare(cityRows, series["items"], Tolerance).Select(d => $"city {sampleCity}{d[1..]}"));

        Assert.True(differences.Count == 0, string.Join("\n", differences));
        Assert.True(compared > 1000, $"only {compared} numbers compared");
    }
}
