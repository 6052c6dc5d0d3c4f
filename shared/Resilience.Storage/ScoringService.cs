using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Resilience.Method;
using Resilience.Method.Assessment;
using Resilience.Method.Ingestion;
using Resilience.Method.Sensitivity;

namespace Resilience.Storage;

public enum RecomputeStatus { Completed, UpToDate, Busy, NotFound, NoData, Failed }

public sealed record RecomputeOutcome(RecomputeStatus Status, string Dataset, string? Version = null, int Rows = 0, double Milliseconds = 0, string? Message = null);

/// <summary>
/// Recomputes a whole dataset: reads every accepted file's observations, runs the assessment, writes a new
/// result version and only then moves the dataset's current-version pointer. A blob lease per dataset makes
/// sure two recomputations of one dataset never run at once.
/// </summary>
public sealed class ScoringService(
    BlobLocks locks,
    DatasetMetadataLoader metadataLoader,
    DatasetStore datasets,
    IngestionStore ingestions,
    ObservationStore observations,
    ResultStore results,
    RecomputeRequests recompute,
    StorageOptions options,
    ILogger<ScoringService> logger)
{
    private static readonly TimeSpan BusyRetryDelay = TimeSpan.FromSeconds(3);

    /// <summary>Handles a queued request: skipped when a finished recomputation already covers it, re-queued when one is running.</summary>
    public async Task<RecomputeOutcome> HandleRequestAsync(string dataset, CancellationToken ct)
    {
        var state = await datasets.GetAsync(dataset, ct);
        if (state is null) return new RecomputeOutcome(RecomputeStatus.NotFound, dataset, Message: "no such dataset");
        if (state.IsUpToDate)
        {
            logger.LogInformation("Recompute request for {Dataset} skipped: version {Version} already covers its inputs", dataset, state.CurrentVersion);
            return new RecomputeOutcome(RecomputeStatus.UpToDate, dataset, state.CurrentVersion);
        }
        var outcome = await RecomputeAsync(dataset, ct);
        if (outcome.Status == RecomputeStatus.Busy) await recompute.EnqueueAsync(dataset, BusyRetryDelay, ct);
        return outcome;
    }

    /// <summary>Recomputes all datasets (the yearly run).</summary>
    public async Task<IReadOnlyList<RecomputeOutcome>> RecomputeAllAsync(CancellationToken ct)
    {
        var outcomes = new List<RecomputeOutcome>();
        foreach (var dataset in await datasets.ListAsync(ct))
            outcomes.Add(await RecomputeAsync(dataset.Name, ct));
        return outcomes;
    }

    public async Task<RecomputeOutcome> RecomputeAsync(string dataset, CancellationToken ct)
    {
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["dataset"] = dataset });
        if (!DatasetName.IsValid(dataset)) return new RecomputeOutcome(RecomputeStatus.NotFound, dataset, Message: "invalid dataset name");
        await using var held = await locks.TryAcquireAsync("recompute/" + dataset, ct);
        if (held is null)
        {
            logger.LogInformation("Recomputation of {Dataset} already running elsewhere", dataset);
            return new RecomputeOutcome(RecomputeStatus.Busy, dataset, Message: "a recomputation of this dataset is running");
        }
        RecomputeOutcome outcome;
        try
        {
            outcome = await RecomputeUnderLeaseAsync(dataset, ct);
        }
        catch (Exception e) when (e is not (Azure.RequestFailedException or OperationCanceledException))
        {
            // A fault of ours, not of storage: retrying will not help, so say it where the dataset is served.
            await datasets.MarkRecomputeFailedAsync(dataset, $"the recomputation failed: {e.Message}", ct);
            throw;
        }
        if (outcome.Status == RecomputeStatus.Failed) await datasets.MarkRecomputeFailedAsync(dataset, outcome.Message ?? "failed", ct);
        return outcome;
    }

    private async Task<RecomputeOutcome> RecomputeUnderLeaseAsync(string dataset, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var state = await datasets.GetAsync(dataset, ct);
        if (state is null) return new RecomputeOutcome(RecomputeStatus.NotFound, dataset, Message: "no such dataset");
        var changeTicks = state.LastChangeTicks;

        var metadata = await metadataLoader.LoadAsync(dataset, ct);

        var inputs = (await ingestions.ListAsync(dataset, ct)).Where(r => r.ActivePartition is not null).ToList();
        var used = new List<ResultInput>();
        var conflicts = new List<string>();
        // In ingestion order: a later file's values win for the same city-year and indicator.
        async Task<List<ObservationRow>> ReadAllAsync(InputKind kind, Method.Catalogs.Catalog catalog)
        {
            var files = new List<(string File, IReadOnlyList<ObservationRow> Rows)>();
            foreach (var input in inputs.Where(r => r.Kind == kind))
            {
                var fileRows = await observations.ReadAsync(input.ActivePartition!, catalog, ct);
                files.Add((input.BlobName, fileRows));
                used.Add(new ResultInput(input.BlobName, input.ActiveContentHash ?? "", fileRows.Count));
            }
            if (ConflictingValues.Describe(catalog, files) is { } conflict) conflicts.Add(conflict);
            return files.SelectMany(f => f.Rows).ToList();
        }
        var rows = await ReadAllAsync(InputKind.Indicators, metadata.Catalog);
        if (rows.Count == 0) return new RecomputeOutcome(RecomputeStatus.NoData, dataset, state.CurrentVersion, Message: "no accepted indicator file");
        var emissions = await ReadAllAsync(InputKind.Emissions, EmissionObservations.Catalog);

        AssessmentResult result;
        try
        {
            result = PanelAssessment.Run(metadata.Catalog, metadata.Cities, rows, metadata.Options,
                emissions.Count == 0 ? null : EmissionObservations.ToEmissions(emissions),
                new SensitivityOptions { MonteCarloRuns = options.SensitivityRuns });
        }
        catch (ArgumentException e)
        {
            // The data and the configuration do not fit together (e.g. a T-weight list for another number of dimensions).
            logger.LogError("Recomputation of {Dataset} impossible: {Reason}", dataset, e.Message);
            return new RecomputeOutcome(RecomputeStatus.Failed, dataset, state.CurrentVersion, Message: e.Message);
        }
        var version = ResultStore.NewVersion();
        var cities = result.Cities.Select(id => metadata.Cities.Find(id) ?? new Method.Catalogs.CityInfo(id, Method.Catalogs.CityRegistry.UnknownRegion)).ToList();
        var manifest = new ResultManifest(dataset, version, DateTimeOffset.UtcNow, result.Options, result.Years, result.Dimensions,
            cities, metadata.Catalog.Indicators, result.Summary, result.Imputed.Count, [.. conflicts, .. result.Warnings], used);
        await results.WriteAsync(manifest, result, ct);

        // The switch: readers move to the new version only now that it is complete.
        var kept = new[] { version }.Concat(state.Versions.Where(v => v != version)).Take(Math.Max(1, options.VersionsKept)).ToList();
        await datasets.SetCurrentVersionAsync(dataset, version, changeTicks, kept, ct);
        foreach (var old in state.Versions.Except(kept)) await results.DeleteVersionAsync(dataset, old, ct);

        var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        PipelineMetrics.Recomputed(dataset, ms, result.Panel.Count);
        using var versionScope = logger.BeginScope(new Dictionary<string, object> { ["version"] = version });
        logger.LogInformation("Recomputed {Dataset}: version {Version}, {Rows} city-years from {Files} files in {Ms:F0} ms",
            dataset, version, result.Panel.Count, used.Count, ms);
        return new RecomputeOutcome(RecomputeStatus.Completed, dataset, version, result.Panel.Count, ms);
    }
}
