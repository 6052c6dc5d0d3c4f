using Azure;
using Azure.Data.Tables;

namespace Resilience.Storage;

public sealed record DatasetState(
    string Name, string? CurrentVersion, DateTimeOffset? ScoredAt, long LastChangeTicks, long ScoredChangeTicks, IReadOnlyList<string> Versions,
    string? RecomputeFailure = null, DateTimeOffset? RecomputeFailedAt = null)
{
    public bool IsUpToDate => CurrentVersion is not null && ScoredChangeTicks >= LastChangeTicks;
}

/// <summary>One row per dataset: when its inputs last changed and which result version is current.</summary>
public sealed class DatasetStore(TableServiceClient tables, StorageOptions options)
{
    private const string Partition = "dataset";

    /// <summary>How long a reader may keep using a dataset's version pointer before reading it again.</summary>
    public static readonly TimeSpan PointerLifetime = TimeSpan.FromSeconds(2);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (DatasetState State, long ReadAt)> _recent = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> _refreshing = new();
    private TableClient Table => tables.GetTableClient(options.DatasetsTable);

    public async Task<DatasetState?> GetAsync(string dataset, CancellationToken ct)
    {
        await Table.CreateIfNotExistsAsync(ct);
        var response = await Table.GetEntityIfExistsAsync<TableEntity>(Partition, dataset, cancellationToken: ct);
        return response.HasValue ? ToState(response.Value!) : null;
    }

    /// <summary>
    /// The dataset as read at most <see cref="PointerLifetime"/> ago: hot read paths must not hit the table on every
    /// request. A pointer moved by this process is seen at once; one moved elsewhere within the lifetime.
    /// </summary>
    public async Task<DatasetState?> GetRecentAsync(string dataset, CancellationToken ct)
    {
        if (_recent.TryGetValue(dataset, out var recent))
        {
            // Past its lifetime, the pointer is refreshed by one caller while the others keep the one they have.
            if (System.Diagnostics.Stopwatch.GetElapsedTime(recent.ReadAt) >= PointerLifetime && _refreshing.TryAdd(dataset, 0))
                _ = RefreshAsync(dataset);
            return recent.State;
        }
        return await RefreshAsync(dataset);
    }

    private async Task<DatasetState?> RefreshAsync(string dataset)
    {
        try
        {
            var state = await GetAsync(dataset, CancellationToken.None);
            if (state is not null) _recent[dataset] = (state, System.Diagnostics.Stopwatch.GetTimestamp());
            else _recent.TryRemove(dataset, out _);
            return state;
        }
        finally
        {
            _refreshing.TryRemove(dataset, out _);
        }
    }

    public async Task<IReadOnlyList<DatasetState>> ListAsync(CancellationToken ct)
    {
        await Table.CreateIfNotExistsAsync(ct);
        var list = new List<DatasetState>();
        await foreach (var entity in Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"), cancellationToken: ct))
            list.Add(ToState(entity));
        return list;
    }

    /// <summary>Records that the dataset's inputs changed now; creates the dataset on first use.</summary>
    public async Task MarkChangedAsync(string dataset, CancellationToken ct)
    {
        await Table.CreateIfNotExistsAsync(ct);
        var entity = new TableEntity(Partition, dataset) { ["LastChangeTicks"] = DateTimeOffset.UtcNow.UtcTicks };
        await Table.UpsertEntityAsync(entity, TableUpdateMode.Merge, ct);
        _recent.TryRemove(dataset, out _);
    }

    /// <summary>
    /// Records why the last recomputation could not complete (the data and configuration do not fit, or it threw); the
    /// version in force stays, and the next completed recomputation clears this.
    /// </summary>
    public async Task MarkRecomputeFailedAsync(string dataset, string reason, CancellationToken ct)
    {
        await Table.CreateIfNotExistsAsync(ct);
        var entity = new TableEntity(Partition, dataset) { ["RecomputeFailure"] = reason, ["RecomputeFailedAt"] = DateTimeOffset.UtcNow };
        await Table.UpsertEntityAsync(entity, TableUpdateMode.Merge, ct);
        _recent.TryRemove(dataset, out _);
    }

    /// <summary>Moves the current-version pointer; only the pointer fields are written, so a concurrent change mark survives.</summary>
    public async Task SetCurrentVersionAsync(string dataset, string version, long scoredChangeTicks, IReadOnlyList<string> versions, CancellationToken ct)
    {
        var entity = new TableEntity(Partition, dataset)
        {
            ["CurrentVersion"] = version,
            ["ScoredAt"] = DateTimeOffset.UtcNow,
            ["ScoredChangeTicks"] = scoredChangeTicks,
            ["Versions"] = string.Join(',', versions),
            ["RecomputeFailure"] = "",
        };
        await Table.UpsertEntityAsync(entity, TableUpdateMode.Merge, ct);
        _recent.TryRemove(dataset, out _);
    }

    private static DatasetState ToState(TableEntity e) => new(
        e.RowKey,
        e.GetString("CurrentVersion"),
        e.GetDateTimeOffset("ScoredAt"),
        e.GetInt64("LastChangeTicks") ?? 0,
        e.GetInt64("ScoredChangeTicks") ?? 0,
        (e.GetString("Versions") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries),
        e.GetString("RecomputeFailure") is { Length: > 0 } failure ? failure : null,
        e.GetDateTimeOffset("RecomputeFailedAt"));
}
