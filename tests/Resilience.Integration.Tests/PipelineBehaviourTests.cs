using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Resilience.Testing;

namespace Resilience.Integration.Tests;

/// <summary>What happens to bad files, repeated files and bad requests, through the running local host.</summary>
[Collection(LocalHostCollection.Name)]
public sealed class PipelineBehaviourTests(LocalHostFixture host, Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private static byte[] Year(int year) => File.ReadAllBytes(Fixtures.Method("demo", $"indicators_{year}.csv"));

    private async Task<string> SeedAsync(string dataset)
    {
        await host.UploadAsync(dataset, "indicators_2018.csv", Year(2018));
        await host.UploadAsync(dataset, "indicators_2019.csv", Year(2019));
        var body = await host.WaitForDatasetAsync(dataset, "indicators_2018.csv", "indicators_2019.csv");
        return (string)body["version"]!;
    }

    [Fact]
    public async Task RejectedFile_IsReportedWithRowAndColumn_AndChangesNothingStored()
    {
        const string dataset = "bad-input";
        var version = await SeedAsync(dataset);
        var before = await host.GetJsonAsync($"api/datasets/{dataset}/scores?year=2019");

        // A corrected 2019 file that has a typo in line 3 (a letter in a number) replaces the good one.
        var lines = Encoding.UTF8.GetString(Year(2019)).Split('\n');
        var cells = lines[2].Split(',');
        cells[2] = "45x12";
        lines[2] = string.Join(',', cells);
        await host.UploadAsync(dataset, "indicators_2019.csv", Encoding.UTF8.GetBytes(string.Join('\n', lines)));

        var ingestions = await host.WaitForAsync($"api/datasets/{dataset}/ingestions",
            b => b["items"]!.AsArray().Any(i => ((string)i!["blobName"]!).EndsWith("2019.csv") && (string)i["status"]! == "rejected"), Patience);
        var record = ingestions["items"]!.AsArray().Single(i => ((string)i!["blobName"]!).EndsWith("2019.csv"))!;
        var problem = record["problems"]!.AsArray().Single(p => (string)p!["severity"]! == "error")!;
        Assert.Equal("error", (string)problem["severity"]!);
        Assert.Equal("bad-input/indicators_2019.csv", (string)problem["file"]!);
        Assert.Equal(3, (int)problem["row"]!);
        Assert.Equal("gdp_per_capita", (string)problem["column"]!);
        Assert.Equal("45x12", (string)problem["value"]!);

        await Task.Delay(3000); // give a (wrong) recomputation the time it would need
        var after = await host.GetJsonAsync($"api/datasets/{dataset}/scores?year=2019");
        Assert.Equal(version, (string)after["version"]!);
        Assert.True(JsonNode.DeepEquals(before, after));
    }

    [Fact]
    public async Task SameContentAgain_ChangesNothing_NewContent_MakesANewVersion()
    {
        const string dataset = "idempotent";
        var version = await SeedAsync(dataset);

        await host.UploadAsync(dataset, "indicators_2019.csv", Year(2019)); // same bytes, new ETag: the trigger runs again
        await Task.Delay(4000);
        Assert.Equal(version, (string)(await host.GetJsonAsync($"api/datasets/{dataset}"))["version"]!);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        await host.UploadAsync(dataset, "indicators_2017.csv", Year(2017));
        var body = await host.WaitForAsync($"api/datasets/{dataset}", b => b["inputs"]!.AsArray().Count == 3, Patience);
        output.WriteLine($"new year's file uploaded to recomputed result served: {clock.ElapsedMilliseconds} ms");
        Assert.NotEqual(version, (string)body["version"]!);
        Assert.Equal([2017, 2018, 2019], body["years"]!.AsArray().Select(y => (int)y!));
        // The pinned old version is still readable.
        var pinned = await host.GetJsonAsync($"api/datasets/{dataset}/years?version={version}");
        Assert.Equal([2018, 2019], pinned["items"]!.AsArray().Select(y => (int)y!));
    }

    [Theory]
    [InlineData("api/datasets/no-such-dataset/scores?year=2019", HttpStatusCode.NotFound)]
    [InlineData("api/datasets/bad%20name/scores?year=2019", HttpStatusCode.BadRequest)]
    [InlineData("api/datasets/reads/scores", HttpStatusCode.BadRequest)]
    [InlineData("api/datasets/reads/scores?year=twenty", HttpStatusCode.BadRequest)]
    [InlineData("api/datasets/reads/scores?year=1999", HttpStatusCode.NotFound)]
    [InlineData("api/datasets/reads/cities/atlantis/scores", HttpStatusCode.NotFound)]
    [InlineData("api/datasets/reads/years?version=20000101T000000000Z", HttpStatusCode.NotFound)]
    public async Task BadRequests_GetProblemDetails(string path, HttpStatusCode status)
    {
        await SeedAsync("reads");
        var response = await host.Http.GetAsync(path);
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal((int)status, (int)problem["status"]!);
        Assert.False(string.IsNullOrWhiteSpace((string?)problem["detail"]));
    }

    [Fact]
    public async Task Recompute_NeedsAKey_AndWritesANewVersion()
    {
        var version = await SeedAsync("recompute");
        var anonymous = await host.Http.PostAsync("api/datasets/recompute/recompute", null);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        using var request = new HttpRequestMessage(HttpMethod.Post, "api/datasets/recompute/recompute");
        request.Headers.Add("x-functions-key", LocalHostFixture.MasterKey);
        var response = await host.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var outcome = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("completed", (string)outcome["status"]!);
        Assert.NotEqual(version, (string)outcome["version"]!);
        Assert.Equal((string)outcome["version"]!, (string)(await host.GetJsonAsync("api/datasets/recompute"))["version"]!);
    }

    [Fact]
    public async Task ConfigFile_ChangesTheMethod_AndABadOneIsRejectedNamingTheKey()
    {
        const string dataset = "configured";
        var pooled = await SeedAsync(dataset);
        await host.UploadAsync(dataset, "config.json", Encoding.UTF8.GetBytes("{ \"mode\": \"per-year\", \"topObstacles\": 5 }"));
        var body = await host.WaitForAsync($"api/datasets/{dataset}", b => (string?)b["options"]?["mode"] == "per-year", Patience);
        Assert.NotEqual(pooled, (string)body["version"]!);
        var scores = await host.GetJsonAsync($"api/datasets/{dataset}/scores?year=2019&detail=full");
        Assert.Equal(5, scores["items"]![0]!["obstaclesTop"]!.AsArray().Count);

        await host.UploadAsync(dataset, "config.json", Encoding.UTF8.GetBytes("{ \"mode\": \"per-year\", \"shfit\": 0.01 }"));
        var ingestions = await host.WaitForAsync($"api/datasets/{dataset}/ingestions", b => b["items"]!.AsArray()
            .Any(i => (string)i!["blobName"]! == $"{dataset}/config.json" && (string)i["status"]! == "rejected"), Patience);
        var problem = ingestions["items"]!.AsArray().Single(i => (string)i!["blobName"]! == $"{dataset}/config.json")!["problems"]![0]!;
        Assert.Equal("shfit", (string)problem["column"]!);
        // The results in force stay those of the last valid configuration.
        Assert.Equal("per-year", (string)(await host.GetJsonAsync($"api/datasets/{dataset}"))["options"]!["mode"]!);
    }

    [Fact]
    public async Task BadMetadataUploads_AreRejectedEachOnItsOwn_DataFilesStayAccepted_TheAcceptedVersionsStayInForce()
    {
        const string dataset = "bad-metadata";
        var cities = File.ReadAllText(Fixtures.Method("demo", "cities.csv"));
        await host.UploadAsync(dataset, "catalog.csv", File.ReadAllBytes(Fixtures.Method("demo", "catalog.csv")));
        await host.UploadAsync(dataset, "cities.csv", Encoding.UTF8.GetBytes(cities));
        await host.UploadAsync(dataset, "indicators_2018.csv", Year(2018));
        await host.UploadAsync(dataset, "indicators_2019.csv", Year(2019));
        var version = (string)(await host.WaitForDatasetAsync(dataset, "catalog.csv", "cities.csv", "indicators_2018.csv", "indicators_2019.csv"))["version"]!;
        var scores = (await host.GetJsonAsync($"api/datasets/{dataset}/scores?year=2019")).ToJsonString();

        var secondLine = cities.Split('\n')[1];
        var bad = new Dictionary<string, string>
        {
            ["catalog.csv"] = "indicator_id,dimension,direction\ngdp_per_capita,economic,x\n",
            ["cities.csv"] = cities.TrimEnd('\n', '\r') + "\n" + secondLine.TrimEnd('\r') + "\n",
            ["config.json"] = "{ \"mode\": \"per-ye",
        };
        foreach (var (file, content) in bad) await host.UploadAsync(dataset, file, Encoding.UTF8.GetBytes(content));
        var records = await host.WaitForAsync($"api/datasets/{dataset}/ingestions", b => bad.Keys.All(file => b["items"]!.AsArray()
            .Any(i => (string)i!["blobName"]! == $"{dataset}/{file}" && (string)i["status"]! == "rejected")), Patience);

        foreach (var record in records["items"]!.AsArray())
        {
            var blobName = (string)record!["blobName"]!;
            if (blobName.StartsWith($"{dataset}/indicators_", StringComparison.Ordinal))
            {
                Assert.Equal("accepted", (string)record["status"]!);
                continue;
            }
            // Each metadata file names its own fault, not another file's.
            var error = Assert.Single(record["problems"]!.AsArray(), p => (string)p!["severity"]! == "error")!;
            Assert.Equal(blobName, (string)error["file"]!);
            Assert.Equal("invalid-metadata", (string)error["rule"]!);
            output.WriteLine($"{blobName}: {error["message"]}");
        }
        // The catalog and cities files keep their accepted versions; the config had none, so the defaults stay.
        Assert.Contains("keeps using the version accepted before", (string)Problems(records, "catalog.csv")[0]!["message"]!);
        Assert.Contains("keeps using the version accepted before", (string)Problems(records, "cities.csv")[0]!["message"]!);
        Assert.Contains("uses the built-in one", (string)Problems(records, "config.json")[0]!["message"]!);
        Assert.Equal(version, (string)(await host.GetJsonAsync($"api/datasets/{dataset}"))["version"]!);
        Assert.Equal(scores, (await host.GetJsonAsync($"api/datasets/{dataset}/scores?year=2019")).ToJsonString());

        // A new data file is read with the accepted catalog and cities, not rejected for the bad uploads.
        await host.UploadAsync(dataset, "indicators_2017.csv", Year(2017));
        var body = await host.WaitForAsync($"api/datasets/{dataset}", b => b["inputs"]!.AsArray().Count == 3, Patience);
        Assert.Equal([2017, 2018, 2019], body["years"]!.AsArray().Select(y => (int)y!));
        Assert.Equal("pooled", (string)body["options"]!["mode"]!);
    }

    private static JsonArray Problems(JsonNode records, string file) =>
        records["items"]!.AsArray().Single(i => ((string)i!["blobName"]!).EndsWith("/" + file, StringComparison.Ordinal))!["problems"]!.AsArray();

    [Fact]
    public async Task TwoFilesGivingOneCellDifferently_AreBothUsed_AndTheDatasetSaysWhichValueWins()
    {
        const string dataset = "overlap";
        await SeedAsync(dataset);
        var lines = Encoding.UTF8.GetString(Year(2019)).Split('\n');
        var header = lines[0].Split(',');
        var cells = lines[1].Split(',');
        var column = Array.IndexOf(header, "gdp_per_capita");
        var original = double.Parse(cells[column], System.Globalization.CultureInfo.InvariantCulture).ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        cells[column] = "99999";
        await host.UploadAsync(dataset, "revised_2019.csv", Encoding.UTF8.GetBytes(lines[0] + "\n" + string.Join(',', cells) + "\n"));

        var body = await host.WaitForAsync($"api/datasets/{dataset}", b => b["inputs"]!.AsArray().Count == 3, Patience);
        var warning = Assert.Single(body["warnings"]!.AsArray(), w => ((string)w!).Contains("given differently"))!;
        Assert.StartsWith($"1 value(s) are given differently by two files for the same city, year and indicator (first: {cells[0]} 2019 " +
                          $"gdp_per_capita: {original} in {dataset}/indicators_2019.csv, 99999 in {dataset}/revised_2019.csv)", (string)warning!);
    }

    [Fact]
    public async Task CountyScaleDataset_IsScoredAndServed()
    {
        // About as many units as China's county-level divisions: the version's manifest (which lists every city) and
        // sensitivity document no longer fit in one table entity.
        const string dataset = "county-scale";
        const int cities = 3_000;
        await host.UploadAsync(dataset, "cities.csv", IngestionFiles.CitiesWithSynthetic(cities));
        await host.UploadAsync(dataset, "panel.csv", IngestionFiles.LargePanel(DemoTable.Year(2019).Indicators, cities, 2017, 3));
        var body = await host.WaitForDatasetAsync(dataset, "cities.csv", "panel.csv");

        Assert.Equal(cities, (int)body["cityCount"]!);
        Assert.Equal([2017, 2018, 2019], body["years"]!.AsArray().Select(y => (int)y!));
        var page = await host.GetJsonAsync($"api/datasets/{dataset}/cities?limit=1000&offset=2000");
        Assert.Equal(1000, page["items"]!.AsArray().Count);
        var sensitivity = await host.GetJsonAsync($"api/datasets/{dataset}/sensitivity?year=2019&limit=5");
        Assert.Equal(5, sensitivity["items"]!.AsArray().Count);
        Assert.Equal(cities, (await host.GetJsonAsync($"api/datasets/{dataset}/scores?year=2019&limit=10000"))["items"]!.AsArray().Count);
    }

    [Fact]
    public async Task FileNoLongerValidUnderANewCatalog_IsWithdrawnFromTheScores()
    {
        const string dataset = "withdrawn";
        var catalog = File.ReadAllText(Fixtures.Method("demo", "catalog.csv"));
        await host.UploadAsync(dataset, "catalog.csv", Encoding.UTF8.GetBytes(catalog));
        await SeedAsync(dataset);
        // GDP per capita for 2020 only, in a file of its own.
        var lines = Encoding.UTF8.GetString(Year(2019)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var gdp = Array.IndexOf(lines[0].Split(','), "gdp_per_capita");
        var gdp2020 = new StringBuilder("city_id,year,gdp_per_capita\n");
        foreach (var line in lines.Skip(1)) gdp2020.Append(line.Split(',')[0]).Append(",2020,").Append(line.Split(',')[gdp]).Append('\n');
        await host.UploadAsync(dataset, "gdp_2020.csv", Encoding.UTF8.GetBytes(gdp2020.ToString()));
        await host.WaitForAsync($"api/datasets/{dataset}", b => b["years"]!.AsArray().Count == 3, Patience);

        // A catalog without that indicator: the file has nothing left to give.
        var withoutGdp = string.Join('\n', catalog.Split('\n').Where(l => !l.StartsWith("gdp_per_capita,", StringComparison.Ordinal)));
        await host.UploadAsync(dataset, "catalog.csv", Encoding.UTF8.GetBytes(withoutGdp));
        var body = await host.WaitForAsync($"api/datasets/{dataset}", b => b["years"]!.AsArray().Count == 2, Patience);

        Assert.Equal([2018, 2019], body["years"]!.AsArray().Select(y => (int)y!));
        Assert.DoesNotContain(body["inputs"]!.AsArray(), i => ((string)i!["blobName"]!).EndsWith("gdp_2020.csv", StringComparison.Ordinal));
        var record = (await host.GetJsonAsync($"api/datasets/{dataset}/ingestions"))["items"]!.AsArray()
            .Single(i => ((string)i!["blobName"]!).EndsWith("gdp_2020.csv", StringComparison.Ordinal))!;
        Assert.Equal("rejected", (string)record["status"]!);
        Assert.Null(record["inUse"]);
    }

    [Fact]
    public async Task DataFileDeletedFromStorage_LeavesTheScores()
    {
        const string dataset = "deleted-file";
        await SeedAsync(dataset);
        await host.Blobs.GetBlobContainerClient("indicators").GetBlobClient($"{dataset}/indicators_2018.csv").DeleteAsync();

        // No trigger fires on deletion: the reconciliation (every 15 s locally) finds the record without its blob.
        var body = await host.WaitForAsync($"api/datasets/{dataset}", b => b["years"]!.AsArray().Count == 1, Patience);
        Assert.Equal([2019], body["years"]!.AsArray().Select(y => (int)y!));
        Assert.Equal([$"{dataset}/indicators_2019.csv"], body["inputs"]!.AsArray().Select(i => (string)i!["blobName"]!));
        var records = await host.GetJsonAsync($"api/datasets/{dataset}/ingestions");
        Assert.Equal([$"{dataset}/indicators_2019.csv"], records["items"]!.AsArray().Select(i => (string)i!["blobName"]!));
    }

    [Fact]
    public async Task ConfigDeletedFromStorage_TheDefaultsAreInForceAgain()
    {
        const string dataset = "deleted-config";
        await SeedAsync(dataset);
        await host.UploadAsync(dataset, "config.json", Encoding.UTF8.GetBytes("{ \"mode\": \"per-year\" }"));
        await host.WaitForAsync($"api/datasets/{dataset}", b => (string?)b["options"]?["mode"] == "per-year", Patience);

        await host.Blobs.GetBlobContainerClient("indicators").GetBlobClient($"{dataset}/config.json").DeleteAsync();
        // The record goes last, after the data files are read again and the recomputation is asked for.
        var records = await host.WaitForAsync($"api/datasets/{dataset}/ingestions", b => !b["items"]!.AsArray()
            .Any(i => ((string)i!["blobName"]!).EndsWith("config.json", StringComparison.Ordinal)), Patience);
        Assert.All(records["items"]!.AsArray(), i => Assert.Equal("accepted", (string)i!["status"]!));
        await host.WaitForAsync($"api/datasets/{dataset}", b => (string?)b["options"]?["mode"] == "pooled", Patience);
    }

    [Fact]
    public async Task Reconciliation_LeavesFilesAlreadyIngestedAlone()
    {
        const string dataset = "reconcile-quiet";
        await SeedAsync(dataset);
        await Task.Delay(TimeSpan.FromSeconds(35)); // two reconciliation cycles (every 15 s locally)

        // A blob listing gives ETags bare, blob properties quoted: compared as they come, every file looked new every cycle.
        using var log = new StreamReader(new FileStream(host.LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
        var reingested = (await log.ReadToEndAsync()).Split('\n').Where(l => l.Contains($"Reconciliation: indicators/{dataset}/", StringComparison.Ordinal)).ToList();
        Assert.True(reingested.Count == 0, string.Join("\n", reingested));
    }

    [Fact]
    public async Task DatasetWithoutACompleteVersion_Answers409()
    {
        const string dataset = "no-version-yet";
        // With imputation off, a city-year with a missing cell is left out; here every one has one: nothing to assess.
        await host.UploadAsync(dataset, "config.json", Encoding.UTF8.GetBytes("{ \"impute\": \"none\" }"));
        var lines = Encoding.UTF8.GetString(Year(2019)).Split('\n');
        for (var i = 1; i < lines.Length; i++)
        {
            if (lines[i].Length == 0) continue;
            var cells = lines[i].Split(',');
            cells[2 + i % 2] = ""; // alternate columns, so that no column is empty as a whole
            lines[i] = string.Join(',', cells);
        }
        await host.UploadAsync(dataset, "indicators_2019.csv", Encoding.UTF8.GetBytes(string.Join('\n', lines)));
        await host.WaitForAsync($"api/datasets/{dataset}/ingestions", b => b["items"]!.AsArray()
            .Any(i => (string)i!["blobName"]! == $"{dataset}/indicators_2019.csv" && (string)i["status"]! == "accepted"), Patience);
        // The recomputation runs, finds nothing to assess, and the dataset list says why.
        var list = await host.WaitForAsync("api/datasets", b => b["items"]!.AsArray()
            .Any(d => (string)d!["dataset"]! == dataset && d["recomputeFailure"] is not null), Patience);
        var failure = list["items"]!.AsArray().Single(d => (string)d!["dataset"]! == dataset)!["recomputeFailure"]!;
        Assert.Contains("nothing to assess without imputation", (string)failure["message"]!);
        Assert.NotNull((DateTimeOffset?)failure["at"]);

        var response = await host.Http.GetAsync($"api/datasets/{dataset}/scores?year=2019");
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }
}
