using System.Text.Json.Nodes;
using Resilience.Testing;
using ResilienceFunctions.Functions;
using ResilienceFunctions.LocalHost;

namespace ResilienceFunctions.Tests;

/// <summary>
/// The trigger contract as the Functions host will read it (the SDK-generated functions.metadata), checked against
/// what the README promises and against what the local host reads from the same attributes.
/// </summary>
public class FunctionMetadataContractTests
{
    private static readonly string Configuration = Path.GetFileName(Path.GetDirectoryName(AppContext.BaseDirectory.TrimEnd('/'))!);

    private static JsonArray Metadata()
    {
        var path = Path.Combine(Fixtures.RepoRoot, "functions", "ResilienceFunctions", "bin", Configuration, "net10.0", "functions.metadata");
        Assert.True(File.Exists(path), $"functions.metadata not built at {path}");
        return JsonNode.Parse(File.ReadAllText(path))!.AsArray();
    }

    private static JsonObject Trigger(string function) =>
        Metadata().Single(f => (string)f!["name"]! == function)!["bindings"]!.AsArray()
            .Single(b => ((string)b!["type"]!).EndsWith("Trigger"))!.AsObject();

    [Fact]
    public void BlobTrigger_UsesEventGrid_OnTheIndicatorsPath()
    {
        var trigger = Trigger(IngestIndicatorFile.Name);
        Assert.Equal("blobTrigger", (string)trigger["type"]!);
        Assert.Equal("EventGrid", (string)trigger["source"]!); // the only source Flex Consumption allows
        Assert.Equal("indicators/{dataset}/{file}", (string)trigger["path"]!);
        Assert.Equal("AzureWebJobsStorage", (string)trigger["connection"]!);
    }

    [Fact]
    public void Timers_RunYearlyAndOnTheConfiguredReconcileSchedule()
    {
        Assert.Equal("0 0 3 1 1 *", (string)Trigger(nameof(Recompute.AnnualRecompute))["schedule"]!);
        Assert.Equal("%ReconcileSchedule%", (string)Trigger(nameof(ReconcileInputs))["schedule"]!);
        var next = TimerTriggerService.Parse("0 0 3 1 1 *").GetNextOccurrence(new DateTime(2026, 12, 3, 0, 0, 0, DateTimeKind.Utc));
        Assert.Equal(new DateTime(2027, 1, 1, 3, 0, 0), next);
    }

    [Fact]
    public void RecomputeQueue_IsTheOneTheIngestionWritesTo()
    {
        Assert.Equal(Resilience.Storage.StorageOptions.RecomputeQueueName, (string)Trigger(nameof(Recompute.RecomputeOnRequest))["queueName"]!);
    }

    [Fact]
    public void HttpRoutes_ReadsAreAnonymous_WritesNeedAKey_AndAllAreInTheReadme()
    {
        var readme = File.ReadAllText(Path.Combine(Fixtures.RepoRoot, "README.md"));
        var http = Metadata().Select(f => (Name: (string)f!["name"]!, Binding: f["bindings"]!.AsArray().SingleOrDefault(b => (string)b!["type"]! == "httpTrigger")))
            .Where(f => f.Binding is not null).ToList();
        Assert.True(http.Count >= 11);
        foreach (var (name, binding) in http)
        {
            var methods = binding!["methods"]!.AsArray().Select(m => (string)m!).ToList();
            var level = (string)binding["authLevel"]!;
            var expected = methods.Contains("get") && methods.Count == 1 ? ApiAuthorization.Read : ApiAuthorization.Write;
            Assert.Equal(expected.ToString(), level);
            var route = (string)binding["route"]!;
            // The README lists routes relative to /api; '{dataset}/catalog', '/cities', '/years' share one row.
            var lastSegment = route.Split('/')[^1];
            Assert.True(readme.Contains(route) || readme.Contains($"`/{lastSegment}`"), $"README does not document {name}: {route}");
        }
    }

    [Fact]
    public void LocalHost_ReadsTheSameFunctionsAsTheFunctionsHost()
    {
        var local = FunctionIndex.Load(typeof(IngestIndicatorFile).Assembly).ToDictionary(f => f.Name);
        var metadata = Metadata();
        Assert.Equal(metadata.Select(f => (string)f!["name"]!).Order(), local.Keys.Order());
        foreach (var function in metadata)
        {
            var descriptor = local[(string)function!["name"]!];
            var trigger = function["bindings"]!.AsArray().Single(b => ((string)b!["type"]!).EndsWith("Trigger"))!;
            switch (descriptor.Kind)
            {
                case TriggerKind.Blob: Assert.Equal((string)trigger["path"]!, descriptor.Blob.BlobPath); break;
                case TriggerKind.Queue: Assert.Equal((string)trigger["queueName"]!, descriptor.Queue.QueueName); break;
                case TriggerKind.Timer: Assert.Equal((string)trigger["schedule"]!, descriptor.Timer.Schedule); break;
                case TriggerKind.Http: Assert.Equal((string)trigger["route"]!, descriptor.Http.Route); break;
            }
            FunctionInvoker.Validate(descriptor); // the local host can bind every parameter
        }
    }

    [Fact]
    public void EveryBlobAndQueueFunction_HasALocalAdapter()
    {
        var needed = FunctionIndex.Load(typeof(IngestIndicatorFile).Assembly)
            .Where(f => f.Kind is TriggerKind.Blob or TriggerKind.Queue).Select(f => f.Name);
        Assert.All(needed, name => Assert.Contains(name, WebJobsTriggers.Adapted));
    }
}
