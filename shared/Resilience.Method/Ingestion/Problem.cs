namespace Resilience.Method.Ingestion;

public enum Severity { Warning, Error }

/// <summary>
/// One finding about an input file: where it is (file, sheet of a workbook, row, column, value) and which rule it breaks.
/// Row 0 means the file as a whole.
/// </summary>
public sealed record Problem(
    Severity Severity, string File, long Row, string? Column, string? Value, string Rule, string Message, string? Sheet = null)
{
    public override string ToString() =>
        $"{Severity.ToString().ToLowerInvariant()}: {File}{(Sheet is null ? "" : $", sheet '{Sheet}'")}, row {Row}" +
        $"{(Column is null ? "" : $", column '{Column}'")}{(Value is null ? "" : $", value '{Value}'")}: {Message} [{Rule}]";
}
