using System.Globalization;
using System.IO.Compression;
using System.Xml.Linq;

namespace Resilience.Testing;

/// <summary>
/// A minimal .xlsx written by hand (ZIP + XML): cells are text (inline strings), numbers or empty; sheets may be hidden.
/// Enough for readers of real workbooks, without a spreadsheet library in the tests.
/// </summary>
public static class XlsxWorkbook
{
    private static readonly XNamespace Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private static readonly XNamespace Relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private static readonly XNamespace PackageRelationships = "http://schemas.openxmlformats.org/package/2006/relationships";

    /// <summary>A sheet: its name, whether it is hidden, and its rows of cells (string: text, double: number, null: empty).</summary>
    public sealed record Sheet(string Name, IReadOnlyList<IReadOnlyList<object?>> Rows, bool Hidden = false);

    public static byte[] Build(params Sheet[] sheets)
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            XNamespace types = "http://schemas.openxmlformats.org/package/2006/content-types";
            Add(zip, "[Content_Types].xml", new XElement(types + "Types",
                new XElement(types + "Default", new XAttribute("Extension", "rels"), new XAttribute("ContentType", "application/vnd.openxmlformats-package.relationships+xml")),
                new XElement(types + "Default", new XAttribute("Extension", "xml"), new XAttribute("ContentType", "application/xml")),
                new XElement(types + "Override", new XAttribute("PartName", "/xl/workbook.xml"),
                    new XAttribute("ContentType", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml")),
                sheets.Select((_, i) => new XElement(types + "Override", new XAttribute("PartName", $"/xl/worksheets/sheet{i + 1}.xml"),
                    new XAttribute("ContentType", "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml")))));
            Add(zip, "_rels/.rels", new XElement(PackageRelationships + "Relationships",
                new XElement(PackageRelationships + "Relationship", new XAttribute("Id", "rId1"),
                    new XAttribute("Type", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"),
                    new XAttribute("Target", "xl/workbook.xml"))));
            Add(zip, "xl/workbook.xml", new XElement(Main + "workbook", new XAttribute(XNamespace.Xmlns + "r", Relationships),
                new XElement(Main + "sheets", sheets.Select((s, i) => new XElement(Main + "sheet", new XAttribute("name", s.Name),
                    new XAttribute("sheetId", i + 1), s.Hidden ? new XAttribute("state", "hidden") : null, new XAttribute(Relationships + "id", $"rId{i + 1}"))))));
            Add(zip, "xl/_rels/workbook.xml.rels", new XElement(PackageRelationships + "Relationships",
                sheets.Select((_, i) => new XElement(PackageRelationships + "Relationship", new XAttribute("Id", $"rId{i + 1}"),
                    new XAttribute("Type", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"),
                    new XAttribute("Target", $"worksheets/sheet{i + 1}.xml")))));
            for (var s = 0; s < sheets.Length; s++)
            {
                var rows = sheets[s].Rows.Select((cells, r) => new XElement(Main + "row", new XAttribute("r", r + 1),
                    cells.Select((cell, c) => Cell(cell, ColumnName(c) + (r + 1)))));
                Add(zip, $"xl/worksheets/sheet{s + 1}.xml", new XElement(Main + "worksheet", new XElement(Main + "sheetData", rows)));
            }
        }
        return output.ToArray();
    }

    private static XElement? Cell(object? value, string reference) => value switch
    {
        null => null,
        string text => new XElement(Main + "c", new XAttribute("r", reference), new XAttribute("t", "inlineStr"), new XElement(Main + "is", new XElement(Main + "t", text))),
        double number => new XElement(Main + "c", new XAttribute("r", reference), new XElement(Main + "v", number.ToString("R", CultureInfo.InvariantCulture))),
        _ => throw new ArgumentException($"a cell is a string, a double or null, not {value.GetType().Name}", nameof(value)),
    };

    private static string ColumnName(int index) => index < 26 ? ((char)('A' + index)).ToString() : ColumnName(index / 26 - 1) + (char)('A' + index % 26);

    private static void Add(ZipArchive zip, string name, XElement root)
    {
        using var stream = zip.CreateEntry(name).Open();
        new XDocument(new XDeclaration("1.0", "UTF-8", "yes"), root).Save(stream);
    }
}
