namespace Resilience.Method.Ingestion;

/// <summary>Limits and hooks of one file read. The limits can be set per dataset (config.json, "ingestion").</summary>
public sealed record ReadOptions
{
    /// <summary>Largest <see cref="HeaderSearchRows"/>; sources hand out rows of their own up to this many.</summary>
    public const int MaxHeaderSearchRows = 1000;

    /// <summary>Rows searched for the header (title rows above it are skipped).</summary>
    public int HeaderSearchRows { get; init; } = 30;

    /// <summary>Problems kept per severity in the result and the report (the counts cover all).</summary>
    public int MaxProblemsKept { get; init; } = ProblemList.DefaultMaxKept;

    /// <summary>Reading stops after this many errors: the file is rejected anyway.</summary>
    public int MaxErrors { get; init; } = 10_000;

    /// <summary>
    /// Receives each observation as soon as it is read while the file has no error yet (streaming ingestion);
    /// when null, observations are collected in <see cref="IndicatorFileReadResult.Rows"/>.
    /// </summary>
    public Action<ObservationRow>? OnRow { get; init; }

    /// <summary>
    /// Converts a unit written in the file (header "(Mt)", sheet name "Unit (Million tons)", a unit column) to a factor
    /// onto the stored unit; null when values are stored as written (indicators).
    /// </summary>
    public Func<string, double?>? UnitFactor { get; init; }

    /// <summary>Factor for values whose unit the file does not state (with <see cref="UnitFactor"/>).</summary>
    public double DefaultFactor { get; init; } = 1;

    /// <summary>Negative values are errors (emissions), not plausibility warnings.</summary>
    public bool NegativeIsError { get; init; }

    /// <summary>These options with the limits a dataset sets in its config.json.</summary>
    public ReadOptions WithLimits(Assessment.AssessmentOptions limits) => this with
    {
        HeaderSearchRows = limits.HeaderSearchRows,
        MaxErrors = limits.MaxErrors,
        MaxProblemsKept = limits.MaxProblemsKept,
    };
}

/// <summary>Thrown when the <see cref="ReadOptions.OnRow"/> receiver fails (e.g. storage): not a problem of the file.</summary>
public sealed class RowReceiverException(Exception inner) : Exception("The receiver of the observations failed: " + inner.Message, inner);

/// <summary>How a file was read, for its report.</summary>
public sealed record ReadSummary
{
    public string Format { get; init; } = "";
    public string? Sheet { get; init; }
    public IReadOnlyList<string> IgnoredSheets { get; init; } = [];
    public long? HeaderRow { get; init; }
    public string? Layout { get; init; }
    public IReadOnlyList<ColumnUse> Columns { get; init; } = [];
    public long DataRows { get; init; }
    public long SkippedRows { get; init; }
    public int Observations { get; init; }
    public IReadOnlyList<int> Years { get; init; } = [];
    public int CitiesMatched { get; init; }
    public IReadOnlyList<UnmatchedCity> UnmatchedCities { get; init; } = [];
}

/// <summary>A city name the registry does not know, how often it occurs, and the closest registered cities.</summary>
public sealed record UnmatchedCity(string Name, long FirstRow, int Rows, IReadOnlyList<string> Candidates);
