using System.Text;

namespace Resilience.Method.Ingestion.Sources;

public enum ContentKind { Empty, Text, Xlsx, Parquet, Ole2, Zip, Html, Pdf, Binary }

/// <summary>Tells what a file really is from its first bytes, whatever its name says.</summary>
internal static class ContentSniffer
{
    public const int SniffBytes = 64 * 1024;

    public static ContentKind Classify(ReadOnlySpan<byte> head)
    {
        if (head.Length == 0) return ContentKind.Empty;
        if (head.StartsWith("PAR1"u8)) return ContentKind.Parquet;
        if (head.StartsWith("PK\u0003\u0004"u8)) return ContentKind.Zip;
        if (head.StartsWith(new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 })) return ContentKind.Ole2;
        if (head.StartsWith("%PDF"u8)) return ContentKind.Pdf;
        if (LooksLikeHtml(head)) return ContentKind.Html;
        var bomLength = head.StartsWith(new byte[] { 0xFF, 0xFE }) || head.StartsWith(new byte[] { 0xFE, 0xFF }) ? 2 : 0;
        // UTF-16 text has NUL bytes; anything else with NULs near the start is binary.
        if (bomLength == 0 && head[..Math.Min(head.Length, 8192)].IndexOf((byte)0) >= 0) return ContentKind.Binary;
        return ContentKind.Text;
    }

    /// <summary>An HTML page ("web page" exports saved as .xls): after blank lines, a tag or comment opening a document.</summary>
    private static bool LooksLikeHtml(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith(new byte[] { 0xEF, 0xBB, 0xBF })) head = head[3..];
        var start = 0;
        while (start < head.Length && head[start] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n') start++;
        if (start >= head.Length || head[start] != '<') return false;
        var text = Encoding.ASCII.GetString(head[start..Math.Min(head.Length, start + 4096)]).ToLowerInvariant();
        return text.StartsWith("<!doctype html") || text.StartsWith("<html") || text.StartsWith("<table") || text.StartsWith("<?xml")
            || (text.StartsWith("<!--") && (text.Contains("<html") || text.Contains("<table")))
            || text.StartsWith("<head") || text.StartsWith("<meta") || text.StartsWith("<body");
    }

    /// <summary>For a file that cannot be read: what it is, and how to turn it into something that can.</summary>
    public static string Explain(ContentKind kind, string? zipDetail = null) => kind switch
    {
        ContentKind.Empty => "the file is empty",
        ContentKind.Ole2 =>
            "the file is a legacy Excel 97-2003 workbook (.xls, BIFF8 in an OLE2 container) or another old Office document; " +
            "legacy workbooks are not read (yearbook downloads from CNKI are also encrypted with Excel's default password). " +
            "Open it in Excel or LibreOffice and save it as .xlsx or as 'CSV UTF-8', e.g. `libreoffice --headless --convert-to xlsx file.xls`",
        ContentKind.Html =>
            "the file is an HTML page (a 'web page' export, often saved with a .xls extension), not a spreadsheet. " +
            "Open it in Excel or LibreOffice and save it as .xlsx or as 'CSV UTF-8'",
        ContentKind.Pdf => "the file is a PDF document, not a table; export the table from its source as CSV or .xlsx",
        ContentKind.Zip => $"the file is a ZIP archive but not an Excel .xlsx workbook{zipDetail}; save the table as .xlsx or CSV",
        ContentKind.Binary => "the file is binary data of an unknown kind, not CSV text, an .xlsx workbook or a Parquet file",
        _ => "the file cannot be read",
    };
}
