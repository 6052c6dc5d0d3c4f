using System.Text.Json;
using Azure.Data.Tables;
using Resilience.Method.Catalogs;
using Resilience.Method.Ingestion;

namespace Resilience.Storage;

/// <summary>
/// Observations of one accepted file content live in their own partition (<c>dataset|fileKey|contentHash</c>).
/// A new content is written to a new partition and becomes visible only when the ingestion record points at it,
/// so a file's observations appear all together or not at all.
/// </summary>
public sealed class ObservationStore(TableServiceClient tables, StorageOptions options)
{
    public const int BatchSize = 100;
    private TableClient Table => tables.GetTableClient(options.ObservationsTable);

    /// <summary>A new staging partition for one ingestion of a file; it becomes visible only when its record points at it.</summary>
    public static string NewStagingPartition(string dataset, string fileKey) =>
        KeyEncoding.Join(dataset, fileKey, Guid.NewGuid().ToString("N")[..16]);

    public async Task WriteAsync(string partition, Catalog catalog, IReadOnlyList<ObservationRow> rows, CancellationToken ct)
    {
        var channel = System.Threading.Channels.Channel.CreateUnbounded<ObservationRow>();
        foreach (var row in rows) channel.Writer.TryWrite(row);
        channel.Writer.Complete();
        await WriteAsync(partition, catalog, channel.Reader, ct);
    }

    /// <summary>
    /// Writes observations as they arrive (a file is read and stored in one pass, never held whole): entity group
    /// transactions of 100, up to four in flight. A failure completes <paramref name="rows"/> with the exception,
    /// so the reader feeding it stops too.
    /// </summary>
    public async Task<long> WriteAsync(string partition, Catalog catalog, System.Threading.Channels.ChannelReader<ObservationRow> rows, CancellationToken ct)
    {
        await Table.CreateIfNotExistsAsync(ct);
        var written = 0L;
        var inFlight = new List<Task>();
        var batch = new List<TableTransactionAction>(BatchSize);
        await foreach (var row in rows.ReadAllAsync(ct))
        {
            batch.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, ToEntity(partition, catalog, row)));
            if (batch.Count < BatchSize) continue;
            inFlight.Add(Table.SubmitTransactionAsync(batch, ct));
            written += batch.Count;
            batch = new List<TableTransactionAction>(BatchSize);
            if (inFlight.Count >= 4)
            {
                var done = await Task.WhenAny(inFlight);
                inFlight.Remove(done);
                await done;
            }
        }
        if (batch.Count > 0)
        {
            inFlight.Add(Table.SubmitTransactionAsync(batch, ct));
            written += batch.Count;
        }
        await Task.WhenAll(inFlight);
        return written;
    }

    private static TableEntity ToEntity(string partition, Catalog catalog, ObservationRow row)
    {
        var values = new Dictionary<string, double>();
        for (var j = 0; j < catalog.Count; j++)
            if (row.Values[j] is { } v) values[catalog.Indicators[j].Id] = v;
        var entity = new TableEntity(partition, KeyEncoding.Join(KeyEncoding.Year(row.Year), KeyEncoding.Encode(row.CityId)))
        {
            ["CityId"] = row.CityId,
            ["Year"] = row.Year,
        };
        TableText.Write(entity, "Values", JsonSerializer.Serialize(values));
        return entity;
    }

    /// <summary>
    /// Deletes a file's partitions other than <paramref name="keep"/>: the previous content's, and staging partitions
    /// left by an ingestion that died half way (they were never visible).
    /// </summary>
    public async Task DeleteOtherPartitionsAsync(string dataset, string fileKey, string? keep, CancellationToken ct)
    {
        var prefix = KeyEncoding.Join(dataset, fileKey) + KeyEncoding.Separator;
        var end = prefix[..^1] + (char)(KeyEncoding.Separator + 1);
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {prefix} and PartitionKey lt {end}");
        if (keep is not null) filter += " and " + TableClient.CreateQueryFilter($"PartitionKey ne {keep}");
        await TableBatches.DeleteWhereAsync(Table, filter, ct);
    }

    /// <summary>Reads a partition, mapping indicator ids to the given catalog (ids it lacks are dropped).</summary>
    public async Task<List<ObservationRow>> ReadAsync(string partition, Catalog catalog, CancellationToken ct)
    {
        await Table.CreateIfNotExistsAsync(ct);
        var rows = new List<ObservationRow>();
        await foreach (var e in Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), cancellationToken: ct))
        {
            var stored = JsonSerializer.Deserialize<Dictionary<string, double>>(TableText.Read(e, "Values") ?? "{}") ?? [];
            var values = new double?[catalog.Count];
            foreach (var (id, value) in stored)
            {
                var j = catalog.IndexOf(id);
                if (j >= 0) values[j] = value;
            }
            rows.Add(new ObservationRow(e.GetString("CityId")!, e.GetInt32("Year") ?? 0, values));
        }
        return rows;
    }

    public async Task DeletePartitionAsync(string partition, CancellationToken ct) =>
        await TableBatches.DeleteWhereAsync(Table, TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), ct);
}

internal static class TableBatches
{
    /// <summary>Deletes every entity matching the filter, in transactions grouped by partition.</summary>
    public static async Task DeleteWhereAsync(TableClient table, string filter, CancellationToken ct)
    {
        await table.CreateIfNotExistsAsync(ct);
        var keys = new List<(string Partition, string Row)>();
        await foreach (var e in table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: ct))
            keys.Add((e.PartitionKey, e.RowKey));
        foreach (var group in keys.GroupBy(k => k.Partition))
            foreach (var chunk in group.Chunk(ObservationStore.BatchSize))
                await table.SubmitTransactionAsync(
                    chunk.Select(k => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(k.Partition, k.Row))), ct);
    }
}
