using Azure.Storage.Blobs;
using Microsoft.Azure.WebJobs;
using ResilienceFunctions.Functions;

namespace ResilienceFunctions.LocalHost;

/// <summary>
/// The WebJobs SDK indexes methods, so each blob or queue function of the app has one adapter method here,
/// named like the function. Paths and queue names are not repeated: <c>%Name%</c> resolves to the value in the
/// function's own trigger attribute (<see cref="TriggerNameResolver"/>).
/// </summary>
public sealed class WebJobsTriggers(TriggerDispatcher dispatcher)
{
    public Task IngestIndicatorFile([BlobTrigger("%" + nameof(IngestIndicatorFile) + "%")] BlobClient blob, CancellationToken ct) =>
        dispatcher.BlobAsync(nameof(IngestIndicatorFile), blob, ct);

    public Task IngestEmissionsFile([BlobTrigger("%" + nameof(IngestEmissionsFile) + "%")] BlobClient blob, CancellationToken ct) =>
        dispatcher.BlobAsync(nameof(IngestEmissionsFile), blob, ct);

    public Task RecomputeOnRequest([QueueTrigger("%" + nameof(Recompute.RecomputeOnRequest) + "%")] string message, CancellationToken ct) =>
        dispatcher.QueueAsync(nameof(Recompute.RecomputeOnRequest), message, ct);

    public Task RecordFailedIngestion([QueueTrigger("%" + nameof(RecordFailedIngestion) + "%")] string message, CancellationToken ct) =>
        dispatcher.QueueAsync(nameof(RecordFailedIngestion), message, ct);

    /// <summary>Names of the functions this class adapts; start-up checks that no blob or queue function lacks one.</summary>
    public static IReadOnlySet<string> Adapted { get; } =
        typeof(WebJobsTriggers).GetMethods().Where(m => m.DeclaringType == typeof(WebJobsTriggers) && !m.IsStatic).Select(m => m.Name).ToHashSet();
}

/// <summary>Resolves <c>%FunctionName%</c> to that function's blob path or queue name; other names from configuration.</summary>
public sealed class TriggerNameResolver(IReadOnlyList<FunctionDescriptor> functions, IConfiguration configuration) : INameResolver
{
    public string? Resolve(string name)
    {
        var function = functions.FirstOrDefault(f => f.Name == name);
        return function?.Kind switch
        {
            TriggerKind.Blob => function.Blob.BlobPath,
            TriggerKind.Queue => function.Queue.QueueName,
            _ => configuration[name],
        };
    }
}

/// <summary>Calls the app's function for a blob or a queue message, with the binding data its trigger path defines.</summary>
public sealed class TriggerDispatcher(IReadOnlyList<FunctionDescriptor> functions, FunctionInvoker invoker)
{
    public async Task BlobAsync(string functionName, BlobClient blob, CancellationToken ct)
    {
        var function = functions.Single(f => f.Name == functionName);
        var bindingData = FunctionIndex.MatchBlobPath(function.Blob.BlobPath!, $"{blob.BlobContainerName}/{blob.Name}");
        if (bindingData is null) return; // a blob deeper than the path pattern: not for this function
        await invoker.InvokeAsync(function, blob, bindingData, ct);
    }

    public async Task QueueAsync(string functionName, string message, CancellationToken ct) =>
        await invoker.InvokeAsync(functions.Single(f => f.Name == functionName), message, new Dictionary<string, string>(), ct);
}
