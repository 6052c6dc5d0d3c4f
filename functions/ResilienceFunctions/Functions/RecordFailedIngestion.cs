using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Resilience.Storage;

namespace ResilienceFunctions.Functions;

/// <summary>
/// A blob whose ingestion threw on every attempt lands in the blob trigger's poison queue: mark its ingestion record
/// as failed, so the API says so. Bad data never arrives here (it is rejected at once, not thrown).
/// </summary>
public sealed class RecordFailedIngestion(IngestionService ingestion, ILogger<RecordFailedIngestion> logger)
{
    public const string PoisonQueue = "webjobs-blobtrigger-poison";

    [Function(nameof(RecordFailedIngestion))]
    public async Task Run(
        [QueueTrigger(PoisonQueue, Connection = StorageOptions.ConnectionSetting)] string message,
        CancellationToken cancellationToken)
    {
        if (IngestionService.ParsePoisonMessage(message) is not var (container, blobName))
        {
            logger.LogWarning("A poison message that names no blob was dropped: {Message}", message.Length > 200 ? message[..200] : message);
            return;
        }
        await ingestion.RecordFailureAsync(container, blobName, cancellationToken);
    }
}
