using Microsoft.Azure.Functions.Worker;
using Resilience.Storage;

namespace ResilienceFunctions.Functions;

/// <summary>
/// Safety net for the blob trigger: Event Grid deliveries and blob polls can be lost, so every few minutes the
/// container is compared with the ingestion records and any file without a record for its current ETag is ingested.
/// </summary>
public sealed class ReconcileInputs(IngestionService ingestion)
{
    /// <summary>App setting holding the NCRONTAB schedule (Azure: every 5 minutes; local host: every few seconds).</summary>
    public const string ScheduleSetting = "ReconcileSchedule";

    [Function(nameof(ReconcileInputs))]
    public Task Run([TimerTrigger("%" + ScheduleSetting + "%")] TimerInfo timer, CancellationToken cancellationToken) =>
        ingestion.ReconcileAsync(cancellationToken);
}
