namespace Resilience.Storage;

/// <summary>Names of the storage resources the pipeline uses; the same names locally and in Azure.</summary>
public sealed class StorageOptions
{
    public const string ConnectionSetting = "AzureWebJobsStorage";

    public string IndicatorsContainer { get; set; } = "indicators";
    public string EmissionsContainer { get; set; } = "emissions";
    public string LocksContainer { get; set; } = "resilience-locks";
    public string ReportsContainer { get; set; } = "reports";
    /// <summary>The last accepted catalog.csv, cities.csv and config.json of each dataset, in force while a newer upload is invalid.</summary>
    public string AcceptedMetadataContainer { get; set; } = "accepted-metadata";
    public string RecomputeQueue { get; set; } = RecomputeQueueName;
    public string DatasetsTable { get; set; } = "Datasets";
    public string IngestionsTable { get; set; } = "Ingestions";
    public string ObservationsTable { get; set; } = "Observations";
    public string ResultsTable { get; set; } = "Results";

    /// <summary>Largest input file accepted, in bytes (default 1 GiB).</summary>
    public long MaxFileBytes { get; set; } = 1L << 30;

    /// <summary>Monte Carlo runs of the sensitivity analysis in every recomputation (0: alternative weightings only).</summary>
    public int SensitivityRuns { get; set; } = 200;

    /// <summary>Result versions kept per dataset; older ones are deleted after a recomputation.</summary>
    public int VersionsKept { get; set; } = 3;

    /// <summary>The queue name is a constant because the queue trigger attribute needs it at compile time.</summary>
    public const string RecomputeQueueName = "recompute-requests";
}
