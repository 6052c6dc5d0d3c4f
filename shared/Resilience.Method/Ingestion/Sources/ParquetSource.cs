using System.Globalization;
using System.Numerics;
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

    /// <summary>
    /// The header row (column names), then one row per record; row 1 is the header. After the first rows (kept by the
    /// header search) the rows share one cell buffer: a consumer reads a row before asking for the next.
    /// </summary>
    public IEnumerable<TabularRow> Rows(int sheet)
    {
        if (_started) throw new InvalidOperationException("Parquet rows can be read once.");
        _started = true;
        yield return new TabularRow(1, _fields.Select(f => Cell.Of(f.Name)).ToArray());
        long row = 1;
        Cell[]? shared = null;
        for (var g = 0; g < _reader.RowGroupCount; g++)
        {
            using var group = _reader.OpenRowGroupReader(g);
            var count = checked((int)group.RowCount);
            var columns = _fields.Select(f => ReadColumn(group, f, count)).ToArray();
            for (var r = 0; r < count; r++)
            {
                var cells = row <= ReadOptions.MaxHeaderSearchRows ? new Cell[columns.Length] : shared ??= new Cell[columns.Length];
                for (var c = 0; c < columns.Length; c++) cells[c] = columns[c].CellAt(r);
                yield return new TabularRow(++row, cells);
            }
        }
    }

    /// <summary>Reads one column chunk of a row group.</summary>
    private static ColumnValues ReadColumn(ParquetRowGroupReader group, DataField field, int count)
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

    private static ColumnValues ReadColumnValues(ParquetRowGroupReader group, DataField field, int count)
    {
        var type = field.ClrType;
        if (type == typeof(byte[]) || type == typeof(ReadOnlyMemory<byte>))
        {
            // Text written without the UTF8 annotation (older Spark, some pyarrow options) is still text.
            var bytes = new byte[]?[count];
            group.ReadAsync(field, bytes.AsMemory(), null).GetAwaiter().GetResult();
            return new TextColumn(bytes.Select(b => b is null ? null : System.Text.Encoding.UTF8.GetString(b)).ToArray());
        }
        if (type == typeof(string) || type == typeof(ReadOnlyMemory<char>))
        {
            var values = new string?[count];
            group.ReadAsync(field, values.AsMemory(), null).GetAwaiter().GetResult();
            return new TextColumn(values);
        }
        if (type == typeof(double)) return NumbersOf<double>(group, field, count);
        if (type == typeof(float)) return NumbersOf<float>(group, field, count, AsWritten);
        if (type == typeof(int)) return NumbersOf<int>(group, field, count);
        if (type == typeof(long)) return NumbersOf<long>(group, field, count);
        if (type == typeof(short)) return NumbersOf<short>(group, field, count);
        if (type == typeof(sbyte)) return NumbersOf<sbyte>(group, field, count);
        if (type == typeof(byte)) return NumbersOf<byte>(group, field, count);
        if (type == typeof(ushort)) return NumbersOf<ushort>(group, field, count);
        if (type == typeof(uint)) return NumbersOf<uint>(group, field, count);
        if (type == typeof(ulong)) return NumbersOf<ulong>(group, field, count);
        if (type == typeof(decimal)) return NumbersOf<decimal>(group, field, count);
        if (type == typeof(bool)) return new TextColumn(Values<bool>(group, field, count).Select(v => v is { } b ? (b ? "true" : "false") : null).ToArray());
        if (type == typeof(DateTime))
            return new TextColumn(Values<DateTime>(group, field, count).Select(v => v?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).ToArray());
        if (type == typeof(DateOnly))
            return new TextColumn(Values<DateOnly>(group, field, count).Select(v => v?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).ToArray());
        throw new NotSupportedException($"column '{field.Name}' has the Parquet value type {type.Name}, which is not read");
    }

    /// <summary>
    /// A float32 widened exactly (2.2f → 2.200000047683716) is not what its writer meant; the shortest decimal that
    /// reads back as the same float is.
    /// </summary>
    private static double AsWritten(float value) => double.Parse(value.ToString("R", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    private static NumberColumn NumbersOf<T>(ParquetRowGroupReader group, DataField field, int count, Func<T, double>? convert = null)
        where T : struct, INumberBase<T>
    {
        convert ??= double.CreateChecked;
        var numbers = new double[count];
        if (!field.IsNullable)
        {
            var required = new T[count];
            group.ReadAsync(field, required.AsMemory(), null).GetAwaiter().GetResult();
            for (var r = 0; r < count; r++) numbers[r] = convert(required[r]);
            return new NumberColumn(numbers, null);
        }
        var values = Values<T>(group, field, count);
        var present = new bool[count];
        for (var r = 0; r < count; r++)
            if (values[r] is { } v)
            {
                numbers[r] = convert(v);
                present[r] = true;
            }
        return new NumberColumn(numbers, present);
    }

    /// <summary>
    /// A column's values, null where missing. A required column is read into plain values: reading it into nullable
    /// values was seen to give spurious nulls (Parquet.Net 6.1, in a process that had read other files before).
    /// </summary>
    private static T?[] Values<T>(ParquetRowGroupReader group, DataField field, int count) where T : struct
    {
        if (!field.IsNullable)
        {
            var required = new T[count];
            group.ReadAsync(field, required.AsMemory(), null).GetAwaiter().GetResult();
            return Array.ConvertAll(required, v => (T?)v);
        }
        var values = new T?[count];
        group.ReadAsync(field, values.AsMemory(), null).GetAwaiter().GetResult();
        return values;
    }

    private abstract class ColumnValues
    {
        public abstract Cell CellAt(int row);
    }

    /// <param name="present">Null for a required column.</param>
    private sealed class NumberColumn(double[] numbers, bool[]? present) : ColumnValues
    {
        public override Cell CellAt(int row) => present is null || present[row] ? Cell.Of(numbers[row]) : Cell.Empty;
    }

    private sealed class TextColumn(string?[] texts) : ColumnValues
    {
        public override Cell CellAt(int row) => Cell.Of(texts[row]);
    }

    public void Dispose() => _reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
}
