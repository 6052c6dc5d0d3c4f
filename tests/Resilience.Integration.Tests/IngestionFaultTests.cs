using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs.Specialized;
using Resilience.Storage;
using Resilience.Testing;
using Xunit.Abstractions;

namespace Resilience.Integration.Tests;

/// <summary>Observations partitions of one file in the Observations table, read straight from Azurite.</summary>
internal static class StagedObservations
{
    /// <summary>Every partition of the file (the active one and any staging ones) with its entity count.</summary>
    public static async Task<Dictionary<string, int>> PartitionsAsync(TableServiceClient tables, string dataset, string fileKey)
    {
        var prefix = KeyEncoding.Join(dataset, fileKey) + KeyEncoding.Separator;
        var end = prefix[..^1] + (char)(KeyEncoding.Separator + 1);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        await foreach (var e in tables.GetTableClient("Observations").QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey ge {prefix} and PartitionKey lt {end}"), maxPerPage: 1000, select: ["PartitionKey"]))
            counts[e.PartitionKey] = counts.GetValueOrDefault(e.PartitionKey) + 1;
        return counts;
    }

    /// <summary>The name of some partition of the file, without counting its entities; null when there is none yet.</summary>
    public static async Task<string?> AnyPartitionAsync(TableServiceClient tables, string dataset, string fileKey)
    {
        var prefix = KeyEncoding.Join(dataset, fileKey) + KeyEncoding.Separator;
        var end = prefix[..^1] + (char)(KeyEncoding.Separator + 1);
        try
        {
            await foreach (var page in tables.GetTableClient("Observations").QueryAsync<TableEntity>(
                TableClient.CreateQueryFilter($"PartitionKey ge {prefix} and PartitionKey lt {end}"), maxPerPage: 1, select: ["PartitionKey"]).AsPages())
                if (page.Values.Count > 0) return page.Values[0].PartitionKey;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // the table does not exist yet
        }
        return null;
    }

    /// <summary>Whether a partition holds any entity (reads one key, not the partition).</summary>
    public static async Task<bool> AnyEntityAsync(TableServiceClient tables, string partition)
    {
        await foreach (var page in tables.GetTableClient("Observations").QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), maxPerPage: 1, select: ["RowKey"]).AsPages())
            return page.Values.Count > 0 || page.ContinuationToken is not null;
        return false;
    }

    /// <summary>The record of a file as the Ingestions table holds it (with the partition the API does not show).</summary>
    public static async Task<TableEntity?> RecordAsync(TableServiceClient tables, string dataset, string fileKey)
    {
        var response = await tables.GetTableClient("Ingestions").GetEntityIfExistsAsync<TableEntity>(dataset, fileKey);
        return response.HasValue ? response.Value : null;
    }
}

/// <summary>
/// A file whose ingestion fails on every attempt for a reason that is not its data: a lease held by somebody else on
/// the blob its report is written to, so every write of the report is refused (412, lease id missing), as a real
/// storage refusal would be. No test hook in the product: the blob trigger retries it (host.json poisonBlobThreshold 5),
/// moves it to the poison queue, and RecordFailedIngestion marks its record failed.
/// </summary>
[Collection(LocalHostCollection.Name)]
public sealed class IngestionPoisonTests(LocalHostFixture host, ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task FileFailingOnEveryAttempt_IsRecordedFailed_OthersAreIngested_StoredResultsStay()
    {
        const string dataset = "poison";
        const string other = "poison-other";
        await host.UploadAsync(dataset, "indicators_2018.csv", File.ReadAllBytes(Fixtures.Method("demo", "indicators_2018.csv")));
        await host.UploadAsync(dataset, "indicators_2019.csv", File.ReadAllBytes(Fixtures.Method("demo", "indicators_2019.csv")));
        var version = (string)(await host.WaitForDatasetAsync(dataset, "indicators_2018.csv", "indicators_2019.csv"))["version"]!;
        var scores = await host.GetJsonAsync($"api/datasets/{dataset}/scores?year=2019&detail=full");
        var accepted = await RecordAsync(dataset, "indicators_2019.csv");
        var fileKey = (string)accepted["fileKey"]!;

        // Somebody else holds the report blob of the file: the ingestion cannot write its report and throws.
        var reportBlob = host.Blobs.GetBlobContainerClient("reports").GetBlobClient($"{dataset}/indicators_2019.csv.report.json");
        Assert.True(await reportBlob.ExistsAsync(), "the first ingestion wrote no report");
        var lease = reportBlob.GetBlobLeaseClient();
        await lease.AcquireAsync(BlobLeaseClient.InfiniteLeaseDuration);
        try
        {
            var clock = Stopwatch.StartNew();
            // A valid new content of 2019 (one value changed), then another file elsewhere while it fails.
            var table = DemoTable.Year(2019);
            table.Rows[0][2] = "103171.5";
            await host.UploadAsync(dataset, "indicators_2019.csv",
                Encoding.UTF8.GetBytes(string.Join('\n', new[] { table.Header }.Concat(table.Rows).Select(r => string.Join(',', r))) + "\n"));
            await host.UploadAsync(other, "indicators_2019.csv", File.ReadAllBytes(Fixtures.Method("demo", "indicators_2019.csv")));

            await host.WaitForAsync($"api/datasets/{other}/ingestions", b => b["items"]!.AsArray()
                .Any(r => (string)r!["blobName"]! == $"{other}/indicators_2019.csv" && (string)r["status"]! == "accepted"), Patience);
            output.WriteLine($"other dataset's file accepted after {clock.ElapsedMilliseconds} ms");

            var ingestions = await host.WaitForAsync($"api/datasets/{dataset}/ingestions", b => b["items"]!.AsArray()
                .Any(r => (string)r!["blobName"]! == $"{dataset}/indicators_2019.csv" && (string)r["status"]! == "failed"), TimeSpan.FromSeconds(150));
            output.WriteLine($"record failed after {clock.ElapsedMilliseconds} ms");
            var failed = ingestions["items"]!.AsArray().Single(r => (string)r!["blobName"]! == $"{dataset}/indicators_2019.csv")!;
            output.WriteLine(failed.ToJsonString());
            var failure = (string?)failed["failure"];
            Assert.False(string.IsNullOrWhiteSpace(failure));
            Assert.Contains("every attempt", failure);
            // The record still names the content in use: the last accepted one.
            Assert.Equal((string)accepted["inUse"]!, (string)failed["inUse"]!);
            Assert.Equal((int)accepted["rows"]!, (int)failed["rows"]!);
            Assert.Equal(fileKey, (string)failed["fileKey"]!);
            var failedReport = await host.GetJsonAsync(((string)failed["report"]!).TrimStart('/'));
            Assert.Equal(failure, (string?)failedReport["failure"]);

            // Nothing stored changed: same version, same scores (checked while the cause persists, so that no later
            // successful attempt can interfere).
            await Task.Delay(2000);
            Assert.Equal(version, (string)(await host.GetJsonAsync($"api/datasets/{dataset}"))["version"]!);
            Assert.True(JsonNode.DeepEquals(scores, await host.GetJsonAsync($"api/datasets/{dataset}/scores?year=2019&detail=full")));
            var staged = await StagedObservations.PartitionsAsync(host.Tables, dataset, fileKey);
            output.WriteLine($"partitions of the file after the failed attempts: {string.Join(", ", staged.Select(p => $"{p.Key} ({p.Value})"))}");
            Assert.Contains((string)(await StagedObservations.RecordAsync(host.Tables, dataset, fileKey))!["ActivePartition"], staged.Keys);
        }
        finally
        {
            await lease.BreakAsync(TimeSpan.Zero);
        }

        // Once the cause is gone, uploading the file again ingests it, and the failed attempts' staging partitions go.
        var content = (await host.Blobs.GetBlobContainerClient("indicators").GetBlobClient($"{dataset}/indicators_2019.csv").DownloadContentAsync()).Value.Content.ToArray();
        await host.UploadAsync(dataset, "indicators_2019.csv", content);
        var again = await host.WaitForAsync($"api/datasets/{dataset}/ingestions", b => b["items"]!.AsArray()
            .Any(r => (string)r!["blobName"]! == $"{dataset}/indicators_2019.csv" && (string)r["status"]! == "accepted"), Patience);
        var recovered = again["items"]!.AsArray().Single(r => (string)r!["blobName"]! == $"{dataset}/indicators_2019.csv")!;
        Assert.Null((string?)recovered["failure"]);
        Assert.NotEqual((string)accepted["inUse"]!, (string)recovered["inUse"]!); // the new content is in use now
        var active = (string)(await StagedObservations.RecordAsync(host.Tables, dataset, fileKey))!["ActivePartition"];
        Dictionary<string, int> partitions;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((partitions = await StagedObservations.PartitionsAsync(host.Tables, dataset, fileKey)).Count > 1 && DateTime.UtcNow < deadline)
            await Task.Delay(500);
        Assert.Equal(new[] { active }, partitions.Keys);
        Assert.Equal(30, partitions[active]);
    }

    private async Task<JsonNode> RecordAsync(string dataset, string file) =>
        (await host.GetJsonAsync($"api/datasets/{dataset}/ingestions"))["items"]!.AsArray().Single(r => (string)r!["blobName"]! == $"{dataset}/{file}")!;
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HostRestartCollection
{
    /// <summary>Tests that kill their own host run alone, after the others: they load the machine.</summary>
    public const string Name = "host killed and restarted";
}

/// <summary>
/// The host dies (killed with its process tree) while a large file is being read and staged: nothing half-written
/// becomes visible, and after a restart the file is ingested in full and the orphaned staging partition is deleted.
/// Uses a host and Azurite of its own.
/// </summary>
[Collection(HostRestartCollection.Name)]
public sealed class IngestionCrashTests(ITestOutputHelper output)
{
    // 80,000 rows: large enough to be killed half way through (Azurite stages some 3,000 rows a second), small enough
    // that the restart, the wait for the dead host's lock lease (up to 60 s) and the full ingestion stay near two minutes.
    private const int Cities = 8_000, FirstYear = 2010, Years = 10, Rows = Cities * Years;

    [Fact]
    public async Task HostKilledDuringALargeIngestion_ShowsNothingHalfWritten_AndFinishesTheFileAfterARestart()
    {
        using var host = new LocalHostFixture();
        const string dataset = "crash";
        const string bigFile = "synthetic_panel.csv";
        var clock = Stopwatch.StartNew();
        void Log(string text) => output.WriteLine($"{clock.Elapsed.TotalSeconds,6:F1} s  {text}");

        // An existing dataset: the demo catalog, 2018 and 2019, and a cities file that also lists the synthetic cities.
        await host.UploadAsync(dataset, "catalog.csv", File.ReadAllBytes(Fixtures.Method("demo", "catalog.csv")));
        await host.UploadAsync(dataset, "cities.csv", IngestionFiles.CitiesWithSynthetic(Cities));
        await host.UploadAsync(dataset, "indicators_2018.csv", File.ReadAllBytes(Fixtures.Method("demo", "indicators_2018.csv")));
        await host.UploadAsync(dataset, "indicators_2019.csv", File.ReadAllBytes(Fixtures.Method("demo", "indicators_2019.csv")));
        var before = await host.WaitForDatasetAsync(dataset, "catalog.csv", "cities.csv", "indicators_2018.csv", "indicators_2019.csv");
        var version = (string)before["version"]!;
        var scores = await host.GetJsonAsync($"api/datasets/{dataset}/scores?year=2019&detail=full");
        var records = await host.GetJsonAsync($"api/datasets/{dataset}/ingestions");
        Log($"dataset ready, version {version}, {before["cityCount"]} cities");

        var big = IngestionFiles.LargePanel(DemoTable.Year(2019).Indicators, Cities, FirstYear, Years);
        var fileKey = IngestionStore.FileKey(host.Blobs.GetBlobContainerClient("indicators").GetBlobClient($"{dataset}/{bigFile}"));
        await host.UploadAsync(dataset, bigFile, big);
        Log($"uploaded {bigFile}: {Rows:N0} rows, {big.Length / 1e6:F1} MB");

        // Kill the host once the staging partition holds a fifth of the file (rows go in year by year).
        var probeYear = FirstYear + Years / 5;
        var probeRow = KeyEncoding.Join(KeyEncoding.Year(probeYear), KeyEncoding.Encode(IngestionFiles.SyntheticCity(1)));
        var observations = host.Tables.GetTableClient("Observations");
        string? staging = null;
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the staging partition did not reach year {probeYear} in 90 s; host log: {host.LogPath}");
            staging ??= await StagedObservations.AnyPartitionAsync(host.Tables, dataset, fileKey);
            if (staging is not null && (await observations.GetEntityIfExistsAsync<TableEntity>(staging, probeRow, select: ["RowKey"])).HasValue) break;
            Assert.Null(await StagedObservations.RecordAsync(host.Tables, dataset, fileKey)); // not switched in before the whole file is read
            await Task.Delay(100);
        }
        host.KillHost();
        var orphan = await StagedObservations.PartitionsAsync(host.Tables, dataset, fileKey);
        Log($"host killed; partitions of the file: {string.Join(", ", orphan.Select(p => $"{p.Key} ({p.Value:N0})"))}");
        Assert.Equal(new[] { staging! }, orphan.Keys);
        Assert.InRange(orphan[staging!], 1, Rows - 1); // half-written indeed
        Assert.Null(await StagedObservations.RecordAsync(host.Tables, dataset, fileKey));

        host.RestartHost();
        Log("host started again");
        // Nothing of the half-written file is visible: same records, same version, same results.
        var afterCrash = await host.GetJsonAsync($"api/datasets/{dataset}/ingestions");
        Assert.True(JsonNode.DeepEquals(records["items"], afterCrash["items"]), afterCrash.ToJsonString());
        var dataset0 = await host.GetJsonAsync($"api/datasets/{dataset}");
        Assert.Equal(version, (string)dataset0["version"]!);
        Assert.Equal((int)before["cityCount"]!, (int)dataset0["cityCount"]!);
        Assert.True(JsonNode.DeepEquals(scores, await host.GetJsonAsync($"api/datasets/{dataset}/scores?year=2019&detail=full")));
        // A recomputation now does not use the partial observations either. (409: a recomputation lock the dead host
        // held; it expires within 60 s.)
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"api/datasets/{dataset}/recompute");
            request.Headers.Add("x-functions-key", LocalHostFixture.MasterKey);
            var response = await host.Http.SendAsync(request);
            if (response.StatusCode == System.Net.HttpStatusCode.Conflict && attempt < 30)
            {
                await Task.Delay(3000);
                continue;
            }
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
            break;
        }
        var recomputed = await host.GetJsonAsync($"api/datasets/{dataset}");
        Assert.Equal((int)before["cityCount"]!, (int)recomputed["cityCount"]!);
        Assert.Equal(before["years"]!.ToJsonString(), recomputed["years"]!.ToJsonString());
        Assert.True(JsonNode.DeepEquals(scores["items"], (await host.GetJsonAsync($"api/datasets/{dataset}/scores?year=2019&detail=full"))["items"]));
        Log($"recomputed without the partial file: version {recomputed["version"]}");

        // The reconciliation finds the file without a record and ingests it once the dead host's lock lease expires.
        var ingestions = await host.WaitForAsync($"api/datasets/{dataset}/ingestions", b => b["items"]!.AsArray()
            .Any(r => (string)r!["blobName"]! == $"{dataset}/{bigFile}"), TimeSpan.FromSeconds(180));
        var record = ingestions["items"]!.AsArray().Single(r => (string)r!["blobName"]! == $"{dataset}/{bigFile}")!;
        Log($"{bigFile}: {record["status"]}, {record["rows"]} rows");
        Assert.True((string)record["status"]! == "accepted", record.ToJsonString());
        Assert.Equal(Rows, (int)record["rows"]!);
        Assert.Equal(fileKey, (string)record["fileKey"]!);

        // The orphan goes (deleted right after the switch); the active partition holds the whole file.
        var active = (string)(await StagedObservations.RecordAsync(host.Tables, dataset, fileKey))!["ActivePartition"];
        Assert.NotEqual(staging, active);
        deadline = DateTime.UtcNow.AddSeconds(90);
        while (await StagedObservations.AnyEntityAsync(host.Tables, staging!))
        {
            Assert.True(DateTime.UtcNow < deadline, $"the orphaned staging partition {staging} is still there 90 s after the file was accepted; host log: {host.LogPath}");
            await Task.Delay(1000);
        }
        Log("orphaned staging partition deleted");
        var partitions = await StagedObservations.PartitionsAsync(host.Tables, dataset, fileKey);
        Log($"partitions of the file: {string.Join(", ", partitions.Select(p => $"{p.Key} ({p.Value:N0})"))}");
        Assert.Equal(new[] { active }, partitions.Keys);
        Assert.Equal(Rows, partitions[active]);
    }
}
