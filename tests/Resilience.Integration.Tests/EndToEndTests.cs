using System.Diagnostics;
using System.Text.Json.Nodes;
using Resilience.Testing;
using Xunit.Abstractions;

namespace Resilience.Integration.Tests;

/// <summary>
/// Files dropped into the indicators container of a real Azurite, picked up by the local host's blob trigger,
/// scored, and read back over HTTP: checked against the reference values to 1e-9.
/// </summary>
[Collection(LocalHostCollection.Name)]
public sealed class EndToEndTests(LocalHostFixture host, ITestOutputHelper output)
{
    private const double Tolerance = 1e-9;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task DemoFiles_DroppedIntoStorage_AreServedAsTheReferenceValues()
    {
        const string dataset = "e2e-demo";
        var files = Directory.GetFiles(Fixtures.Method("demo"), "indicators_*.csv").Order().ToList();
        var clock = Stopwatch.StartNew();
        await host.UploadAsync(dataset, "cities.csv", File.ReadAllBytes(Fixtures.Method("demo", "cities.csv")));
        await host.UploadAsync(dataset, "catalog.csv", File.ReadAllBytes(Fixtures.Method("demo", "catalog.csv")));
        foreach (var file in files) await host.UploadAsync(dataset, Path.GetFileName(file), File.ReadAllBytes(file));
        await host.UploadAsync(dataset, "emissions.csv", File.ReadAllBytes(Fixtures.Method("demo", "emissions.csv")), container: "emissions");

        await host.WaitForDatasetAsync(dataset, [.. files.Select(Path.GetFileName)!, "cities.csv", "catalog.csv", "emissions.csv"]);
        output.WriteLine($"upload of {files.Count + 2} files to served result: {clock.ElapsedMilliseconds} ms");

        await ServedReference.AssertAsync(host, dataset, Fixtures.Method("demo", "expected.json"), "anshan");
        await AssertServesCarbonAsync(dataset, Fixtures.Method("demo", "expected.json"));

        var sensitivity = await host.GetJsonAsync($"api/datasets/{dataset}/sensitivity?year=2019");
        Assert.Equal(30, sensitivity["items"]!.AsArray().Count);
        Assert.Equal(["critic", "entropy", "equal"], sensitivity["weightings"]!.AsArray().Select(w => ((string)w!["name"]!).ToLowerInvariant()).Order());
        // Under the entropy weights the rank is the rank of the composite.
        var byComposite = sensitivity["items"]!.AsArray().OrderByDescending(i => (double)i!["composite"]!).Select(i => (string)i!["cityId"]!).ToList();
        Assert.All(sensitivity["items"]!.AsArray(), i => Assert.Equal(byComposite.IndexOf((string)i!["cityId"]!) + 1, (int)i["sensitivity"]!["rank"]!));
    }

    /// <summary>The carbon comparison served over HTTP against expected.json's emissions block.</summary>
    private async Task AssertServesCarbonAsync(string dataset, string expectedPath)
    {
        var expected = JsonNode.Parse(File.ReadAllText(expectedPath))!["emissions"]!;
        var differences = new List<string>();
        foreach (var year in expected["tapio_city_year"]!.AsArray().Select(t => (int)t!["year"]!).Distinct())
        {
            var served = await host.GetJsonAsync($"api/datasets/{dataset}/carbon?year={year}");
            var rows = new JsonArray(expected["tapio_city_year"]!.AsArray().Where(t => (int)t!["year"]! == year)
                .OrderBy(t => (string)t!["city_id"]!, StringComparer.Ordinal).Select(t => t!.DeepClone()).ToArray());
            var carbon = new JsonArray(served["items"]!.AsArray().Select(i => i!["carbon"]!.DeepClone()).ToArray());
            differences.AddRange(ReferenceComparer.Compare(rows, carbon, Tolerance).Select(d => $"carbon {year}{d[1..]}"));
        }
        var all = await host.GetJsonAsync($"api/datasets/{dataset}/carbon?city=anshan");
        var yearly = all["yearly"]!.AsArray();
        differences.AddRange(ReferenceComparer.Compare(expected["yearly"],
            new JsonArray(yearly.Select(y => y!["carbon"]!["emissions"]!.DeepClone()).ToArray()), Tolerance).Select(d => "carbon yearly" + d[1..]));
        differences.AddRange(ReferenceComparer.Compare(expected["tapio_yearly_mean"],
            new JsonArray(yearly.Skip(1).Select(y => y!["carbon"]!["tapio"]!.DeepClone()).ToArray()), Tolerance).Select(d => "tapio yearly" + d[1..]));
        var periods = await host.GetJsonAsync($"api/datasets/{dataset}/carbon/periods");
        var expectedPeriods = new JsonArray(expected["tapio_city_period"]!.AsArray().OrderBy(t => (string)t!["city_id"]!, StringComparer.Ordinal)
            .Select(t => t!.DeepClone()).ToArray());
        differences.AddRange(ReferenceComparer.Compare(expectedPeriods, periods["items"], Tolerance).Select(d => "periods" + d[1..]));
        Assert.True(differences.Count == 0, string.Join("\n", differences));
    }

    [SkippableFact]
    public async Task RealThirtyCityFile_UploadedUnchanged_IsServedAsTheReferenceValues()
    {
        var path = Fixtures.RealData("kubia-ccsy2018", "final_air_pollution_30cities.csv");
        Skip.If(path is null, "../shared/data/real is absent beside this checkout (third-party file, not committed)");
        const string dataset = "e2e-real30";
        await host.UploadAsync(dataset, "catalog.csv", File.ReadAllBytes(Fixtures.Method("real-30cities", "catalog.csv")));
        await host.UploadAsync(dataset, "cities.csv", File.ReadAllBytes(Fixtures.Method("real-30cities", "cities.csv")));
        await host.UploadAsync(dataset, Path.GetFileName(path!), File.ReadAllBytes(path!));

        await host.WaitForDatasetAsync(dataset, "catalog.csv", "cities.csv", Path.GetFileName(path!));

        await ServedReference.AssertAsync(host, dataset, Fixtures.Method("real-30cities", "expected.json"), "Beijing");
        var ingestions = await host.GetJsonAsync($"api/datasets/{dataset}/ingestions");
        var record = ingestions["items"]!.AsArray().Single(i => ((string)i!["blobName"]!).EndsWith(".csv") && (string)i["kind"]! == "indicators")!;
        Assert.Equal("accepted", (string)record["status"]!);
        Assert.Equal(300, (int)record["rows"]!);
        Assert.Contains(record["problems"]!.AsArray(), p => (string)p!["column"]! == "post" && (string)p["rule"]! == "unknown-indicator-column");
    }
}
