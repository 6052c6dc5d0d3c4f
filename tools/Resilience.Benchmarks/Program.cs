using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using Resilience.Benchmarks;
using Resilience.Method.Assessment;
using Resilience.Method.Sensitivity;

// Benchmark of the method library and the CLI; see README.md beside this file.
var settings = BenchmarkSettings.Parse(args);
if (settings.MemoryProbe is { } probe)
{
    if (probe == "ingest")
    {
        // Child process of the ingestion mode: read a large CSV through our reader, print the peak working set and more.
        Console.WriteLine(IngestionBenchmark.MemoryProbe(settings));
        return;
    }
    // Child process: generate the panel, optionally recompute once, print the peak working set in bytes.
    var probed = SyntheticPanel.Generate(settings.Cities, settings.Years, settings.Indicators, settings.MissingShare, seed: 2024);
    if (probe == "recompute")
        GC.KeepAlive(PanelAssessment.Run(probed.Catalog, probed.Cities, probed.Observations, emissions: probed.Emissions,
            sensitivity: new SensitivityOptions { MonteCarloRuns = 0 }));
    Console.WriteLine(Process.GetCurrentProcess().PeakWorkingSet64);
    return;
}

var report = new Report();
report.Line($"machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}, " +
    $"{(GCSettings.IsServerGC ? "server" : "workstation")} {(GCSettings.LatencyMode == GCLatencyMode.Batch ? "non-concurrent" : "concurrent")} GC; " +
    $"load average at start {LoadAverage()}");
if (settings.Ingestion)
{
    // A separate mode: parse throughput on a wide file (DuckDB and our reader) and table writes; see README.md.
    await IngestionBenchmark.RunAsync(settings, report);
    report.Line($"load average at the end {LoadAverage()}");
    report.Print();
    return;
}

var clock = Stopwatch.StartNew();
var panel = SyntheticPanel.Generate(settings.Cities, settings.Years, settings.Indicators, settings.MissingShare, seed: 2024);
report.Line($"panel: {settings.Cities} cities × {settings.Years} years × {settings.Indicators} indicators = " +
    $"{panel.Observations.Count:N0} city-years, {panel.Observations.Sum(o => o.Values.Count(v => v is null)):N0} empty cells " +
    $"(generated in {clock.ElapsedMilliseconds} ms)");

// 1. Full recomputation (imputation, weights, scores, TOPSIS, CCD, obstacles, statistics, emissions, equal/CRITIC
//    weightings; no Monte Carlo) on one core.
var noMonteCarlo = new SensitivityOptions { MonteCarloRuns = 0 };
AssessmentResult Recompute() => PanelAssessment.Run(panel.Catalog, panel.Cities, panel.Observations, emissions: panel.Emissions, sensitivity: noMonteCarlo);
using (OneCore.Pin())
{
    var cold = Measure.Time(Recompute);
    var warm = Enumerable.Range(0, 5).Select(_ => Measure.Time(Recompute)).ToList();
    var best = warm.Min(w => w.Elapsed);
    var median = warm.Select(w => w.Elapsed).Order().ElementAt(warm.Count / 2);
    report.Line($"full recomputation, 1 core: first run {cold.Elapsed.TotalMilliseconds:F0} ms (JIT included); warm median " +
        $"{median.TotalMilliseconds:F0} ms, best {best.TotalMilliseconds:F0} ms (runs: " +
        $"{string.Join(", ", warm.Select(w => w.Elapsed.TotalMilliseconds.ToString("F0", CultureInfo.InvariantCulture)))} ms); " +
        $"target < 1000 ms: {(median.TotalMilliseconds < 1000 ? "met" : "MISSED")}");
    report.Line($"memory: {Measure.Allocated(Recompute) / 1e6:F0} MB allocated by one recomputation");
}
var self = Path.Combine(AppContext.BaseDirectory, "Resilience.Benchmarks.dll");
string[] size = ["--cities", $"{settings.Cities}", "--years", $"{settings.Years}", "--indicators", $"{settings.Indicators}"];
var generationPeak = long.Parse(ExternalRun.Start("dotnet", [self, "--memory-probe", "generate", .. size]).Output, CultureInfo.InvariantCulture);
var recomputePeak = long.Parse(ExternalRun.Start("dotnet", [self, "--memory-probe", "recompute", .. size]).Output, CultureInfo.InvariantCulture);
report.Line($"memory: peak working set of a fresh process that generates the panel and recomputes once {recomputePeak / 1e6:F0} MB " +
    $"(generating the panel alone: {generationPeak / 1e6:F0} MB); target < 500 MB: {(recomputePeak < 500e6 ? "met" : "MISSED")}");

// 2. Monte Carlo on the same panel, every core.
var monteCarlo = new SensitivityOptions { MonteCarloRuns = settings.Runs };
var mc = Measure.Time(() => PanelAssessment.Run(panel.Catalog, panel.Cities, panel.Observations, sensitivity: monteCarlo,
    progress: new ConsoleProgress("Monte Carlo")));
var summary = mc.Result.Sensitivity!.MonteCarlo!;
report.Line($"Monte Carlo, {settings.Runs} runs on {Environment.ProcessorCount} cores: {mc.Elapsed.TotalSeconds:F1} s " +
    $"(mean Spearman {summary.MeanSpearman:F4}, mean |rank shift| {summary.MeanAbsoluteRankShift:F2}); target < 30 s: {(mc.Elapsed.TotalSeconds < 30 ? "met" : "MISSED")}");
mc = default;
GC.Collect();

// 3. The CLI against the pandas/numpy reference on the same CSV files: like for like (the three CSV files both write),
//    then the CLI with all its outputs (result.json and scores.parquet too).
if (!settings.SkipSideBySide)
{
    var work = settings.WorkDirectory;
    var input = Path.Combine(work, "input");
    clock.Restart();
    var files = panel.WriteCsv(input);
    report.Line($"wrote the panel as {files.Count} CSV files to {input} ({clock.ElapsedMilliseconds} ms)");
    string[] common = [.. files, "--catalog", Path.Combine(input, "catalog.csv"), "--cities", Path.Combine(input, "cities.csv"),
        "--emissions", Path.Combine(input, "emissions.csv")];
    var here = AppContext.BaseDirectory;
    var cli = ExternalRun.Start("dotnet", [Path.Combine(here, "Resilience.Cli.dll"), "score", .. common, "--formats", "csv", "--out", Path.Combine(work, "cli")]);
    var python = ExternalRun.Start(settings.Python, [Path.Combine(here, "reference.py"), "score", .. common, "--out", Path.Combine(work, "python")]);
    var cliAll = ExternalRun.Start("dotnet", [Path.Combine(here, "Resilience.Cli.dll"), "score", .. common, "--out", Path.Combine(work, "cli-all")]);
    report.Line($"CLI (C#), CSV outputs: {cli.Elapsed.TotalSeconds:F2} s wall, exit {cli.ExitCode}; {cli.Phases}");
    report.Line($"reference.py (pandas {PythonVersion(settings.Python)}), CSV outputs: {python.Elapsed.TotalSeconds:F2} s wall, exit {python.ExitCode}; {python.Phases}");
    report.Line($"CLI (C#), all outputs: {cliAll.Elapsed.TotalSeconds:F2} s wall, exit {cliAll.ExitCode}; {cliAll.Phases}");
    if (cli.ExitCode == 0 && python.ExitCode == 0)
    {
        report.Line($"ratio reference.py / CLI (CSV outputs, wall time): {python.Elapsed / cli.Elapsed:F2}");
        var agreement = Agreement.Compare(Path.Combine(work, "cli"), Path.Combine(work, "python"));
        report.Line(agreement.Describe());
        if (!agreement.WeightsAgree) Environment.ExitCode = 1;
    }
    else
    {
        report.Line("CLI:\n" + cli.Error + "\nreference.py:\n" + python.Error);
        Environment.ExitCode = 1;
    }
}
report.Line($"load average at the end {LoadAverage()}");
report.Print();

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

static string PythonVersion(string python)
{
    var run = ExternalRun.Start(python, ["-c", "import pandas, numpy; print(pandas.__version__, '/ numpy', numpy.__version__)"]);
    return run.ExitCode == 0 ? run.Output.Trim() : "not found";
}
