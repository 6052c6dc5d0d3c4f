using CsvHelper;

namespace Resilience.Method.Ingestion;

/// <summary>A CSV file read record by record (CsvHelper underneath): header, then fields with their line numbers.</summary>
public sealed class CsvTable : IDisposable
{
    private readonly CsvReader _reader;
    private readonly string _fileName;

    private CsvTable(CsvReader reader, string fileName, string[] headers)
    {
        _reader = reader;
        _fileName = fileName;
        Headers = headers;
    }

    /// <summary>Header names, trimmed.</summary>
    public IReadOnlyList<string> Headers { get; }

    /// <summary>Line (1-based, counting the header as line 1) of the record last read.</summary>
    public long Line => _reader.LineNumber;

    /// <summary>Opens a table; null if the text has no header row at all.</summary>
    public static CsvTable? Open(TextReader text, string fileName)
    {
        var options = new CsvReaderOptions
        {
            HasHeader = true,
            TrackLineNumbers = true,
            SkipEmptyLines = true,
            MalformedData = CsvMalformedDataHandling.Throw,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            MissingField = CsvMissingFieldHandling.ReturnEmpty,
        };
        var reader = CsvReader.Create(text, options, true);
        try
        {
            reader.ReadHeader();
            var headers = reader.Headers?.Select(h => h.Trim().TrimStart('\uFEFF').Trim()).ToArray() ?? [];
            if (headers.Length == 0 || headers.All(h => h.Length == 0))
            {
                reader.Dispose();
                return null;
            }
            return new CsvTable(reader, fileName, headers);
        }
        catch (CsvFormatException e)
        {
            reader.Dispose();
            throw new DataFileException(fileName, 1, null, $"the header is not valid CSV ({e.Message})");
        }
    }

    /// <summary>Reads the next record, each field trimmed; false at the end.</summary>
    /// <exception cref="DataFileException">The record is not valid CSV.</exception>
    public bool TryRead(out string[] fields)
    {
        try
        {
            if (!_reader.Read())
            {
                fields = [];
                return false;
            }
            fields = new string[_reader.FieldCount];
            for (var i = 0; i < fields.Length; i++) fields[i] = (_reader.GetString(i) ?? "").Trim();
            return true;
        }
        catch (CsvFormatException e)
        {
            throw new DataFileException(_fileName, _reader.LineNumber + 1, null, $"the row is not valid CSV ({e.Message})");
        }
    }

    public int IndexOf(string header)
    {
        for (var i = 0; i < Headers.Count; i++)
            if (string.Equals(Headers[i], header, StringComparison.OrdinalIgnoreCase)) return i;
        return -1;
    }

    public void Dispose() => _reader.Dispose();
}
