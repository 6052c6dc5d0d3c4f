using Resilience.Method.Tables;
using System.Diagnostics;
using Resilience.Cli.Output;
using Resilience.Method;
using Resilience.Method.Assessment;
using Resilience.Method.Catalogs;
using Resilience.Method.Emissions;
using Resilience.Method.Ingestion;
using Resilience.Method.Sensitivity;

namespace Resilience.Cli;

/// <summary>
/// The command line: <c>score</c> computes the whole assessment offline and writes result.json, scores.csv,
/// weights.csv, yearly.csv and scores.parquet. Results go to files, a summary to stdout, progress and problems to stderr.
/// Exit codes: 0 done, 2 bad command line or input (the message names file, row and column), 1 unexpected failure.
/// </summary>
public static class CliApp
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int BadInput = 2;

    /// <summary>Reader problems printed per file; the counts still cover all of them.</summary>
    private const int ProblemsShown = 20;

    public const string Usage = """
        usage: resilience score <indicator files...> --out <dir> [options]

          <indicator files>       CSV/TSV (any encoding), .xlsx or Parquet; wide (city, year, indicators), wide one-year
                                  (year in the file name) or long (city, year, indicator, value)
          --out <dir>             where result.json, scores.csv, weights.csv, yearly.csv and scores.parquet go
          --catalog <csv>         indicator_id, dimension, direction (+/-); default: the built-in 29 indicators
          --cities <csv>          city_id, region, ...; default: the built-in 126 resource-based cities
          --emissions <csv>       city_id (or city), year, co2[, unit]: adds the carbon analysis (method.md §9)
          --emissions-unit <u>    unit of co2 where the file has no unit column: Mt (default), kt, t, 万吨, ...
          --config <json>         method options, see docs/configuration.md
          --sensitivity <runs>    alternative weightings and a Monte Carlo weight perturbation with <runs> runs
          --amplitude <a>         Monte Carlo: each weight × U(1-a, 1+a), then renormalised (default 0.2)
          --seed <n>              Monte Carlo seed (default 20240601): the same seed gives the same result
          --formats <list>        outputs to write, a subset of json,csv,parquet (default: all three)
        """;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, bool interactive = false)
    {
        if (args.Count == 0 || args[0] is "-h" or "--help" or "help")
        {
            await output.WriteLineAsync(Usage);
            return args.Count == 0 ? BadInput : Success;
        }
        try
        {
            if (args[0] != "score") throw new UsageException($"unknown command '{args[0]}'");
            return await ScoreAsync(ScoreArguments.Parse(args.Skip(1).ToList()), output, error, interactive);
        }
        catch (UsageException e)
        {
            await error.WriteLineAsync($"error: {e.Message}\n\n{Usage}");
            return BadInput;
        }
        catch (InputException e)
        {
            await error.WriteLineAsync($"error: {e.Message}");
            return BadInput;
        }
        catch (DataFileException e)
        {
            await error.WriteLineAsync($"error: {e.Message}");
            return BadInput;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            await error.WriteLineAsync($"error: {e.Message}");
            return BadInput;
        }
        catch (Exception e)
        {
            await error.WriteLineAsync($"error: unexpected failure: {e}");
            return Failure;
        }
    }

    private static async Task<int> ScoreAsync(ScoreArguments arguments, TextWriter output, TextWriter error, bool interactive)
    {
        var clock = Stopwatch.StartNew();
        var catalog = arguments.CatalogFile is { } catalogFile ? Read(catalogFile, Catalog.Parse) : Catalog.Default;
        var cities = arguments.CitiesFile is { } citiesFile ? Read(citiesFile, CityRegistry.Parse) : CityRegistry.Default;
        var options = arguments.ConfigFile is { } configFile ? AssessmentOptionsFile.Read(RequireFile(configFile), catalog) : AssessmentOptions.Default;
        var sensitivity = SensitivityOptionsOf(arguments);

        var (observations, rejectedIndicatorFiles) = await ReadIndicatorsAsync(arguments.IndicatorFiles, catalog, cities, error);
        var (emissions, emissionsRejected) = arguments.EmissionsFile is { } emissionsFile
            ? await ReadEmissionsAsync(emissionsFile, arguments.EmissionsUnit, cities, error)
            : (null, false);
        var rejected = rejectedIndicatorFiles + (emissionsRejected ? 1 : 0);
        if (rejected > 0) throw new InputException($"{rejected} input file(s) rejected; nothing was computed");
        await error.WriteLineAsync($"read {arguments.IndicatorFiles.Count} indicator file(s): {observations.Count} rows ({clock.ElapsedMilliseconds} ms)");

        AssessmentResult result;
        try
        {
            var progress = sensitivity is { MonteCarloRuns: > 0 } ? new ProgressDisplay(error, "Monte Carlo", interactive) : null;
            result = PanelAssessment.Run(catalog, cities, observations, options, emissions, sensitivity, progress);
        }
        catch (ArgumentException e)
        {
            throw new InputException(e.Message);
        }
        await error.WriteLineAsync($"assessed {result.Panel.Count} city-years × {catalog.Count} indicators ({clock.ElapsedMilliseconds} ms)");
        foreach (var warning in result.Warnings) await error.WriteLineAsync($"warning: {warning}");

        var written = await WriteOutputsAsync(result, arguments, error);
        await error.WriteLineAsync($"wrote {written.Count} files to {arguments.OutputDirectory} ({clock.ElapsedMilliseconds} ms)");
        await WriteSummaryAsync(output, result, written);
        return Success;
    }

    /// <summary>The files are parsed in parallel; rows and problems are then taken in the order the files were given.</summary>
    private static async Task<(List<ObservationRow> Rows, int Rejected)> ReadIndicatorsAsync(
        IReadOnlyList<string> files, Catalog catalog, CityRegistry cities, TextWriter error)
    {
        foreach (var path in files) RequireFile(path);
        var reads = new IndicatorFileReadResult[files.Count];
        Parallel.For(0, reads.Length, i =>
        {
            // Any format the pipeline reads: CSV/TSV in any encoding, .xlsx, Parquet (told apart by content).
            using var content = File.OpenRead(files[i]);
            reads[i] = IndicatorFileReader.Read(content, Path.GetFileName(files[i]), catalog, cities);
        });
        var rows = new List<ObservationRow>(reads.Sum(r => r.Rows.Count));
        foreach (var read in reads)
        {
            await ReportProblemsAsync(error, read.Problems, read.ErrorCount, read.WarningCount);
            rows.AddRange(read.Rows);
        }
        return (rows, reads.Count(r => !r.Accepted));
    }

    private static async Task<(IReadOnlyList<EmissionRow>? Rows, bool Rejected)> ReadEmissionsAsync(
        string path, string? unit, CityRegistry cities, TextWriter error)
    {
        using var content = File.OpenRead(RequireFile(path));
        EmissionsFileReadResult read;
        try
        {
            read = EmissionsFileReader.Read(content, Path.GetFileName(path), cities, unit);
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"--emissions-unit: {e.Message}");
        }
        await ReportProblemsAsync(error, read.Problems, read.ErrorCount, read.WarningCount);
        return (read.Rows, !read.Accepted);
    }

    private static SensitivityOptions? SensitivityOptionsOf(ScoreArguments arguments)
    {
        if (arguments.MonteCarloRuns is null)
        {
            if (arguments.Seed is not null || arguments.Amplitude is not null) throw new UsageException("--seed and --amplitude need --sensitivity <runs>");
            return null;
        }
        var defaults = new SensitivityOptions();
        var options = new SensitivityOptions
        {
            MonteCarloRuns = arguments.MonteCarloRuns.Value,
            Seed = arguments.Seed ?? defaults.Seed,
            Amplitude = arguments.Amplitude ?? defaults.Amplitude,
        };
        try
        {
            options.Validate();
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message);
        }
        return options;
    }

    /// <summary>result.json on one task, the tables (CSV, and Parquet for the scores) on another.</summary>
    private static async Task<List<string>> WriteOutputsAsync(AssessmentResult result, ScoreArguments arguments, TextWriter error)
    {
        var directory = Directory.CreateDirectory(arguments.OutputDirectory).FullName;
        async Task<string> Timed(string file, Func<string, Task> write)
        {
            var clock = Stopwatch.StartNew();
            var path = Path.Combine(directory, file);
            await write(path);
            lock (error) error.WriteLine($"  {file}: {new FileInfo(path).Length / 1e6:F1} MB ({clock.ElapsedMilliseconds} ms)");
            return path;
        }
        var formats = arguments.Formats;
        var json = formats.Contains("json") ? Task.Run(() => Timed("result.json", path => ResultJson.WriteAsync(result, path))) : null;
        var tables = Task.Run(async () =>
        {
            var paths = new List<string>();
            if (formats.Contains("csv"))
                foreach (var table in new[] { ResultTables.Scores(result), ResultTables.Weights(result), ResultTables.Yearly(result) })
                    paths.Add(await Timed(table.Name + ".csv", async path => { await using var file = File.Create(path); await TableWriters.WriteCsvAsync(table, file); }));
            if (formats.Contains("parquet"))
                paths.Add(await Timed("scores.parquet", async path => { await using var file = File.Create(path); await TableWriters.WriteParquetAsync(ResultTables.Scores(result), file); }));
            return paths;
        });
        return [.. json is null ? [] : new[] { await json }, .. await tables];
    }

    private static async Task WriteSummaryAsync(TextWriter output, AssessmentResult result, List<string> written)
    {
        var s = result.Summary;
        await output.WriteLineAsync($"{result.Cities.Count} cities, {s.FirstYear}–{s.LastYear}, {result.Panel.Count} city-years " +
            $"({result.Options.Mode}, {result.Imputed.Count} cells imputed)");
        await output.WriteLineAsync($"mean composite {s.MeanFirst:F4} → {s.MeanLast:F4} (AAGR {s.AagrMeanResilience:P2}), CV {s.CvFirst:F3} → {s.CvLast:F3}");
        if (s.Co2MeanFirst is { } co2First && s.Co2MeanLast is { } co2Last)
            await output.WriteLineAsync($"mean CO2 {co2First:F2} → {co2Last:F2} Mt (AAGR {s.AagrMeanCo2:P2})");
        if (result.Sensitivity?.MonteCarlo is { } mc)
            await output.WriteLineAsync($"Monte Carlo {mc.Runs} runs (a = {mc.Amplitude}, seed {mc.Seed}): mean Spearman {mc.MeanSpearman:F4}, " +
                $"mean |rank shift| {mc.MeanAbsoluteRankShift:F3}");
        foreach (var file in written) await output.WriteLineAsync(file);
    }

    private static async Task ReportProblemsAsync(TextWriter error, IReadOnlyList<Problem> problems, int errors, int warnings)
    {
        foreach (var problem in problems.Where(p => p.Severity == Severity.Error).Take(ProblemsShown)
                     .Concat(problems.Where(p => p.Severity == Severity.Warning).Take(ProblemsShown)))
            await error.WriteLineAsync(problem.ToString());
        var hidden = Math.Max(0, errors - ProblemsShown) + Math.Max(0, warnings - ProblemsShown);
        if (hidden > 0) await error.WriteLineAsync($"... and {hidden} more");
    }

    private static T Read<T>(string path, Func<TextReader, string, T> parse)
    {
        using var reader = new StreamReader(RequireFile(path));
        return parse(reader, Path.GetFileName(path));
    }

    private static string RequireFile(string path) =>
        File.Exists(path) ? path : throw new InputException($"{path}: file not found");
}

/// <summary>An input that cannot be used (missing file, rejected data): exit code 2.</summary>
internal sealed class InputException(string message) : Exception(message);
