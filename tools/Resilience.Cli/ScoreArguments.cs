using System.Globalization;

namespace Resilience.Cli;

/// <summary>The arguments of <c>score</c>; see <see cref="CliApp.Usage"/>.</summary>
internal sealed record ScoreArguments
{
    public required IReadOnlyList<string> IndicatorFiles { get; init; }
    public required string OutputDirectory { get; init; }
    public string? CatalogFile { get; init; }
    public string? CitiesFile { get; init; }
    public string? EmissionsFile { get; init; }
    public string? EmissionsUnit { get; init; }
    public string? ConfigFile { get; init; }
    public int? MonteCarloRuns { get; init; }
    public ulong? Seed { get; init; }
    public double? Amplitude { get; init; }

    /// <summary>Which outputs to write: any of json, csv, parquet.</summary>
    public IReadOnlySet<string> Formats { get; init; } = AllFormats;

    public static readonly IReadOnlySet<string> AllFormats = new HashSet<string>(["json", "csv", "parquet"], StringComparer.Ordinal);

    /// <exception cref="UsageException">Unknown option, missing value, bad number, no indicator file or no --out.</exception>
    public static ScoreArguments Parse(IReadOnlyList<string> args)
    {
        var files = new List<string>();
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        string[] known = ["--catalog", "--cities", "--emissions", "--emissions-unit", "--config", "--sensitivity", "--seed", "--amplitude", "--out", "--formats"];
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                files.Add(arg);
                continue;
            }
            if (!known.Contains(arg)) throw new UsageException($"unknown option '{arg}'");
            if (i + 1 >= args.Count) throw new UsageException($"{arg} needs a value");
            if (!values.TryAdd(arg, args[++i])) throw new UsageException($"{arg} is given twice");
        }
        if (files.Count == 0) throw new UsageException("give at least one indicator file");
        if (!values.TryGetValue("--out", out var output)) throw new UsageException("--out <dir> is required");
        var formats = values.TryGetValue("--formats", out var list)
            ? list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal)
            : AllFormats;
        if (formats.Count == 0 || !formats.IsSubsetOf(AllFormats))
            throw new UsageException($"--formats: '{list}' is not a comma-separated subset of json, csv, parquet");
        return new ScoreArguments
        {
            IndicatorFiles = files,
            OutputDirectory = output,
            CatalogFile = values.GetValueOrDefault("--catalog"),
            CitiesFile = values.GetValueOrDefault("--cities"),
            EmissionsFile = values.GetValueOrDefault("--emissions"),
            EmissionsUnit = values.GetValueOrDefault("--emissions-unit"),
            ConfigFile = values.GetValueOrDefault("--config"),
            MonteCarloRuns = Number<int>(values, "--sensitivity"),
            Seed = Number<ulong>(values, "--seed"),
            Amplitude = Number<double>(values, "--amplitude"),
            Formats = formats,
        };
    }

    private static T? Number<T>(Dictionary<string, string> values, string option) where T : struct, IParsable<T>
    {
        if (!values.TryGetValue(option, out var text)) return null;
        return T.TryParse(text, CultureInfo.InvariantCulture, out var value) ? value : throw new UsageException($"{option}: '{text}' is not a valid number");
    }
}

/// <summary>The command line itself is wrong: exit code 2 with the usage text.</summary>
internal sealed class UsageException(string message) : Exception(message);
