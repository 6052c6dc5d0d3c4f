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
    private readonly BoundedCache<IReadOnlyList<JsonElement>> _cache = new(capacity: 2_000);
    private TableClient Table => tables.GetTableClient(options.ResultsTable);

    public static string NewVersion() => DateTimeOffset.UtcNow.ToString("yyyyMMdd'T'HHmmssfff'Z'", System.Globalization.CultureInfo.InvariantCulture);

    public async Task WriteAsync(ResultManifest manifest, AssessmentResult result, CancellationToken ct)
    {
        await Table.CreateIfNotExistsAsync(ct);
        var prefix = KeyEncoding.Join(manifest.Dataset, manifest.Version);
        var growth = result.CityGrowth.ToDictionary(g => (g.CityId, g.Year), g => g.Growth);
        var imputed = result.Imputed.ToLookup(i => (i.CityId, i.Year));
        var tapio = result.Emissions?.TapioCityYear.ToDictionary(t => (t.CityId, t.Year));
        var sensitivity = result.Sensitivity?.CityYears.ToDictionary(c => (c.CityId, c.Year));
        var entities = new List<TableEntity>();
        foreach (var row in result.Panel)
        {
            var node = JsonSerializer.SerializeToNode(row, JsonDefaults.Web)!.AsObject();
            node["growth"] = growth.TryGetValue((row.CityId, row.Year), out var g) ? g : null;
            node["imputed"] = JsonSerializer.SerializeToNode(
                imputed[(row.CityId, row.Year)].Select(i => new { i.IndicatorId, i.Method, i.Value }), JsonDefaults.Web);
            if (tapio is not null) node["carbon"] = tapio.TryGetValue((row.CityId, row.Year), out var t) ? JsonSerializer.SerializeToNode(t, JsonDefaults.Web) : null;
            if (sensitivity is not null && sensitivity.TryGetValue((row.CityId, row.Year), out var c)) node["sensitivity"] = JsonSerializer.SerializeToNode(c, JsonDefaults.Web);
            var json = node.ToJsonString(JsonDefaults.Web);
            var city = KeyEncoding.Encode(row.CityId);
            var year = KeyEncoding.Year(row.Year);
            entities.Add(JsonEntity(KeyEncoding.Join(prefix, "year", year), city, json, row.Composite));
            entities.Add(JsonEntity(KeyEncoding.Join(prefix, "city", city), year, json, row.Composite));
        }
        var carbonYears = result.Emissions?.Yearly.ToDictionary(y => y.Year);
        var tapioYears = result.Emissions?.TapioYearlyMean.ToDictionary(y => y.Year);
        foreach (var year in result.Yearly)
        {
            var node = JsonSerializer.SerializeToNode(year, JsonDefaults.Web)!.AsObject();
            if (carbonYears is not null)
                node["carbon"] = new JsonObject
                {
                    ["emissions"] = carbonYears.TryGetValue(year.Year, out var e) ? JsonSerializer.SerializeToNode(e, JsonDefaults.Web) : null,
                    ["tapio"] = tapioYears!.TryGetValue(year.Year, out var t) ? JsonSerializer.SerializeToNode(t, JsonDefaults.Web) : null,
                };
            entities.Add(JsonEntity(KeyEncoding.Join(prefix, "yearly"), KeyEncoding.Year(year.Year), node.ToJsonString(JsonDefaults.Web)));
        }
        if (result.Emissions is { } emissions)
        {
            foreach (var period in emissions.TapioCityPeriod)
                entities.Add(JsonEntity(KeyEncoding.Join(prefix, "carbon-period"), KeyEncoding.Encode(period.CityId), JsonSerializer.Serialize(period, JsonDefaults.Web)));
            entities.Add(JsonEntity(KeyEncoding.Join(prefix, "meta"), "carbon", JsonSerializer.Serialize(new
            {
                emissions.Unit, emissions.Co2MeanFirst, emissions.Co2MeanLast, emissions.AagrMeanCo2,
                imputedCells = emissions.Imputed.Count, emissions.Warnings,
            }, JsonDefaults.Web)));
        }
        var meta = KeyEncoding.Join(prefix, "meta");
        var documents = new List<TableEntity>();
        if (result.Sensitivity is { } analysis)
            documents.AddRange(DocumentEntities(meta, "sensitivity", JsonSerializer.Serialize(new { analysis.Weightings, analysis.MonteCarlo }, JsonDefaults.Web)));
        documents.AddRange(DocumentEntities(meta, "weights", JsonSerializer.Serialize(result.Weights, JsonDefaults.Web)));
        documents.AddRange(DocumentEntities(meta, "manifest", JsonSerializer.Serialize(manifest, JsonDefaults.Web)));

        // Transactions: one partition each, at most 100 operations; partitions written in parallel. The documents one
        // by one: a few of their entities would pass the 4 MiB a transaction may carry.
        var batches = entities.GroupBy(e => e.PartitionKey).SelectMany(g => g.Chunk(ObservationStore.BatchSize))
            .Concat(documents.Select(d => new[] { d }));
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct },
            async (batch, token) => await Table.SubmitTransactionAsync(
                batch.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)), token));
    }

    /// <summary>
    /// A document of the version (manifest, weights, sensitivity) grows with the number of cities: past what one entity
    /// holds it continues in rows <c>{name}~0001</c>, <c>{name}~0002</c>, ... of the same partition, read back in order.
    /// </summary>
    private static IEnumerable<TableEntity> DocumentEntities(string partition, string name, string json)
    {
        var count = Math.Max(1, (json.Length + TableText.MaxChars - 1) / TableText.MaxChars);
        for (var i = 0; i < count; i++)
        {
            var start = i * TableText.MaxChars;
            yield return JsonEntity(partition, i == 0 ? name : ContinuationKey(name, i), json.Substring(start, Math.Min(TableText.MaxChars, json.Length - start)));
        }
    }

    private static string ContinuationKey(string name, int index) => $"{name}~{index:D4}";

    public async Task DeleteVersionAsync(string dataset, string version, CancellationToken ct)
    {
        var prefix = KeyEncoding.Join(dataset, version, "");
        var end = KeyEncoding.PrefixEnd(prefix);
        await TableBatches.DeleteWhereAsync(Table, TableClient.CreateQueryFilter($"PartitionKey ge {prefix} and PartitionKey lt {end}"), ct);
    }

    public Task<JsonElement?> GetManifestAsync(string dataset, string version, CancellationToken ct) =>
        GetJsonAsync(KeyEncoding.Join(dataset, version, "meta"), "manifest", ct);

    public Task<JsonElement?> GetMetaAsync(string dataset, string version, string name, CancellationToken ct) =>
        GetJsonAsync(KeyEncoding.Join(dataset, version, "meta"), name, ct);

    public Task<IReadOnlyList<JsonElement>> GetCarbonPeriodsAsync(string dataset, string version, CancellationToken ct) =>
        GetPartitionAsync(KeyEncoding.Join(dataset, version, "carbon-period"), ct);

    public Task<JsonElement?> GetWeightsAsync(string dataset, string version, CancellationToken ct) =>
        GetJsonAsync(KeyEncoding.Join(dataset, version, "meta"), "weights", ct);

    public Task<IReadOnlyList<JsonElement>> GetYearAsync(string dataset, string version, int year, CancellationToken ct) =>
        GetPartitionAsync(KeyEncoding.Join(dataset, version, "year", KeyEncoding.Year(year)), ct);

    public Task<IReadOnlyList<JsonElement>> GetCityAsync(string dataset, string version, string cityId, CancellationToken ct) =>
        GetPartitionAsync(KeyEncoding.Join(dataset, version, "city", KeyEncoding.Encode(cityId)), ct);

    public Task<IReadOnlyList<JsonElement>> GetYearlyAsync(string dataset, string version, CancellationToken ct) =>
        GetPartitionAsync(KeyEncoding.Join(dataset, version, "yearly"), ct);

    private async Task<JsonElement?> GetJsonAsync(string partition, string row, CancellationToken ct)
    {
        var rows = await GetPartitionAsync(partition, ct, row);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <summary>
    /// Rows of a partition (or one row), in row-key order. A version never changes once written, so what was read
    /// is kept in memory (JsonElement is immutable, safe to share between requests).
    /// </summary>
    private async Task<IReadOnlyList<JsonElement>> GetPartitionAsync(string partition, CancellationToken ct, string? row = null)
    {
        var key = row is null ? partition : partition + "#" + row;
        if (_cache.TryGet(key, out var cached)) return cached;
        await Table.CreateIfNotExistsAsync(ct);
        var list = new List<JsonElement>();
        if (row is null)
        {
            await foreach (var e in Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), cancellationToken: ct))
                if (TableText.Read(e, "Json") is { } json) list.Add(JsonDocument.Parse(json).RootElement.Clone());
        }
        else
        {
            // A document and its continuation rows, which sort right after it.
            var last = ContinuationKey(row, 9999);
            var parts = new List<string>();
            await foreach (var e in Table.QueryAsync<TableEntity>(
                               TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {row} and RowKey le {last}"), cancellationToken: ct))
                if (TableText.Read(e, "Json") is { } json) parts.Add(json);
            if (parts.Count > 0) list.Add(JsonDocument.Parse(string.Concat(parts)).RootElement.Clone());
        }
        // Empty answers are not kept: the version may still be being written, or the key was mistyped.
        if (list.Count > 0) _cache.Set(key, list);
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
