using System.Text;
using System.Text.RegularExpressions;
using CsvHelper;

namespace Resilience.Method.Ingestion.Sources;

/// <summary>
/// Delimited text read with CsvHelper: the encoding detected from the bytes (BOM, else UTF-8 if the start is valid
/// UTF-8, else GB18030, which covers GBK and GB2312), the separator detected by CsvHelper among , ; tab and |,
/// a decimal comma recognised where the separator is not a comma and the numbers are written so.
/// Forward-only: the rows can be enumerated once.
/// </summary>
internal sealed partial class CsvSource : ITabularSource
{
    /// <summary>Records looked at to decide the number conventions before any row is handed out.</summary>
    private const int SampleRecords = 200;

    private readonly CsvReader _reader;
    private readonly string _fileName;
    private readonly Queue<TabularRow> _sample = new();
    private bool _started;

    /// <summary>Plain invariant numbers are parsed straight from the field, without a string (most cells of a large file).</summary>
    private bool _parseNumbers;
    private long _lastLine;
    private Cell[]? _shared;
    private long _records;

    static CsvSource() => CodePages.Register();

    private CsvSource(CsvReader reader, string fileName, string encodingName)
    {
        _reader = reader;
        _fileName = fileName;
        for (var i = 0; i < SampleRecords && TryReadRow(out var row); i++) _sample.Enqueue(row);
        var separator = _reader.Separator;
        Numbers = separator != ',' && UsesDecimalComma(_sample) ? NumberConventions.Comma : NumberConventions.Invariant;
        _parseNumbers = !Numbers.DecimalComma;
        var separatorName = separator switch { '\t' => "tab", _ => $"'{separator}'" };
        Description = $"CSV text, {encodingName}, separator {separatorName}{(Numbers.DecimalComma ? ", decimal comma" : "")}";
    }

    public string Description { get; }
    public NumberConventions Numbers { get; }
    public IReadOnlyList<string?> Sheets { get; } = [null];
    public bool FixedWidthRows => true;

    /// <summary>Opens delimited text from bytes; <paramref name="head"/> are the first bytes, used to detect the encoding.</summary>
    public static CsvSource Open(Stream content, ReadOnlySpan<byte> head, string fileName)
    {
        var (encoding, name) = DetectEncoding(head);
        return new CsvSource(CsvReader.Create(content, Options(encoding), leaveOpen: true), fileName, name);
    }

    /// <summary>Opens text already decoded (tests, and callers that hold a string).</summary>
    public static CsvSource Open(TextReader text, string fileName) =>
        new(CsvReader.Create(text, Options(), leaveOpen: true), fileName, "text");

    private static CsvReaderOptions Options(Encoding? encoding = null) => new()
    {
        Encoding = encoding,
        HasHeader = false,
        TrackLineNumbers = true,
        SkipEmptyLines = true,
        MalformedData = CsvMalformedDataHandling.Throw,
        FieldCountMismatch = CsvFieldCountHandling.Allow,
        MissingField = CsvMissingFieldHandling.ReturnEmpty,
        // An unclosed quote must not make the reader swallow the whole file into one record.
        MaxRecordSize = 16 << 20,
    };

    internal static (Encoding? Encoding, string Name) DetectEncoding(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith(new byte[] { 0xEF, 0xBB, 0xBF })) return (null, "UTF-8 with BOM");
        if (head.StartsWith(new byte[] { 0xFF, 0xFE })) return (null, "UTF-16 LE with BOM");
        if (head.StartsWith(new byte[] { 0xFE, 0xFF })) return (null, "UTF-16 BE with BOM");
        return LooksLikeUtf8(head) ? (null, "UTF-8") : (Encoding.GetEncoding("GB18030"), "GB18030 (GBK)");
    }

    /// <summary>
    /// UTF-8 when the sample's non-ASCII bytes form valid UTF-8 sequences, allowing a sequence cut at the end of the
    /// sample and a few stray bytes among many valid characters (a damaged cell is then reported where it is, as
    /// invalid-encoding, instead of the whole file being decoded as GB18030). GBK text read as UTF-8 gives mostly
    /// invalid sequences.
    /// </summary>
    internal static bool LooksLikeUtf8(ReadOnlySpan<byte> bytes)
    {
        int valid = 0, invalid = 0;
        for (var i = 0; i < bytes.Length;)
        {
            if (bytes[i] < 0x80)
            {
                i++;
                continue;
            }
            var status = System.Text.Rune.DecodeFromUtf8(bytes[i..], out _, out var consumed);
            if (status == System.Buffers.OperationStatus.NeedMoreData) break;
            if (status == System.Buffers.OperationStatus.Done) valid++;
            else invalid++;
            i += Math.Max(consumed, 1);
        }
        return invalid == 0 || valid >= 20 * invalid;
    }

    public IEnumerable<TabularRow> Rows(int sheet)
    {
        if (_started) throw new InvalidOperationException("CSV rows can be read once.");
        _started = true;
        while (_sample.TryDequeue(out var row)) yield return row;
        while (TryReadRow(out var row)) yield return row;
    }

    private bool TryReadRow(out TabularRow row)
    {
        try
        {
            if (!_reader.Read())
            {
                row = null!;
                return false;
            }
            // Past the rows a header search may keep, rows share one buffer: no array per row of a large file.
            var fieldCount = _reader.FieldCount;
            Cell[] cells;
            if (++_records <= ReadOptions.MaxHeaderSearchRows) cells = new Cell[fieldCount];
            else cells = _shared is { } shared && shared.Length == fieldCount ? shared : _shared = new Cell[fieldCount];
            for (var i = 0; i < cells.Length; i++)
            {
                if (_parseNumbers && TryPlainNumber(_reader.GetSpan(i), out var number))
                {
                    cells[i] = Cell.Of(number);
                    continue;
                }
                var text = _reader.GetString(i);
                cells[i] = string.IsNullOrEmpty(text) ? Cell.Empty : Cell.Of(text);
            }
            row = new TabularRow(_reader.LineNumber, cells);
            _lastLine = row.Row;
            return true;
        }
        catch (CsvFormatException e)
        {
            // The bad record starts on the line after the last good one.
            throw new DataFileException(_fileName, _lastLine + 1, null, $"the row is not valid CSV ({e.Message})");
        }
    }

    /// <summary>
    /// "45165.0", "-3", "792.06 ": a finite number in the invariant culture. Not "0101" (a code keeps its leading zero
    /// as text), nor NaN/Infinity (missing markers), nor anything with separators (parsed later with the file's conventions).
    /// </summary>
    private static bool TryPlainNumber(ReadOnlySpan<byte> utf8Field, out double number)
    {
        number = 0;
        var trimmed = utf8Field.Trim(" \t"u8);
        if (trimmed.IsEmpty) return false;
        var first = trimmed[0] is (byte)'-' or (byte)'+' ? 1 : 0;
        if (first >= trimmed.Length || !(char.IsAsciiDigit((char)trimmed[first]) || trimmed[first] == (byte)'.')) return false;
        if (trimmed[first] == (byte)'0' && first + 1 < trimmed.Length && char.IsAsciiDigit((char)trimmed[first + 1])) return false;
        if (TryShortDecimal(trimmed, out number)) return true;
        return double.TryParse(trimmed, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out number)
            && double.IsFinite(number);
    }

    private static readonly double[] PowersOfTen = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

    /// <summary>
    /// The common case, fast: at most 15 digits with an optional sign and point, no exponent. The digits form an exact
    /// integer and 10^k is exact, so one division gives the correctly rounded double, the same as double.Parse.
    /// </summary>
    private static bool TryShortDecimal(ReadOnlySpan<byte> text, out double value)
    {
        value = 0;
        var i = text[0] is (byte)'-' or (byte)'+' ? 1 : 0;
        long digits = 0;
        int count = 0, decimals = -1;
        for (; i < text.Length; i++)
        {
            var digit = (uint)(text[i] - (byte)'0');
            if (digit <= 9)
            {
                if (++count > 15) return false;
                digits = digits * 10 + digit;
                if (decimals >= 0) decimals++;
            }
            else if (text[i] == (byte)'.' && decimals < 0) decimals = 0;
            else return false;
        }
        if (count == 0) return false;
        value = decimals > 0 ? digits / PowersOfTen[decimals] : digits;
        if (text[0] == (byte)'-') value = -value;
        return true;
    }

    /// <summary>More numbers written "12,5" or "1.234,5" than "12.5" among the sampled cells.</summary>
    private static bool UsesDecimalComma(IEnumerable<TabularRow> rows)
    {
        int comma = 0, point = 0;
        foreach (var cell in rows.SelectMany(r => r.Cells))
        {
            var text = cell.Text?.Trim();
            if (string.IsNullOrEmpty(text)) continue;
            if (DecimalCommaNumber().IsMatch(text)) comma++;
            else if (DecimalPointNumber().IsMatch(text)) point++;
        }
        return comma > point;
    }

    [GeneratedRegex(@"^[+-]?(\d{1,3}(\.\d{3})+|\d+),\d+$")]
    private static partial Regex DecimalCommaNumber();

    [GeneratedRegex(@"^[+-]?\d+\.\d+$")]
    private static partial Regex DecimalPointNumber();

    public void Dispose() => _reader.Dispose();
}
