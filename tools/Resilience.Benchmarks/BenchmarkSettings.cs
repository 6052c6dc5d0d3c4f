using System.Globalization;

namespace Resilience.Benchmarks;

/// <summary>Command-line options of the benchmark; see README.md.</summary>
internal sealed record BenchmarkSettings(
    int Cities, int Years, int Indicators, double MissingShare, int Runs, string WorkDirectory, string Python, bool SkipSideBySide,
    string? MemoryProbe, bool Ingestion, string? IngestionDirectory, string? Azurite, string? ProbeFile)
{
    public static BenchmarkSettings Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        int Integer(string name, int fallback) => Value(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        return new BenchmarkSettings(
            Integer("--cities", 3000), Integer("--years", 20), Integer("--indicators", 50),
            Value("--missing") is { } m ? double.Parse(m, CultureInfo.InvariantCulture) : 0.002,
            Integer("--runs", 1000),
            Value("--work") ?? Path.Combine(Path.GetTempPath(), "resilience-benchmark"),
            Value("--python") ?? "/usr/bin/python3",
            args.Contains("--skip-side-by-side"),
            Value("--memory-probe"),
            args.Contains("--ingestion"), Value("--ingestion-dir"), Value("--azurite"),
            Value("--probe-file"));
    }
}
