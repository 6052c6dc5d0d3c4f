using Azure.Storage.Blobs;
using Microsoft.Azure.Functions.Worker;
using Resilience.Storage;

namespace ResilienceFunctions.Functions;

/// <summary>A CO2 file dropped into <c>emissions/{dataset}/</c>: validated and stored like an indicator file.</summary>
public sealed class IngestEmissionsFile(IngestionService ingestion)
{
    public const string Name = nameof(IngestEmissionsFile);

    [Function(Name)]
    public Task Run(
        [BlobTrigger("emissions/{dataset}/{file}", Source = BlobTriggerSource.EventGrid, Connection = StorageOptions.ConnectionSetting)] BlobClient blob,
        string dataset,
        string file,
        CancellationToken cancellationToken) =>
        ingestion.IngestAsync(dataset, file, blob, cancellationToken);
}
