namespace Resilience.Method.Ingestion;

/// <summary>
/// Collects the problems found in one input file. Keeps at most <see cref="MaxKept"/> problems per severity;
/// the counts still cover all of them.
/// </summary>
internal sealed class ProblemList(string fileName)
{
    public const int MaxKept = 500;

    private readonly List<Problem> _kept = [];
    private int _keptErrors, _keptWarnings;

    public int ErrorCount { get; private set; }
    public int WarningCount { get; private set; }
    public IReadOnlyList<Problem> Kept => _kept;

    public void Error(long row, string? column, string? value, string rule, string message)
    {
        ErrorCount++;
        if (_keptErrors++ < MaxKept) _kept.Add(new Problem(Severity.Error, fileName, row, column, value, rule, message));
    }

    public void Warning(long row, string? column, string? value, string rule, string message)
    {
        WarningCount++;
        if (_keptWarnings++ < MaxKept) _kept.Add(new Problem(Severity.Warning, fileName, row, column, value, rule, message));
    }
}
