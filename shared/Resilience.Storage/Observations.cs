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

    public static string PartitionFor(string dataset, string fileKey, string contentHash) =>
        KeyEncoding.Join(dataset, fileKey, contentHash[..16]);

    public async Task WriteAsync(string partition, Catalog catalog, IReadOnlyList<ObservationRow> rows, CancellationToken ct)
    {
        await Table.CreateIfNotExistsAsync(ct);
        var entities = rows.Select(row =>
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
        });
        // One partition: entity group transactions of at most 100 operations, a few in flight at once.
        await Parallel.ForEachAsync(entities.Chunk(BatchSize), new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct },
            async (chunk, token) => await Table.SubmitTransactionAsync(
                chunk.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)), token));
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
