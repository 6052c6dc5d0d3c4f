using System.Text.Json;
using Azure.Storage.Queues;

namespace Resilience.Storage;

public sealed record RecomputeRequest(string Dataset, DateTimeOffset RequestedAt);

/// <summary>Asks for a dataset's recomputation through the storage queue that the scoring function listens to.</summary>
public sealed class RecomputeRequests(QueueServiceClient queues, StorageOptions options)
{
    public async Task EnqueueAsync(string dataset, TimeSpan? delay, CancellationToken ct)
    {
        var queue = queues.GetQueueClient(options.RecomputeQueue);
        await queue.CreateIfNotExistsAsync(cancellationToken: ct);
        var message = JsonSerializer.Serialize(new RecomputeRequest(dataset, DateTimeOffset.UtcNow), JsonDefaults.Web);
        await queue.SendMessageAsync(message, visibilityTimeout: delay, cancellationToken: ct);
    }

    public static RecomputeRequest Parse(string message) =>
        JsonSerializer.Deserialize<RecomputeRequest>(message, JsonDefaults.Web) is { Dataset: not null } request
            ? request
            : throw new FormatException("The recompute message has no dataset.");
}
