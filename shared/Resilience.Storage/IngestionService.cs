using System.Diagnostics;
using System.Threading.Channels;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Logging;
using Resilience.Method;
using Resilience.Method.Emissions;
using Resilience.Method.Ingestion;

namespace Resilience.Storage;

public enum IngestionResult { Accepted, Rejected, Unchanged, Ignored }

public sealed record IngestionOutcome(IngestionResult Result, IngestionRecord? Record, string? Reason = null);

/// <summary>
/// Turns one blob of the indicators container into stored observations and an ingestion record.
/// Bad data never throws (it is recorded as rejected and nothing stored changes); only storage failures throw,
/// so the trigger retries them.
/// </summary>
public sealed class IngestionService(
    BlobServiceClient blobs,
    BlobLocks locks,
    DatasetMetadataLoader metadataLoader,
    IngestionStore ingestions,
    ObservationStore observations,
    DatasetStore datasets,
    RecomputeRequests recompute,
    IngestionReportStore reports,
    StorageOptions options,
    ILogger<IngestionService> logger)
{
    private const long MaxMetadataBytes = 16L << 20;

    /// <param name="dataset">First folder of the blob path.</param>
    /// <param name="fileName">The rest of the blob path.</param>
    public async Task<IngestionOutcome> IngestAsync(string dataset, string fileName, BlobClient blob, CancellationToken ct)
    {
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["dataset"] = dataset, ["file"] = fileName });
        if (!DatasetName.IsValid(dataset))
        {
            logger.LogWarning("Ignored {Blob}: the dataset name '{Dataset}' is not valid ({Rule})", blob.Name, dataset, DatasetName.Rule);
            return new IngestionOutcome(IngestionResult.Ignored, null, $"dataset name must be {DatasetName.Rule}");
        }
        var kind = blob.BlobContainerName == options.EmissionsContainer ? InputKind.Emissions : DatasetMetadataLoader.KindOf(fileName);
        // One ingestion of a given file at a time (a trigger event and the reconciliation may meet).
        await using var held = await locks.AcquireAsync(LockName(dataset, blob), TimeSpan.FromMinutes(2), ct);
        return kind is InputKind.Indicators or InputKind.Emissions
            ? await IngestObservationsAsync(dataset, kind, blob, ct)
            : await IngestMetadataAsync(dataset, kind, blob, ct);
    }

    private static string LockName(string dataset, BlobClient blob) => $"ingest/{dataset}/{IngestionStore.FileKey(blob)}";

    /// <summary>
    /// Ingests every blob of the indicators and emissions containers that has no ingestion record for its current
    /// ETag: the safety net for trigger events that never arrived (lost Event Grid deliveries, missed polls).
    /// </summary>
    public async Task<int> ReconcileAsync(CancellationToken ct)
    {
        var known = new Dictionary<string, IReadOnlyDictionary<string, IngestionRecord>>();
        var present = new HashSet<(string Container, string Blob)>();
        var ingested = 0;
        foreach (var name in new[] { options.IndicatorsContainer, options.EmissionsContainer })
        {
            var container = blobs.GetBlobContainerClient(name);
            if (!await container.ExistsAsync(ct)) continue;
            await foreach (var item in container.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, null, ct))
            {
                var slash = item.Name.IndexOf('/');
                if (slash <= 0 || slash == item.Name.Length - 1) continue;
                var dataset = item.Name[..slash];
                if (!DatasetName.IsValid(dataset)) continue;
                if (!known.TryGetValue(dataset, out var records))
                    known[dataset] = records = (await ingestions.ListAsync(dataset, ct)).ToDictionary(r => r.FileKey);
                present.Add((name, item.Name));
                var blob = container.GetBlobClient(item.Name);
                var etag = item.Properties.ETag?.ToString();
                if (records.TryGetValue(IngestionStore.FileKey(blob), out var record) && SameETag(record.SourceETag, etag))
                    continue;
                // The records were listed when the dataset's first blob came by: one may have been written since.
                if (await ingestions.GetAsync(dataset, IngestionStore.FileKey(blob), ct) is { } fresh && SameETag(fresh.SourceETag, etag))
                    continue;
                logger.LogInformation("Reconciliation: {Container}/{Blob} has no ingestion record for its current content; ingesting", name, item.Name);
                await IngestAsync(dataset, item.Name[(slash + 1)..], blob, ct);
                ingested++;
            }
        }
        await WithdrawDeletedFilesAsync(present, ct);
        return ingested;
    }

    /// <summary>A blob listing gives ETags bare (0x8DC…), blob properties in quotes ("0x8DC…"): the same version either way.</summary>
    private static bool SameETag(string? recorded, string? current) => recorded is not null && current is not null && recorded.Trim('"') == current.Trim('"');

    /// <summary>
    /// Files deleted from storage (no trigger fires on deletion): a data file's observations leave the scores; without
    /// a deleted metadata file the built-in one is in force and the data files are read again. Their records go. In
    /// steps that can be repeated if the process dies between them.
    /// </summary>
    private async Task WithdrawDeletedFilesAsync(HashSet<(string Container, string Blob)> present, CancellationToken ct)
    {
        foreach (var dataset in await datasets.ListAsync(ct))
        {
            foreach (var record in await ingestions.ListAsync(dataset.Name, ct))
            {
                var container = record.Kind == InputKind.Emissions ? options.EmissionsContainer : options.IndicatorsContainer;
                if (present.Contains((container, record.BlobName))) continue;
                var blob = blobs.GetBlobContainerClient(container).GetBlobClient(record.BlobName);
                await using var held = await locks.AcquireAsync(LockName(dataset.Name, blob), TimeSpan.FromMinutes(2), ct);
                if (await blob.ExistsAsync(ct)) continue; // uploaded after the listing
                if (record.Kind is InputKind.Catalog or InputKind.Cities or InputKind.Config)
                {
                    logger.LogInformation("{Container}/{Blob} was deleted from storage: the built-in one is in force; re-reading the data files", container, record.BlobName);
                    await metadataLoader.ForgetAcceptedAsync(dataset.Name, record.Kind, ct);
                    await ReadDataFilesAgainAsync(dataset.Name, ct);
                    await datasets.MarkChangedAsync(dataset.Name, ct);
                    await recompute.EnqueueAsync(dataset.Name, null, ct);
                    await ingestions.DeleteAsync(dataset.Name, record.FileKey, ct);
                    continue;
                }
                logger.LogInformation("{Container}/{Blob} was deleted from storage: its observations are withdrawn", container, record.BlobName);
                if (record.ActivePartition is not null)
                {
                    await ingestions.UpsertAsync(record with { ActivePartition = null, ActiveContentHash = null }, ct);
                    await datasets.MarkChangedAsync(dataset.Name, ct);
                    await recompute.EnqueueAsync(dataset.Name, null, ct);
                }
                await observations.DeleteOtherPartitionsAsync(dataset.Name, record.FileKey, null, ct);
                await ingestions.DeleteAsync(dataset.Name, record.FileKey, ct);
            }
        }
    }

    private async Task<IngestionOutcome> IngestObservationsAsync(string dataset, InputKind kind, BlobClient blob, CancellationToken ct)
    {
        // A metadata file arriving meanwhile changes how this file reads: go again until both agree.
        for (var attempt = 1; ; attempt++)
        {
            var outcome = await IngestObservationsOnceAsync(dataset, kind, blob, ct);
            if (outcome.Result != IngestionResult.Accepted || attempt == 3) return outcome;
            var current = await metadataLoader.LoadAsync(dataset, ct);
            if (current.Hash == outcome.Record!.MetadataHash) return outcome;
        }
    }

    /// <summary>
    /// An indicator or emissions file: read, validated and written to a staging partition in one streaming pass, then
    /// switched in as one unit by the ingestion record. A rejected, unchanged or interrupted ingestion leaves only an
    /// invisible staging partition, deleted at the next ingestion of the file.
    /// </summary>
    private async Task<IngestionOutcome> IngestObservationsOnceAsync(string dataset, InputKind kind, BlobClient blob, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var fileKey = IngestionStore.FileKey(blob);
        var fileName = FileNameOf(dataset, blob);
        var existing = await ingestions.GetAsync(dataset, fileKey, ct);
        var properties = (await blob.GetPropertiesAsync(cancellationToken: ct)).Value;
        var etag = properties.ETag.ToString();
        var metadata = await metadataLoader.LoadAsync(dataset, ct);
        var maxBytes = metadata.Options.MaxFileBytes ?? options.MaxFileBytes;
        if (properties.ContentLength > maxBytes)
        {
            return await RejectAsync(existing, dataset, fileKey, blob.Name, kind, etag, "size:" + etag, "",
                new Problem(Severity.Error, blob.Name, 0, null, properties.ContentLength.ToString(), "file-too-large",
                    $"the file has {properties.ContentLength:N0} bytes; the limit is {maxBytes:N0} (config.json 'maxFileBytes')"), ct,
                properties.ContentLength);
        }

        if (existing is { Status: IngestionStatus.Accepted or IngestionStatus.Rejected } && SameETag(existing.SourceETag, etag) && existing.MetadataHash == metadata.Hash)
        {
            // A repeated event for content already ingested (a trigger retried after a restart, the reconciliation).
            logger.LogInformation("{Blob} already ingested in this version and with this metadata: nothing to do", blob.Name);
            await observations.DeleteOtherPartitionsAsync(dataset, fileKey, existing.ActivePartition, ct);
            return new IngestionOutcome(IngestionResult.Unchanged, existing);
        }

        var catalog = kind == InputKind.Emissions ? EmissionObservations.Catalog : metadata.Catalog;
        var staging = ObservationStore.NewStagingPartition(dataset, fileKey);
        var channel = Channel.CreateBounded<ObservationRow>(new BoundedChannelOptions(2_000) { SingleReader = true, SingleWriter = true });
        IndicatorFileReadResult read;
        string contentHash;
        long bytes;
        await using (var hashing = new HashingReadStream(await blob.OpenReadAsync(cancellationToken: ct)))
        {
            var writing = WriteStagedAsync(staging, catalog, channel, ct);
            var reading = Task.Run(() =>
            {
                try
                {
                    var readOptions = (kind == InputKind.Emissions ? EmissionsFileReader.Options() : new ReadOptions())
                        .WithLimits(metadata.Options) with { OnRow = row => channel.Writer.WriteAsync(row, ct).AsTask().GetAwaiter().GetResult() };
                    return IndicatorFileReader.Read(hashing, blob.Name, catalog, metadata.Cities, readOptions);
                }
                finally
                {
                    channel.Writer.TryComplete();
                }
            }, ct);
            try
            {
                read = await reading;
            }
            catch (RowReceiverException)
            {
                await writing; // throws the storage failure that stopped the reader
                throw;
            }
            await writing;
            await hashing.CopyToAsync(Stream.Null, ct); // hash the whole content even when parsing stopped early
            contentHash = hashing.HashHex();
            bytes = hashing.BytesRead;
        }
        var metadataHash = metadata.Hash;
        if (existing is not null && existing.ContentHash == contentHash && existing.MetadataHash == metadataHash)
        {
            logger.LogInformation("{Blob} unchanged (same content and metadata): nothing to do", blob.Name);
            await observations.DeleteOtherPartitionsAsync(dataset, fileKey, existing.ActivePartition, ct);
            if (existing.SourceETag != etag) await ingestions.UpsertAsync(existing with { SourceETag = etag }, ct);
            return new IngestionOutcome(IngestionResult.Unchanged, existing);
        }
        if (!read.Accepted)
        {
            PipelineMetrics.Ingested(dataset, "rejected", Stopwatch.GetElapsedTime(started).TotalMilliseconds, 0);
            if (existing?.ActivePartition is not null && existing.ActiveContentHash == contentHash)
            {
                // The content in use, read again under a changed catalog or cities file, is no longer valid: its
                // observations are withdrawn (not kept to be read under metadata they do not fit).
                logger.LogWarning("{Blob} no longer reads under the dataset's metadata; its observations are withdrawn. First: {First}",
                    blob.Name, read.Problems.FirstOrDefault(p => p.Severity == Severity.Error));
                var withdrawn = await RejectAsync(existing with { ActivePartition = null, ActiveContentHash = null },
                    dataset, fileKey, blob.Name, kind, etag, contentHash, metadataHash, read, ct, bytes);
                await observations.DeleteOtherPartitionsAsync(dataset, fileKey, null, ct);
                await datasets.MarkChangedAsync(dataset, ct);
                await recompute.EnqueueAsync(dataset, null, ct);
                return withdrawn;
            }
            logger.LogWarning("{Blob} rejected with {Errors} errors; stored data unchanged. First: {First}",
                blob.Name, read.ErrorCount, read.Problems.FirstOrDefault(p => p.Severity == Severity.Error));
            await observations.DeleteOtherPartitionsAsync(dataset, fileKey, existing?.ActivePartition, ct);
            return await RejectAsync(existing, dataset, fileKey, blob.Name, kind, etag, contentHash, metadataHash, read, ct, bytes);
        }

        var record = new IngestionRecord
        {
            Dataset = dataset, FileKey = fileKey, BlobName = blob.Name, Kind = kind,
            ContentHash = contentHash, SourceETag = etag, MetadataHash = metadataHash, Status = IngestionStatus.Accepted,
            Rows = read.Summary.Observations, ErrorCount = 0, WarningCount = read.WarningCount, Problems = read.Problems,
            IngestedAt = DateTimeOffset.UtcNow, ActivePartition = staging, ActiveContentHash = contentHash,
        };
        record = record with { Report = await WriteReportAsync(record, fileName, bytes, read.Summary, ct) };
        // The switch: from here on the new observations are the file's.
        await ingestions.UpsertAsync(record, ct);
        await observations.DeleteOtherPartitionsAsync(dataset, fileKey, staging, ct);
        await datasets.MarkChangedAsync(dataset, ct);
        await recompute.EnqueueAsync(dataset, null, ct);
        var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        PipelineMetrics.Ingested(dataset, "accepted", ms, record.Rows);
        logger.LogInformation("{Blob} accepted: {Rows} rows, {Warnings} warnings, {Ms:F0} ms", blob.Name, record.Rows, read.WarningCount, ms);
        return new IngestionOutcome(IngestionResult.Accepted, record);
    }

    /// <summary>Drains the channel into the staging partition; a storage failure closes the channel so the reader stops.</summary>
    private async Task<long> WriteStagedAsync(string partition, Method.Catalogs.Catalog catalog, Channel<ObservationRow> channel, CancellationToken ct)
    {
        try
        {
            return await observations.WriteAsync(partition, catalog, channel.Reader, ct);
        }
        catch (Exception e)
        {
            channel.Writer.TryComplete(e);
            throw;
        }
    }

    private static string FileNameOf(string dataset, BlobClient blob) =>
        blob.Name.StartsWith(dataset + "/", StringComparison.Ordinal) ? blob.Name[(dataset.Length + 1)..] : blob.Name;

    private async Task<string> WriteReportAsync(IngestionRecord record, string fileName, long bytes, ReadSummary summary, CancellationToken ct) =>
        await reports.WriteAsync(new IngestionReport
        {
            Dataset = record.Dataset, File = (record.Kind == InputKind.Emissions ? "emissions/" : "") + fileName,
            Status = record.Status.ToString().ToLowerInvariant(), IngestedAt = record.IngestedAt, ContentHash = record.ContentHash,
            Bytes = bytes, ErrorCount = record.ErrorCount, WarningCount = record.WarningCount, Read = summary, Problems = record.Problems,
        }, ct);

    private async Task<IngestionOutcome> IngestMetadataAsync(string dataset, InputKind kind, BlobClient blob, CancellationToken ct)
    {
        var fileKey = IngestionStore.FileKey(blob);
        var existing = await ingestions.GetAsync(dataset, fileKey, ct);
        var properties = (await blob.GetPropertiesAsync(cancellationToken: ct)).Value;
        var etag = properties.ETag.ToString();
        if (properties.ContentLength > MaxMetadataBytes)
        {
            return await RejectAsync(existing, dataset, fileKey, blob.Name, kind, etag, "size:" + etag, "",
                new Problem(Severity.Error, blob.Name, 0, null, properties.ContentLength.ToString(), "file-too-large",
                    $"a {kind.ToString().ToLowerInvariant()} file is limited to {MaxMetadataBytes:N0} bytes"), ct);
        }
        var content = (await blob.DownloadContentAsync(ct)).Value.Content.ToArray();
        var contentHash = ContentHash.Of(content);
        int entries;
        try
        {
            entries = await metadataLoader.AcceptAsync(dataset, kind, content, ct);
        }
        catch (DataFileException e)
        {
            // Only this file is refused: the data files are not read again and keep their state.
            var keeps = await metadataLoader.HasAcceptedAsync(dataset, kind, ct)
                ? "the dataset keeps using the version accepted before"
                : "the dataset uses the built-in one until a valid version arrives";
            logger.LogWarning("{Blob} rejected: {Reason}; {Keeps}", blob.Name, e.Message, keeps);
            return await RejectAsync(existing, dataset, fileKey, blob.Name, kind, etag, contentHash, "",
                new Problem(Severity.Error, e.FileName, e.Row, e.Column, null, "invalid-metadata", $"{e.Reason} ({keeps})"), ct, content.Length);
        }
        var metadataHash = (await metadataLoader.LoadAsync(dataset, ct)).Hash;
        if (existing is not null && existing.ContentHash == contentHash && existing.Status == IngestionStatus.Accepted && existing.MetadataHash == metadataHash)
        {
            if (existing.SourceETag != etag) await ingestions.UpsertAsync(existing with { SourceETag = etag }, ct);
            return new IngestionOutcome(IngestionResult.Unchanged, existing);
        }

        var record = new IngestionRecord
        {
            Dataset = dataset, FileKey = fileKey, BlobName = blob.Name, Kind = kind, ContentHash = contentHash,
            SourceETag = etag, MetadataHash = metadataHash, Status = IngestionStatus.Accepted, Rows = entries,
            IngestedAt = DateTimeOffset.UtcNow, ActiveContentHash = contentHash,
        };
        logger.LogInformation("{Blob} accepted as the dataset's {Kind}; re-reading its indicator files", blob.Name, kind);

        // The record is written last, so that once it shows, the files' changes are marked already.
        await ReadDataFilesAgainAsync(dataset, ct);
        await ingestions.UpsertAsync(record, ct);
        return new IngestionOutcome(IngestionResult.Accepted, record);
    }

    /// <summary>Columns and city names are resolved through the catalog and cities: after a change, every data file is read again.</summary>
    private async Task ReadDataFilesAgainAsync(string dataset, CancellationToken ct)
    {
        foreach (var (container, dataKind) in new[] { (options.IndicatorsContainer, InputKind.Indicators), (options.EmissionsContainer, InputKind.Emissions) })
        {
            var client = blobs.GetBlobContainerClient(container);
            if (!await client.ExistsAsync(ct)) continue;
            await foreach (var item in client.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, dataset + "/", ct))
            {
                var name = item.Name[(dataset.Length + 1)..];
                if (dataKind == InputKind.Indicators && DatasetMetadataLoader.KindOf(name) != InputKind.Indicators) continue;
                var source = client.GetBlobClient(item.Name);
                await using var held = await locks.AcquireAsync(LockName(dataset, source), TimeSpan.FromMinutes(2), ct);
                await IngestObservationsAsync(dataset, dataKind, source, ct);
            }
        }
    }

    private Task<IngestionOutcome> RejectAsync(IngestionRecord? existing, string dataset, string fileKey, string blobName, InputKind kind,
        string etag, string contentHash, string metadataHash, Problem problem, CancellationToken ct, long bytes = 0) =>
        RejectAsync(existing, dataset, fileKey, blobName, kind, etag, contentHash, metadataHash,
            new IndicatorFileReadResult { Rows = [], Problems = [problem], ErrorCount = 1 }, ct, bytes);

    private async Task<IngestionOutcome> RejectAsync(IngestionRecord? existing, string dataset, string fileKey, string blobName, InputKind kind,
        string etag, string contentHash, string metadataHash, IndicatorFileReadResult read, CancellationToken ct, long bytes = 0)
    {
        // The previous accepted content (if any) stays in use: a rejected file changes nothing that is stored.
        var record = new IngestionRecord
        {
            Dataset = dataset, FileKey = fileKey, BlobName = blobName, Kind = kind, ContentHash = contentHash,
            SourceETag = etag, MetadataHash = metadataHash, Status = IngestionStatus.Rejected, Rows = 0,
            ErrorCount = read.ErrorCount, WarningCount = read.WarningCount, Problems = read.Problems,
            IngestedAt = DateTimeOffset.UtcNow, ActivePartition = existing?.ActivePartition, ActiveContentHash = existing?.ActiveContentHash,
        };
        var fileName = blobName.StartsWith(dataset + "/", StringComparison.Ordinal) ? blobName[(dataset.Length + 1)..] : blobName;
        record = record with { Report = await WriteReportAsync(record, fileName, bytes, read.Summary, ct) };
        await ingestions.UpsertAsync(record, ct);
        return new IngestionOutcome(IngestionResult.Rejected, record);
    }

    /// <summary>The container and blob a poison message of the blob trigger names, or null for another message.</summary>
    public static (string Container, string BlobName)? ParsePoisonMessage(string message)
    {
        try
        {
            using var json = System.Text.Json.JsonDocument.Parse(message);
            var root = json.RootElement;
            return root.ValueKind == System.Text.Json.JsonValueKind.Object
                && root.TryGetProperty("ContainerName", out var container) && container.ValueKind == System.Text.Json.JsonValueKind.String
                && root.TryGetProperty("BlobName", out var blob) && blob.ValueKind == System.Text.Json.JsonValueKind.String
                ? (container.GetString()!, blob.GetString()!) : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// Records that a file failed for good: its processing threw on every attempt (storage unavailable, timeouts) and
    /// the trigger moved it to the poison queue. Stored observations stay as they were.
    /// </summary>
    public async Task RecordFailureAsync(string container, string blobName, CancellationToken ct)
    {
        var slash = blobName.IndexOf('/');
        if (slash <= 0) return;
        var dataset = blobName[..slash];
        if (!DatasetName.IsValid(dataset)) return;
        var blob = blobs.GetBlobContainerClient(container).GetBlobClient(blobName);
        var fileKey = IngestionStore.FileKey(blob);
        var existing = await ingestions.GetAsync(dataset, fileKey, ct);
        string? etag = null;
        try
        {
            etag = (await blob.GetPropertiesAsync(cancellationToken: ct)).Value.ETag.ToString();
        }
        catch (Azure.RequestFailedException)
        {
            // The blob may be gone; the record still says what happened.
        }
        var failure = $"processing failed on every attempt (host.json 'poisonBlobThreshold', 5) for reasons that are not the data (storage, timeouts); the file was moved to the poison " +
            "queue and is not retried automatically. Upload it again, or wait for the reconciliation, once the cause is fixed";
        logger.LogError("{Container}/{Blob}: {Failure}", container, blobName, failure);
        await ingestions.UpsertAsync(new IngestionRecord
        {
            Dataset = dataset, FileKey = fileKey, BlobName = blobName,
            Kind = container == options.EmissionsContainer ? InputKind.Emissions : DatasetMetadataLoader.KindOf(blobName[(slash + 1)..]),
            // The current ETag: the reconciliation does not retry this content; a new upload is ingested again.
            ContentHash = existing?.ContentHash ?? "", SourceETag = etag, MetadataHash = existing?.MetadataHash ?? "",
            Status = IngestionStatus.Failed, Rows = existing?.Rows ?? 0, Problems = existing?.Problems ?? [],
            IngestedAt = DateTimeOffset.UtcNow, ActivePartition = existing?.ActivePartition, ActiveContentHash = existing?.ActiveContentHash,
            Report = existing?.Report, Failure = failure,
        }, ct);
    }
}
