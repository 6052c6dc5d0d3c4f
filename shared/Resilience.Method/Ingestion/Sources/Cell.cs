using System.Globalization;

namespace Resilience.Method.Ingestion.Sources;

/// <summary>
/// One cell of a table as the file holds it: a number (spreadsheet and Parquet numeric cells) or text (everything in
/// a CSV, text cells of a workbook). Text is interpreted later, with the file's number conventions.
/// </summary>
public readonly record struct Cell(string? Text, double? Number)
{
    public static readonly Cell Empty = new(null, null);

    public static Cell Of(string? text) => text is null ? Empty : new Cell(text, null);

    public static Cell Of(double number) => new(null, number);

    public bool IsEmpty => Number is null && string.IsNullOrWhiteSpace(Text);

    /// <summary>The cell as text (numbers in the invariant culture), trimmed of every kind of white space.</summary>
    public string Display => Number is { } n ? n.ToString("R", CultureInfo.InvariantCulture) : (Text ?? "").Trim();
}

/// <summary>One row of a table, with its 1-based row number in the file or sheet.</summary>
public sealed record TabularRow(long Row, Cell[] Cells)
{
    public Cell this[int column] => column >= 0 && column < Cells.Length ? Cells[column] : Cell.Empty;

    public bool IsBlank => Cells.All(c => c.IsEmpty);
}

/// <summary>A file seen as one or more sheets of rows.</summary>
public interface ITabularSource : IDisposable
{
    /// <summary>What the file was read as, for the report, e.g. "CSV, UTF-8 with BOM, delimiter ';', decimal comma".</summary>
    string Description { get; }

    /// <summary>How text cells write numbers in this file.</summary>
    NumberConventions Numbers { get; }

    /// <summary>
    /// True where every row should be as wide as the header (delimited text: an extra field means a separator inside
    /// an unquoted value); false where cells beside the table are notes (workbooks).
    /// </summary>
    bool FixedWidthRows => false;

    /// <summary>Sheet names; one null entry for formats without sheets.</summary>
    IReadOnlyList<string?> Sheets { get; }

    /// <summary>Whether a sheet is hidden in the workbook (a backup or lookup sheet rather than the data).</summary>
    bool IsHidden(int sheet) => false;

    /// <summary>
    /// The rows of a sheet. The first <see cref="ReadOptions.MaxHeaderSearchRows"/> rows are the consumer's to keep;
    /// later rows may share one cell buffer, so a consumer reads each before asking for the next. Sources over a forward-only stream (CSV, Parquet) can be enumerated once;
    /// workbooks can enumerate a sheet again.
    /// </summary>
    IEnumerable<TabularRow> Rows(int sheet);
}
