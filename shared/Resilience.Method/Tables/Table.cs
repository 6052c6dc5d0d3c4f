namespace Resilience.Method.Tables;

/// <summary>A column of a flat output table (command-line outputs, API downloads); one typed array per column, the same for CSV and Parquet.</summary>
public abstract record TableColumn(string Name)
{
    public abstract int Length { get; }
}

public sealed record TextColumn(string Name, string?[] Values) : TableColumn(Name)
{
    public override int Length => Values.Length;
}

public sealed record IntegerColumn(string Name, int[] Values) : TableColumn(Name)
{
    public override int Length => Values.Length;
}

/// <summary>Numbers; null = not defined (e.g. a growth rate in the first year).</summary>
public sealed record NumberColumn(string Name, double?[] Values) : TableColumn(Name)
{
    public override int Length => Values.Length;
}

public sealed record Table(string Name, IReadOnlyList<TableColumn> Columns)
{
    public int RowCount => Columns.Count == 0 ? 0 : Columns[0].Length;
}
