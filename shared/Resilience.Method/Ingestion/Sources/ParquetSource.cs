using System.Globalization;
using Parquet;
using Parquet.Schema;

namespace Resilience.Method.Ingestion.Sources;

/// <summary>
/// A Parquet file read with Parquet.Net, one row group at a time (pandas/pyarrow, DuckDB, Spark and Parquet.Net
/// files: nullable or required columns, dictionary-encoded strings, any number of row groups). Only top-level
/// columns of plain values take part; nested columns are listed in <see cref="SkippedColumns"/>.
/// </summary>
internal sealed class ParquetSource : ITabularSource
{
    private readonly ParquetReader _reader;
    private readonly DataField[] _fields;
    private bool _started;

    public ParquetSource(Stream seekable)
    {
        _reader = ParquetReader.CreateAsync(seekable, leaveStreamOpen: true).GetAwaiter().GetResult();
        var all = _reader.Schema.GetDataFields();
        _fields = all.Where(f => f.Path.Length == 1 && !f.IsArray).ToArray();
        SkippedColumns = all.Where(f => !(f.Path.Length == 1 && !f.IsArray)).Select(f => f.Path.ToString()).ToList();
        Description = $"Parquet file, {_reader.RowGroupCount} row group{(_reader.RowGroupCount == 1 ? "" : "s")}";
    }

    public string Description { get; }
    public NumberConventions Numbers => NumberConventions.Invariant;
    public IReadOnlyList<string?> Sheets { get; } = [null];

    /// <summary>Nested (struct, list, map) columns, which are not read.</summary>
    public IReadOnlyList<string> SkippedColumns { get; }

    /// <summary>The header row (column names), then one row per record; row 1 is the header.</summary>
    public IEnumerable<TabularRow> Rows(int sheet)
    {
        if (_started) throw new InvalidOperationException("Parquet rows can be read once.");
        _started = true;
        yield return new TabularRow(1, _fields.Select(f => Cell.Of(f.Name)).ToArray());
        long row = 1;
        for (var g = 0; g < _reader.RowGroupCount; g++)
        {
            using var group = _reader.OpenRowGroupReader(g);
            var count = checked((int)group.RowCount);
            var columns = _fields.Select(f => ReadColumn(group, f, count)).ToArray();
            for (var r = 0; r < count; r++)
            {
                var cells = new Cell[columns.Length];
                for (var c = 0; c < columns.Length; c++) cells[c] = columns[c](r);
                yield return new TabularRow(++row, cells);
            }
        }
    }

    /// <summary>Reads one column chunk; returns the cell at a row index.</summary>
    private static Func<int, Cell> ReadColumn(ParquetRowGroupReader group, DataField field, int count)
    {
        try
        {
            return ReadColumnValues(group, field, count);
        }
        catch (Exception e) when (!e.Message.StartsWith("column '", StringComparison.Ordinal))
        {
            // E.g. an encoding this library does not decode for the column's type (DuckDB writes DECIMAL as DELTA_BINARY_PACKED).
            throw new NotSupportedException($"column '{field.Name}' ({field.ClrType.Name}) cannot be read: {e.Message}. " +
                "Write the file with plain or dictionary encodings (e.g. pyarrow/pandas defaults) or cast DECIMAL columns to DOUBLE", e);
        }
    }

    private static Func<int, Cell> ReadColumnValues(ParquetRowGroupReader group, DataField field, int count)
    {
        var type = field.ClrType;
        if (type == typeof(byte[]) || type == typeof(ReadOnlyMemory<byte>))
        {
            // Text written without the UTF8 annotation (older Spark, some pyarrow options) is still text.
            var bytes = new byte[]?[count];
            group.ReadAsync(field, bytes.AsMemory(), null).GetAwaiter().GetResult();
            return r => bytes[r] is { } b ? Cell.Of(System.Text.Encoding.UTF8.GetString(b)) : Cell.Empty;
        }
        if (type == typeof(string) || type == typeof(ReadOnlyMemory<char>))
        {
            var values = new string?[count];
            group.ReadAsync(field, values.AsMemory(), null).GetAwaiter().GetResult();
            return r => Cell.Of(values[r]);
        }
        if (type == typeof(double)) return Numeric<double>(group, field, count, v => v);
        if (type == typeof(float)) return Numeric<float>(group, field, count, v => v);
        if (type == typeof(int)) return Numeric<int>(group, field, count, v => v);
        if (type == typeof(long)) return Numeric<long>(group, field, count, v => v);
        if (type == typeof(short)) return Numeric<short>(group, field, count, v => v);
        if (type == typeof(sbyte)) return Numeric<sbyte>(group, field, count, v => v);
        if (type == typeof(byte)) return Numeric<byte>(group, field, count, v => v);
        if (type == typeof(ushort)) return Numeric<ushort>(group, field, count, v => v);
        if (type == typeof(uint)) return Numeric<uint>(group, field, count, v => v);
        if (type == typeof(ulong)) return Numeric<ulong>(group, field, count, v => v);
        if (type == typeof(decimal)) return Numeric<decimal>(group, field, count, v => (double)v);
        if (type == typeof(bool)) return Texts<bool>(group, field, count, v => v ? "true" : "false");
        if (type == typeof(DateTime)) return Texts<DateTime>(group, field, count, v => v.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        if (type == typeof(DateOnly)) return Texts<DateOnly>(group, field, count, v => v.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        throw new NotSupportedException($"column '{field.Name}' has the Parquet value type {type.Name}, which is not read");
    }

    private static Func<int, Cell> Numeric<T>(ParquetRowGroupReader group, DataField field, int count, Func<T, double> toDouble) where T : struct
    {
        var values = new T?[count];
        group.ReadAsync(field, values.AsMemory(), null).GetAwaiter().GetResult();
        return r => values[r] is { } v ? Cell.Of(toDouble(v)) : Cell.Empty;
    }

    private static Func<int, Cell> Texts<T>(ParquetRowGroupReader group, DataField field, int count, Func<T, string> toText) where T : struct
    {
        var values = new T?[count];
        group.ReadAsync(field, values.AsMemory(), null).GetAwaiter().GetResult();
        return r => values[r] is { } v ? Cell.Of(toText(v)) : Cell.Empty;
    }

    public void Dispose() => _reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
}
