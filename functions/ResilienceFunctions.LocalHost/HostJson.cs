using System.Globalization;
using System.Text.Json.Nodes;

namespace ResilienceFunctions.LocalHost;

/// <summary>The settings of the repository's host.json that the local host applies, so both hosts behave alike.</summary>
public sealed record HostJson(
    string RoutePrefix,
    int BlobParallelism,
    int PoisonBlobThreshold,
    TimeSpan QueueMaxPollingInterval,
    TimeSpan QueueVisibilityTimeout,
    int QueueMaxDequeueCount,
    int QueueBatchSize)
{
    public static HostJson Load(string path)
    {
        var root = JsonNode.Parse(File.ReadAllText(path)) ?? new JsonObject();
        var extensions = root["extensions"];
        return new HostJson(
            (string?)extensions?["http"]?["routePrefix"] ?? "api",
            (int?)extensions?["blobs"]?["maxDegreeOfParallelism"] ?? 8,
            (int?)extensions?["blobs"]?["poisonBlobThreshold"] ?? 5,
            Span(extensions?["queues"]?["maxPollingInterval"], TimeSpan.FromMinutes(1)),
            Span(extensions?["queues"]?["visibilityTimeout"], TimeSpan.Zero),
            (int?)extensions?["queues"]?["maxDequeueCount"] ?? 5,
            (int?)extensions?["queues"]?["batchSize"] ?? 16);
    }

    private static TimeSpan Span(JsonNode? node, TimeSpan fallback) =>
        node is null ? fallback : TimeSpan.Parse((string)node!, CultureInfo.InvariantCulture);
}
