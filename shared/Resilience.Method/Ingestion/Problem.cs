namespace Resilience.Method.Ingestion;

public enum Severity { Warning, Error }

/// <summary>One finding about an input file: where it is (file, row, column, value) and which rule it breaks.</summary>
public sealed record Problem(Severity Severity, string File, long Row, string? Column, string? Value, string Rule, string Message)
{
    public override string ToString() =>
        $"{Severity.ToString().ToLowerInvariant()}: {File}, row {Row}{(Column is null ? "" : $", column '{Column}'")}" +
        $"{(Value is null ? "" : $", value '{Value}'")}: {Message} [{Rule}]";
}
