using Azure.Storage.Blobs;
using Microsoft.Azure.Functions.Worker;
using Resilience.Storage;

namespace ResilienceFunctions.Functions;

/// <summary>A file dropped into <c>indicators/{dataset}/</c>: validate it and store its observations.</summary>
public sealed class IngestIndicatorFile(IngestionService ingestion)
{
    public const string Name = nameof(IngestIndicatorFile);

    // Flex Consumption only allows the Event Grid source; the local host polls the same path.
    [Function(Name)]
    public Task Run(
        [BlobTrigger("indicators/{dataset}/{file}", Source = BlobTriggerSource.EventGrid, Connection = StorageOptions.ConnectionSetting)] BlobClient blob,
        string dataset,
        string file,
        CancellationToken cancellationToken) =>
        ingestion.IngestAsync(dataset, file, blob, cancellationToken);
}
