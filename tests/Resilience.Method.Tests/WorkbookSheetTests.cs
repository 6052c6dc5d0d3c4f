using Resilience.Method.Catalogs;
using Resilience.Method.Ingestion;
using Resilience.Testing;

namespace Resilience.Method.Tests;

/// <summary>Which sheets of a workbook are read: visible before hidden, every sheet of a one-sheet-per-year workbook.</summary>
public sealed class WorkbookSheetTests
{
    private static readonly int Gdp = Catalog.Default.IndexOf("gdp_per_capita");

    private static List<IReadOnlyList<object?>> Table(params (string City, double Gdp)[] rows) =>
        [new object?[] { "city_id", "gdp_per_capita" }, .. rows.Select(r => (IReadOnlyList<object?>)new object?[] { r.City, r.Gdp })];

    private static IndicatorFileReadResult Read(byte[] workbook, string name = "indicators.xlsx") =>
        IndicatorFileReader.Read(new MemoryStream(workbook), name, Catalog.Default, CityRegistry.Default);

    [Fact]
    public void OneSheetPerYear_EverySheetIsRead()
    {
        var result = Read(XlsxWorkbook.Build(
            new XlsxWorkbook.Sheet("说明", [new object?[] { "数据来源：统计年鉴" }]),
            new XlsxWorkbook.Sheet("2018", Table(("datong", 41000), ("benxi", 52000))),
            new XlsxWorkbook.Sheet("2019", Table(("datong", 43000), ("benxi", 55000)))));

        Assert.True(result.Accepted, string.Join("\n", result.Problems));
        Assert.Equal([2018, 2019], result.Summary.Years);
        Assert.Equal(4, result.Summary.Observations);
        Assert.Equal(43000, result.Rows.Single(r => r is { CityId: "datong", Year: 2019 }).Values[Gdp]);
        Assert.Equal(52000, result.Rows.Single(r => r is { CityId: "benxi", Year: 2018 }).Values[Gdp]);
        Assert.Equal(["说明"], result.Summary.IgnoredSheets);
        Assert.DoesNotContain(result.Problems, p => p.Rule == "unread-sheet");
    }

    [Fact]
    public void HiddenSheetBeforeTheVisibleOne_TheVisibleOneIsRead_TheHiddenOneReported()
    {
        var result = Read(XlsxWorkbook.Build(
            new XlsxWorkbook.Sheet("backup", Table(("datong", 1), ("benxi", 2)), Hidden: true),
            new XlsxWorkbook.Sheet("data", Table(("datong", 43000), ("benxi", 55000)))), "indicators_2019.xlsx");

        Assert.True(result.Accepted, string.Join("\n", result.Problems));
        Assert.Equal("data", result.Summary.Sheet);
        Assert.Equal(43000, result.Rows.Single(r => r.CityId == "datong").Values[Gdp]);
        var unread = Assert.Single(result.Problems, p => p.Rule == "unread-sheet");
        Assert.StartsWith("sheet 'backup' (hidden) also holds a table", unread.Message);
    }

    [Fact]
    public void OnlyAHiddenSheetHoldsData_ItIsReadWithAWarning()
    {
        var result = Read(XlsxWorkbook.Build(
            new XlsxWorkbook.Sheet("readme", [new object?[] { "see the other sheet" }]),
            new XlsxWorkbook.Sheet("data", Table(("datong", 43000)), Hidden: true)), "indicators_2019.xlsx");

        Assert.True(result.Accepted, string.Join("\n", result.Problems));
        Assert.Contains(result.Problems, p => p.Rule == "hidden-sheet" && p.Severity == Severity.Warning);
    }
}
