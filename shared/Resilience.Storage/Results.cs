using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Resilience.Method.Assessment;
using Resilience.Method.Catalogs;

namespace Resilience.Storage;

/// <summary>Description of one result version: what was computed, from which inputs, with which options.</summary>
public sealed record ResultManifest(
    string Dataset,
    string Version,
    DateTimeOffset CreatedAt,
    AssessmentOptions Options,
    IReadOnlyList<int> Years,
    IReadOnlyList<string> Dimensions,
    IReadOnlyList<CityInfo> Cities,
    IReadOnlyList<Indicator> Catalog,
    Summary Summary,
    int ImputedCells,
    IReadOnlyList<string> Warnings,
    IReadOnlyList<ResultInput> Inputs);

public sealed record ResultInput(string BlobName, string ContentHash, int Rows);

/// <summary>
/// Versioned results in Table storage. Every version has its own partitions
/// (<c>dataset|version|year|yyyy</c> for rankings, <c>dataset|version|city|id</c> for time series,
/// <c>dataset|version|yearly</c>, <c>dataset|version|meta</c>); readers reach a version only through the pointer.
/// </summary>
public sealed class ResultStore(TableServiceClient tables, StorageOptions options)
{
    private TableClient Table => tables.GetTableClient(options.ResultsTable);

    public static string NewVersion() => DateTimeOffset.UtcNow.ToString("yyyyMMdd'T'HHmmssfff'Z'", System.Globalization.CultureInfo.InvariantCulture);

    public async Task WriteAsync(ResultManifest manifest, AssessmentResult result, CancellationToken ct)
    {
        await Table.CreateIfNotExistsAsync(ct);
        var prefix = KeyEncoding.Join(manifest.Dataset, manifest.Version);
        var growth = result.CityGrowth.ToDictionary(g => (g.CityId, g.Year), g => g.Growth);
        var imputed = result.Imputed.ToLookup(i => (i.CityId, i.Year));
        var entities = new List<TableEntity>();
        foreach (var row in result.Panel)
        {
            var node = JsonSerializer.SerializeToNode(row, JsonDefaults.Web)!.AsObject();
            node["growth"] = growth.TryGetValue((row.CityId, row.Year), out var g) ? g : null;
            node["imputed"] = JsonSerializer.SerializeToNode(
                imputed[(row.CityId, row.Year)].Select(i => new { i.IndicatorId, i.Method, i.Value }), JsonDefaults.Web);
            var json = node.ToJsonString(JsonDefaults.Web);
            var city = KeyEncoding.Encode(row.CityId);
            var year = KeyEncoding.Year(row.Year);
            entities.Add(JsonEntity(KeyEncoding.Join(prefix, "year", year), city, json, row.Composite));
            entities.Add(JsonEntity(KeyEncoding.Join(prefix, "city", city), year, json, row.Composite));
        }
        foreach (var year in result.Yearly)
            entities.Add(JsonEntity(KeyEncoding.Join(prefix, "yearly"), KeyEncoding.Year(year.Year), JsonSerializer.Serialize(year, JsonDefaults.Web)));
        entities.Add(JsonEntity(KeyEncoding.Join(prefix, "meta"), "weights", JsonSerializer.Serialize(result.Weights, JsonDefaults.Web)));
        entities.Add(JsonEntity(KeyEncoding.Join(prefix, "meta"), "manifest", JsonSerializer.Serialize(manifest, JsonDefaults.Web)));

        // Transactions: one partition each, at most 100 operations; partitions written in parallel.
        var batches = entities.GroupBy(e => e.PartitionKey).SelectMany(g => g.Chunk(ObservationStore.BatchSize));
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct },
            async (batch, token) => await Table.SubmitTransactionAsync(
                batch.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)), token));
    }

    public async Task DeleteVersionAsync(string dataset, string version, CancellationToken ct)
    {
        var prefix = KeyEncoding.Join(dataset, version, "");
        var end = KeyEncoding.PrefixEnd(prefix);
        await TableBatches.DeleteWhereAsync(Table, TableClient.CreateQueryFilter($"PartitionKey ge {prefix} and PartitionKey lt {end}"), ct);
    }

    public Task<JsonNode?> GetManifestAsync(string dataset, string version, CancellationToken ct) =>
        GetJsonAsync(KeyEncoding.Join(dataset, version, "meta"), "manifest", ct);

    public Task<JsonNode?> GetWeightsAsync(string dataset, string version, CancellationToken ct) =>
        GetJsonAsync(KeyEncoding.Join(dataset, version, "meta"), "weights", ct);

    public Task<List<JsonNode>> GetYearAsync(string dataset, string version, int year, CancellationToken ct) =>
        GetPartitionAsync(KeyEncoding.Join(dataset, version, "year", KeyEncoding.Year(year)), ct);

    public Task<List<JsonNode>> GetCityAsync(string dataset, string version, string cityId, CancellationToken ct) =>
        GetPartitionAsync(KeyEncoding.Join(dataset, version, "city", KeyEncoding.Encode(cityId)), ct);

    public Task<List<JsonNode>> GetYearlyAsync(string dataset, string version, CancellationToken ct) =>
        GetPartitionAsync(KeyEncoding.Join(dataset, version, "yearly"), ct);

    private async Task<JsonNode?> GetJsonAsync(string partition, string row, CancellationToken ct)
    {
        await Table.CreateIfNotExistsAsync(ct);
        var response = await Table.GetEntityIfExistsAsync<TableEntity>(partition, row, cancellationToken: ct);
        return response.HasValue && TableText.Read(response.Value!, "Json") is { } json ? JsonNode.Parse(json) : null;
    }

    /// <summary>All rows of a partition, in row-key order (city id or year).</summary>
    private async Task<List<JsonNode>> GetPartitionAsync(string partition, CancellationToken ct)
    {
        await Table.CreateIfNotExistsAsync(ct);
        var list = new List<JsonNode>();
        await foreach (var e in Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), cancellationToken: ct))
            if (TableText.Read(e, "Json") is { } json) list.Add(JsonNode.Parse(json)!);
        return list;
    }

    private static TableEntity JsonEntity(string partition, string row, string json, double? composite = null)
    {
        var entity = new TableEntity(partition, row);
        if (composite is { } c) entity["Composite"] = c;
        TableText.Write(entity, "Json", json);
        return entity;
    }
}
