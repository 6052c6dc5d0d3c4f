using System.Text.Json;
using Azure.Data.Tables;
using Resilience.Method.Ingestion;

namespace Resilience.Storage;

public enum IngestionStatus { Accepted, Rejected, Failed }

public enum InputKind { Indicators, Catalog, Cities, Config, Emissions }

/// <summary>What happened to one input file, as the API shows it.</summary>
public sealed record IngestionRecord
{
    public required string Dataset { get; init; }
    public required string FileKey { get; init; }
    public required string BlobName { get; init; }
    public required InputKind Kind { get; init; }
    public required string ContentHash { get; init; }

    /// <summary>ETag of the blob this record was made from; a different ETag means the blob changed since.</summary>
    public string? SourceETag { get; init; }
    public required string MetadataHash { get; init; }
    public required IngestionStatus Status { get; init; }
    public int Rows { get; init; }
    public int ErrorCount { get; init; }
    public int WarningCount { get; init; }
    public IReadOnlyList<Problem> Problems { get; init; } = [];
    public DateTimeOffset IngestedAt { get; init; }

    /// <summary>Observations partition in use for this file (from the last accepted content), if any.</summary>
    public string? ActivePartition { get; init; }

    public string? ActiveContentHash { get; init; }

    /// <summary>Blob (in the reports container) of this ingestion's report; a CSV of its problems sits beside it.</summary>
    public string? Report { get; init; }

    /// <summary>Why processing failed for good after retries (transient failures: storage, timeouts), if it did.</summary>
    public string? Failure { get; init; }
}

public sealed class IngestionStore(TableServiceClient tables, StorageOptions options)
{
    private TableClient Table => tables.GetTableClient(options.IngestionsTable);

    /// <summary>A stable key for a blob name: names may hold characters that table keys forbid.</summary>
    public static string FileKey(Azure.Storage.Blobs.BlobClient blob) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(blob.BlobContainerName + "/" + blob.Name)))[..32];

    public async Task<IngestionRecord?> GetAsync(string dataset, string fileKey, CancellationToken ct)
    {
        await Table.CreateIfNotExistsAsync(ct);
        var response = await Table.GetEntityIfExistsAsync<TableEntity>(dataset, fileKey, cancellationToken: ct);
        return response.HasValue ? ToRecord(response.Value!) : null;
    }

    public async Task<IReadOnlyList<IngestionRecord>> ListAsync(string dataset, CancellationToken ct)
    {
        await Table.CreateIfNotExistsAsync(ct);
        var list = new List<IngestionRecord>();
        await foreach (var e in Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {dataset}"), cancellationToken: ct))
            list.Add(ToRecord(e));
        return list.OrderBy(r => r.IngestedAt).ThenBy(r => r.BlobName, StringComparer.Ordinal).ToList();
    }

    public async Task DeleteAsync(string dataset, string fileKey, CancellationToken ct)
    {
        await Table.CreateIfNotExistsAsync(ct);
        await Table.DeleteEntityAsync(dataset, fileKey, Azure.ETag.All, ct);
    }

    public async Task UpsertAsync(IngestionRecord record, CancellationToken ct)
    {
        await Table.CreateIfNotExistsAsync(ct);
        var entity = new TableEntity(record.Dataset, record.FileKey)
        {
            ["BlobName"] = record.BlobName,
            ["Kind"] = record.Kind.ToString(),
            ["ContentHash"] = record.ContentHash,
            ["SourceETag"] = record.SourceETag,
            ["MetadataHash"] = record.MetadataHash,
            ["Status"] = record.Status.ToString(),
            ["Rows"] = record.Rows,
            ["ErrorCount"] = record.ErrorCount,
            ["WarningCount"] = record.WarningCount,
            ["IngestedAt"] = record.IngestedAt,
            ["ActivePartition"] = record.ActivePartition,
            ["ActiveContentHash"] = record.ActiveContentHash,
            ["Report"] = record.Report,
            ["Failure"] = record.Failure,
        };
        // Keep the record inside one entity: the first problems are stored, the counts cover all.
        var problems = record.Problems.Take(200).ToList();
        TableText.Write(entity, "Problems", JsonSerializer.Serialize(problems, JsonDefaults.Web));
        await Table.UpsertEntityAsync(entity, TableUpdateMode.Replace, ct);
    }

    private static IngestionRecord ToRecord(TableEntity e) => new()
    {
        Dataset = e.PartitionKey,
        FileKey = e.RowKey,
        BlobName = e.GetString("BlobName") ?? "",
        Kind = Enum.TryParse<InputKind>(e.GetString("Kind"), out var kind) ? kind : InputKind.Indicators,
        ContentHash = e.GetString("ContentHash") ?? "",
        SourceETag = e.GetString("SourceETag"),
        MetadataHash = e.GetString("MetadataHash") ?? "",
        Status = Enum.TryParse<IngestionStatus>(e.GetString("Status"), out var status) ? status : IngestionStatus.Rejected,
        Rows = e.GetInt32("Rows") ?? 0,
        ErrorCount = e.GetInt32("ErrorCount") ?? 0,
        WarningCount = e.GetInt32("WarningCount") ?? 0,
        Problems = JsonSerializer.Deserialize<List<Problem>>(TableText.Read(e, "Problems") ?? "[]", JsonDefaults.Web) ?? [],
        IngestedAt = e.GetDateTimeOffset("IngestedAt") ?? e.Timestamp ?? DateTimeOffset.MinValue,
        ActivePartition = e.GetString("ActivePartition"),
        ActiveContentHash = e.GetString("ActiveContentHash"),
        Report = e.GetString("Report"),
        Failure = e.GetString("Failure"),
    };
}
