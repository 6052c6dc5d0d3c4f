using System.IO.Compression;
using Resilience.Method.Catalogs;
using Resilience.Method.Ingestion.Sources;

namespace Resilience.Method.Ingestion;

public sealed class IndicatorFileReadResult
{
    public required IReadOnlyList<ObservationRow> Rows { get; init; }
    public required IReadOnlyList<Problem> Problems { get; init; }
    public int ErrorCount { get; init; }
    public int WarningCount { get; init; }
    public bool Accepted => ErrorCount == 0;
    public ReadSummary Summary { get; init; } = new();
}

/// <summary>
/// Reads an indicator file in any supported format (CSV/TSV in UTF-8 or GB18030, .xlsx, Parquet; told apart by
/// content, not name) and layout (wide panel, wide one-year, long, one indicator by year), validating every cell
/// against the catalog and the city registry. It never throws for bad data: it reports problems naming file, sheet,
/// row, column, value and rule.
/// </summary>
public static class IndicatorFileReader
{
    public static IndicatorFileReadResult Read(Stream content, string fileName, Catalog catalog, CityRegistry cities, ReadOptions? options = null)
    {
        options ??= new ReadOptions();
        var problems = new ProblemList(fileName, options.MaxProblemsKept);
        string? tempPath = null;
        try
        {
            var head = new byte[ContentSniffer.SniffBytes];
            var headLength = content.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            var kind = ContentSniffer.Classify(head.AsSpan(0, headLength));
            switch (kind)
            {
                case ContentKind.Text:
                {
                    if (Path.GetExtension(fileName).ToLowerInvariant() is ".xls" or ".xlsx" or ".parquet")
                        problems.Warning(0, null, null, "content-not-extension",
                            $"the name ends in {Path.GetExtension(fileName)} but the content is delimited text; it is read as CSV");
                    using var source = CsvSource.Open(new PrefixedStream(head, headLength, content), head.AsSpan(0, headLength), fileName);
                    return ReadSource(source, fileName, catalog, cities, options, problems);
                }
                case ContentKind.Parquet:
                case ContentKind.Zip:
                {
                    var seekable = Seekable(content, head, headLength, out tempPath);
                    if (kind == ContentKind.Parquet && !EndsWithParquetFooter(seekable))
                    {
                        problems.Error(0, null, null, "truncated-file",
                            "the file starts like Parquet but lacks the footer every Parquet file ends with ('PAR1'): it is incomplete, " +
                            "probably cut off during the export or the upload; write or upload it again");
                        return Result(problems, [], new ReadSummary { Format = "Parquet (incomplete)" });
                    }
                    if (kind == ContentKind.Zip && ZipProblem(seekable) is { } zipProblem)
                    {
                        problems.Error(0, null, null, "unsupported-format", ContentSniffer.Explain(ContentKind.Zip, zipProblem));
                        return Result(problems, [], new ReadSummary { Format = "ZIP archive" });
                    }
                    using ITabularSource source = kind == ContentKind.Parquet ? new ParquetSource(seekable) : new XlsxSource(seekable);
                    if (source is ParquetSource { SkippedColumns.Count: > 0 } parquet)
                        problems.Warning(1, string.Join(", ", parquet.SkippedColumns), null, "nested-column",
                            "nested (struct, list or map) columns are not read");
                    return ReadSource(source, fileName, catalog, cities, options, problems);
                }
                default:
                    problems.Error(0, null, null, kind == ContentKind.Empty ? "empty-file" : "unsupported-format", ContentSniffer.Explain(kind));
                    return Result(problems, [], new ReadSummary { Format = kind.ToString() });
            }
        }
        catch (DataFileException e)
        {
            problems.Error(e.Row, e.Column, null, "syntax", e.Reason);
        }
        catch (RowReceiverException)
        {
            throw;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or NotSupportedException or FormatException
            or InvalidOperationException or ArgumentException or IndexOutOfRangeException or OverflowException
            || e.GetType().Namespace?.StartsWith("ExcelDataReader", StringComparison.Ordinal) == true
            || e.GetType().Namespace?.StartsWith("Parquet", StringComparison.Ordinal) == true)
        {
            // The format libraries signal a damaged or unsupported file with these; the file is rejected, not retried.
            problems.Error(0, null, null, "unreadable-file", $"the file could not be read: {e.Message}");
        }
        finally
        {
            if (tempPath is not null) TryDelete(tempPath);
        }
        return Result(problems, [], new ReadSummary());
    }

    /// <summary>Reads delimited text that is already decoded.</summary>
    public static IndicatorFileReadResult Read(TextReader text, string fileName, Catalog catalog, CityRegistry cities, ReadOptions? options = null)
    {
        options ??= new ReadOptions();
        var problems = new ProblemList(fileName, options.MaxProblemsKept);
        try
        {
            using var source = CsvSource.Open(text, fileName);
            return ReadSource(source, fileName, catalog, cities, options, problems);
        }
        catch (DataFileException e)
        {
            problems.Error(e.Row, e.Column, null, "syntax", e.Reason);
            return Result(problems, [], new ReadSummary());
        }
    }

    private static IndicatorFileReadResult ReadSource(ITabularSource source, string fileName, Catalog catalog, CityRegistry cities,
        ReadOptions options, ProblemList problems)
    {
        var matcher = new IndicatorMatcher(catalog);
        var summary = new ReadSummary { Format = source.Description };

        // Find the header in each sheet; the sheet with the best layout holds the data (notes sheets come first in some workbooks).
        var candidates = new List<(int Sheet, TableLayout Layout, List<TabularRow> First, IEnumerator<TabularRow> Remaining)>();
        var diagnoses = new List<(string Rule, string Message)>();
        var anyRows = false;
        for (var s = 0; s < source.Sheets.Count; s++)
        {
            var rows = source.Rows(s).GetEnumerator();
            var first = new List<TabularRow>();
            var searched = Math.Min(options.HeaderSearchRows, ReadOptions.MaxHeaderSearchRows);
            while (first.Count < searched && rows.MoveNext()) first.Add(rows.Current);
            anyRows |= first.Any(r => !r.IsBlank);
            var sheetName = source.Sheets[s];
            var layout = TableLayout.Find(first, sheetName, fileName, catalog, matcher, cities, out var rule, out var diagnosis, out var ignoredHeaders);
            if (layout is not null) candidates.Add((s, layout, first, rows));
            else
            {
                rows.Dispose();
                diagnoses.Add((rule, sheetName is null ? diagnosis : $"sheet '{sheetName}': {diagnosis}"));
                if (source.Sheets.Count == 1)
                    foreach (var header in ignoredHeaders)
                        problems.Warning(1, header, null, "unknown-indicator-column", "the column is not an indicator of the catalog");
            }
        }
        if (candidates.Count == 0)
        {
            if (!anyRows)
                problems.Error(1, null, null, "empty-file", "the file has no rows");
            else
            {
                // One sheet: its own rule. Several: the rule of the sheet that came closest.
                var closest = diagnoses.OrderBy(d => d.Rule switch { "missing-city-column" => 0, "no-indicator-columns" => 1, _ => 2 }).First();
                problems.Error(1, null, null, closest.Rule, string.Join("; ", diagnoses.Select(d => d.Message)));
            }
            return Result(problems, [], summary);
        }
        // Visible sheets before hidden ones (a hidden sheet is a backup or a lookup table more often than the data).
        var chosen = candidates.OrderBy(c => c.Layout.Blocker is null ? 0 : 1).ThenBy(c => source.IsHidden(c.Sheet) ? 1 : 0)
            .ThenByDescending(c => c.Layout.Score).ThenBy(c => c.Sheet).First();
        // A workbook with one sheet per year ("2018", "2019", each without a year column): every such sheet is read.
        var toRead = new List<(int Sheet, TableLayout Layout, List<TabularRow> First, IEnumerator<TabularRow> Remaining)> { chosen };
        if (chosen.Layout is { Kind: LayoutKind.WideOneYear, YearFromSheet: true })
        {
            var yearSheets = candidates.Where(c => c.Layout is { Blocker: null, Kind: LayoutKind.WideOneYear, YearFromSheet: true }
                                                   && source.IsHidden(c.Sheet) == source.IsHidden(chosen.Sheet)).OrderBy(c => c.Sheet).ToList();
            if (yearSheets.Select(c => c.Layout.FixedYear).Distinct().Count() == yearSheets.Count) toRead = yearSheets;
        }
        var read = toRead.Select(c => c.Sheet).ToHashSet();
        var sheet = source.Sheets[toRead[0].Sheet];
        problems.Sheet = sheet;
        summary = summary with
        {
            Sheet = sheet,
            IgnoredSheets = source.Sheets.Where((name, i) => !read.Contains(i) && name is not null).Select(n => n!).ToList(),
            HeaderRow = toRead[0].Layout.HeaderRow.Row,
            Layout = toRead.Count == 1 ? chosen.Layout.Describe()
                : $"wide, one sheet per year ({string.Join(", ", toRead.Select(c => $"'{source.Sheets[c.Sheet]}'"))})",
            Columns = toRead[0].Layout.Columns,
        };
        if (chosen.Layout.Blocker is { } blocker)
        {
            problems.Error(chosen.Layout.HeaderRow.Row, null, null, chosen.Layout.BlockerRule, blocker);
            return Result(problems, [], summary);
        }
        if (source.IsHidden(chosen.Sheet))
            problems.Warning(0, null, null, "hidden-sheet", $"the data are read from the hidden sheet '{sheet}': no visible sheet holds a table");
        foreach (var unread in candidates.Where(c => !read.Contains(c.Sheet) && c.Layout.Blocker is null))
            problems.Warning(0, null, null, "unread-sheet",
                $"sheet '{source.Sheets[unread.Sheet]}'{(source.IsHidden(unread.Sheet) ? " (hidden)" : "")} also holds a table ({unread.Layout.Describe()}) " +
                $"but only '{sheet}' is read; put each table in a file of its own if it should count");

        var collected = new List<ObservationRow>();
        var readers = new List<TableReader>();
        foreach (var part in toRead)
        {
            var partSheet = source.Sheets[part.Sheet];
            problems.Sheet = partSheet;
            ReportColumns(part.Layout, catalog, problems);
            // A workbook's reader moved on to the other sheets while they were searched: read the sheet again.
            var rowsAfterHeader = source.Sheets.Count == 1
                ? RowsAfterHeader(part.First, part.Remaining, part.Layout.HeaderRow)
                : source.Rows(part.Sheet).SkipWhile(r => r.Row <= part.Layout.HeaderRow.Row);
            var reader = new TableReader(part.Layout, catalog, matcher, cities, problems, options, source.Numbers, partSheet, source.FixedWidthRows);
            readers.Add(reader);
            foreach (var row in rowsAfterHeader)
            {
                reader.Read(row);
                if (reader.TooManyErrors)
                {
                    problems.Error(row.Row, null, null, "too-many-errors", $"reading stopped after {options.MaxErrors:N0} errors");
                    break;
                }
            }
            reader.Finish();
            collected.AddRange(reader.Collected);
            if (reader.TooManyErrors) break;
        }
        foreach (var candidate in candidates) candidate.Remaining.Dispose();
        problems.Sheet = sheet;
        summary = TableReader.Summarise(readers, summary);
        if (summary.Observations == 0 && problems.ErrorCount == 0)
            problems.Error(chosen.Layout.HeaderRow.Row, null, null, "no-rows", "the table has a header but no city-year data row");
        return Result(problems, collected, summary);
    }

    private static IEnumerable<TabularRow> RowsAfterHeader(List<TabularRow> first, IEnumerator<TabularRow> rest, TabularRow header)
    {
        var index = first.IndexOf(header);
        for (var i = index + 1; i < first.Count; i++) yield return first[i];
        while (rest.MoveNext()) yield return rest.Current;
    }

    /// <summary>Ignored columns named one by one in the report; a sheet thousands of columns wide gets one line for the rest.</summary>
    private const int MaxIgnoredColumnsListed = 20;

    /// <summary>Columns that are ignored, or that name an indicator twice.</summary>
    private static void ReportColumns(TableLayout layout, Catalog catalog, ProblemList problems)
    {
        var seen = new Dictionary<int, string>();
        for (var c = 0; c < layout.Headers.Length; c++)
        {
            var indicator = layout.ColumnIndicator[c];
            if (indicator >= 0 && layout.Kind is LayoutKind.Panel or LayoutKind.WideOneYear && !seen.TryAdd(indicator, layout.Headers[c]))
                problems.Error(layout.HeaderRow.Row, layout.Headers[c], null, "duplicate-column",
                    $"indicator '{catalog.Indicators[indicator].Id}' has two columns ('{seen[indicator]}' and '{layout.Headers[c]}')");
        }
        var ignored = layout.Columns.Where(c => c.Use == "ignored" && c.Header.Length > 0).ToList();
        foreach (var column in ignored.Take(MaxIgnoredColumnsListed))
            problems.Warning(layout.HeaderRow.Row, column.Header, null, "unknown-indicator-column",
                "the column is not a key column nor an indicator of the catalog; it is ignored");
        if (ignored.Count > MaxIgnoredColumnsListed)
            problems.Warning(layout.HeaderRow.Row, null, null, "unknown-indicator-column",
                $"{ignored.Count - MaxIgnoredColumnsListed:N0} more columns are not indicators of the catalog and are ignored " +
                $"(the next: {string.Join(", ", ignored.Skip(MaxIgnoredColumnsListed).Take(5).Select(c => $"'{c.Header}'"))}, ...)");
    }

    private static IndicatorFileReadResult Result(ProblemList problems, IReadOnlyList<ObservationRow> rows, ReadSummary summary) => new()
    {
        Rows = problems.ErrorCount == 0 ? rows : [],
        Problems = problems.Kept,
        ErrorCount = problems.ErrorCount,
        WarningCount = problems.WarningCount,
        Summary = summary,
    };

    private static bool EndsWithParquetFooter(Stream seekable)
    {
        if (seekable.Length < 12) return false;
        Span<byte> tail = stackalloc byte[4];
        seekable.Seek(-4, SeekOrigin.End);
        seekable.ReadExactly(tail);
        seekable.Seek(0, SeekOrigin.Begin);
        return tail.SequenceEqual("PAR1"u8);
    }

    /// <summary>Workbooks and Parquet files need random access: a forward-only stream is spooled to a temporary file.</summary>
    private static Stream Seekable(Stream content, byte[] head, int headLength, out string? tempPath)
    {
        tempPath = null;
        if (content.CanSeek)
        {
            content.Seek(0, SeekOrigin.Begin);
            return content;
        }
        tempPath = Path.Combine(Path.GetTempPath(), "resilience-" + Guid.NewGuid().ToString("N"));
        var file = new FileStream(tempPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
        file.Write(head, 0, headLength);
        content.CopyTo(file);
        file.Seek(0, SeekOrigin.Begin);
        return file;
    }

    /// <summary>Null for an .xlsx workbook; else what the ZIP archive holds instead.</summary>
    private static string? ZipProblem(Stream seekable)
    {
        using var zip = new ZipArchive(seekable, ZipArchiveMode.Read, leaveOpen: true);
        var names = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.OrdinalIgnoreCase);
        seekable.Seek(0, SeekOrigin.Begin);
        if (names.Contains("xl/workbook.xml")) return null;
        if (names.Contains("xl/workbook.bin")) return " (it is a binary .xlsb workbook)";
        if (names.Contains("content.xml") && names.Contains("mimetype")) return " (it is an OpenDocument .ods spreadsheet)";
        if (names.Contains("word/document.xml")) return " (it is a Word document)";
        return $" (it holds {names.Count} file(s), e.g. {string.Join(", ", names.Take(3))})";
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
