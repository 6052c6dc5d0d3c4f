namespace Resilience.Method.Ingestion;

/// <summary>
/// Collects the problems found in one input file. Keeps at most <paramref name="maxKept"/> problems per severity;
/// the counts still cover all of them.
/// </summary>
internal sealed class ProblemList(string fileName, int maxKept = ProblemList.DefaultMaxKept)
{
    public const int DefaultMaxKept = 500;

    private readonly List<Problem> _kept = [];
    private int _keptErrors, _keptWarnings;

    public int ErrorCount { get; private set; }
    public int WarningCount { get; private set; }
    public IReadOnlyList<Problem> Kept => _kept;

    /// <summary>The workbook sheet being read, named in every problem found meanwhile.</summary>
    public string? Sheet { get; set; }

    public void Error(long row, string? column, string? value, string rule, string message)
    {
        ErrorCount++;
        if (_keptErrors++ < maxKept) _kept.Add(new Problem(Severity.Error, fileName, row, column, Clip(value), rule, message, Sheet));
    }

    public void Warning(long row, string? column, string? value, string rule, string message)
    {
        WarningCount++;
        if (_keptWarnings++ < maxKept) _kept.Add(new Problem(Severity.Warning, fileName, row, column, Clip(value), rule, message, Sheet));
    }

    /// <summary>Values are quoted in reports, not copied whole: a 50,000-character cell would drown the report.</summary>
    private static string? Clip(string? value) => value is { Length: > 200 } ? value[..200] + "…" : value;
}
