using ExcelDataReader;

namespace Resilience.Method.Ingestion.Sources;

/// <summary>
/// An Excel .xlsx workbook read with ExcelDataReader, which streams each sheet's XML: a sheet whose used range
/// claims a million rows costs only the rows really written. Numbers stored as text stay text (parsed later like CSV
/// cells); Excel error values arrive as their text (#DIV/0!), which reads as missing.
/// </summary>
internal sealed class XlsxSource : ITabularSource
{
    private readonly IExcelDataReader _reader;

    static XlsxSource() => CodePages.Register();

    public XlsxSource(Stream seekable)
    {
        _reader = ExcelReaderFactory.CreateOpenXmlReader(seekable, new ExcelReaderConfiguration { LeaveOpen = true });
        var names = new List<string?>();
        var hidden = new List<bool>();
        do
        {
            names.Add(_reader.Name);
            hidden.Add(_reader.VisibleState is "hidden" or "veryhidden");
        } while (_reader.NextResult());
        Sheets = names;
        _hidden = hidden;
    }

    private readonly List<bool> _hidden;

    public bool IsHidden(int sheet) => _hidden[sheet];

    public string Description => "Excel workbook (.xlsx)";
    public NumberConventions Numbers => NumberConventions.Invariant;
    public IReadOnlyList<string?> Sheets { get; }

    public IEnumerable<TabularRow> Rows(int sheet)
    {
        _reader.Reset();
        for (var i = 0; i < sheet; i++) _reader.NextResult();
        long row = 0;
        while (_reader.Read())
        {
            row++;
            var cells = new Cell[_reader.FieldCount];
            for (var i = 0; i < cells.Length; i++) cells[i] = ToCell(_reader.GetValue(i));
            yield return new TabularRow(row, cells);
        }
    }

    private static Cell ToCell(object? value) => value switch
    {
        null => Cell.Empty,
        double d => Cell.Of(d),
        int i => Cell.Of(i),
        long l => Cell.Of(l),
        decimal m => Cell.Of((double)m),
        float f => Cell.Of(f),
        string s => Cell.Of(s),
        DateTime date => Cell.Of(date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
        _ => Cell.Of(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)),
    };

    public void Dispose() => _reader.Dispose();
}
