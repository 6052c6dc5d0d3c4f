using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Resilience.Storage;

/// <summary>
/// Custom metrics of the pipeline (System.Diagnostics.Metrics): exported to Application Insights by the function
/// app's OpenTelemetry set-up, readable locally with <c>dotnet-counters monitor --counters Resilience.Pipeline</c>.
/// </summary>
public static class PipelineMetrics
{
    public const string MeterName = "Resilience.Pipeline";
    private static readonly Meter Meter = new(MeterName);

    private static readonly Histogram<double> IngestionDuration =
        Meter.CreateHistogram<double>("resilience.ingestion.duration", "ms", "Time to validate and store one input file");
    private static readonly Histogram<long> IngestionRows =
        Meter.CreateHistogram<long>("resilience.ingestion.rows", "{row}", "Rows of one input file");
    private static readonly Histogram<double> RecomputeDuration =
        Meter.CreateHistogram<double>("resilience.recompute.duration", "ms", "Time of one dataset recomputation");
    private static readonly Histogram<long> RecomputeRows =
        Meter.CreateHistogram<long>("resilience.recompute.rows", "{city-year}", "City-years of one recomputation");

    public static void Ingested(string dataset, string status, double milliseconds, long rows)
    {
        var tags = new TagList { { "dataset", dataset }, { "status", status } };
        IngestionDuration.Record(milliseconds, tags);
        IngestionRows.Record(rows, tags);
    }

    public static void Recomputed(string dataset, double milliseconds, long rows)
    {
        var tags = new TagList { { "dataset", dataset } };
        RecomputeDuration.Record(milliseconds, tags);
        RecomputeRows.Record(rows, tags);
    }
}
