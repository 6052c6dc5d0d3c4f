namespace Resilience.Method;

/// <summary>A data file (catalog, cities, indicators) that cannot be used as it is.</summary>
public sealed class DataFileException(string fileName, long row, string? column, string reason)
    : Exception($"{fileName}: row {row}{(column is null ? "" : $", column '{column}'")}: {reason}")
{
    public string FileName { get; } = fileName;
    public long Row { get; } = row;
    public string? Column { get; } = column;
    public string Reason { get; } = reason;
}
