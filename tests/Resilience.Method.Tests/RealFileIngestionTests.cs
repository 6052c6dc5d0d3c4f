using System.Diagnostics;
using System.Globalization;
using System.Text;
using Resilience.Method.Catalogs;
using Resilience.Method.Emissions;
using Resilience.Method.Ingestion;
using Resilience.Testing;

namespace Resilience.Method.Tests;

/// <summary>
/// Every real third-party file of ../shared/data/real (see its SOURCES.md and docs/realdata-quirks.md) read through
/// <see cref="IndicatorFileReader"/> or <see cref="EmissionsFileReader"/> with a catalog whose names are the file's own
/// column headers. Each file must be read without an exception, and accepted or rejected as a user would expect, with a
/// precise report. Expected numbers were taken from the raw files independently of the reader (python csv, and
/// zipfile + XML for the workbooks), not from the reader's output.
/// </summary>
/// <remarks>
/// Not data, so not read by design: SOURCES.md (the provenance notes) and the two CSMAR field dictionaries
/// <c>csmar-cre-cities/CRE_*[DES][csv].txt</c> (text, no table). <see cref="EveryRealFile_IsCoveredByATest"/> keeps
/// this list and the tests in step with the folder.
/// </remarks>
public class RealFileIngestionTests
{
    private const string Absent = "../shared/data/real is absent beside this checkout (third-party files, never committed)";

    /// <summary>The folder <see cref="Fixtures.RealData"/> reads from.</summary>
    private static readonly string RealFolder = Path.Combine(Path.GetDirectoryName(Fixtures.RepoRoot)!, "shared", "data", "real");

    private static readonly string[] NotData =
    [
        "SOURCES.md",
        "csmar-cre-cities/CRE_Gdpct[DES][csv].txt",
        "csmar-cre-cities/CRE_Eplwagct[DES][csv].txt",
    ];

    private static readonly string[] Covered =
    [
        "kubia-ccsy2018/GRP per capita.xls",
        "kubia-ccsy2018/Composition of GRP.xls",
        "kubia-ccsy2018/Green Cover in cities.xls",
        "kubia-ccsy2018/NOx and SO2.xls",
        "kubia-ccsy2018/PM 2.5 Concentration.xls",
        "kubia-ccsy2018/Smoke Dust.xls",
        "kubia-ccsy2018/Population and HH.xls",
        "kubia-ccsy2018/Air pollution in 31 Key cities in China.xls",
        "kubia-ccsy2018/final_air_pollution_30cities.csv",
        "kubia-ccsy2018/final_air_pollution_30cities_with_petrogas.csv",
        "ceads-city-co2/The_Emission_Inventories_for_290_Chinese_Cities_from_1997_to_2019.xlsx",
        "county-co2-chen2020/co2.xlsx",
        "csmar-cre-cities/CRE_Gdpct.csv",
        "csmar-cre-cities/CRE_Eplwagct.csv",
        "csmar-cre-cities/CRE_Pi01.csv",
        "csmar-cre-cities/city_rgdp.csv",
        "jc-city-sustainability/1999-2018 Cities data.xlsx",
        "ccsy-converter-demo/cnki.xls",
        "ccsy-converter-demo/error.xls",
        "ccsy-converter-demo/correct.xls",
        "ccsy-converter-demo/error4.xls",
        "ccsy-converter-demo/error5.xls",
        "lowcarbon-thesis-gp/地级市碳排放强度.xlsx",
        "lowcarbon-thesis-gp/各省+地级市+县级市人均道路面积.xlsx",
        "lowcarbon-thesis-gp/298个地级市人口密度1998-2024年无缺失.xlsx",
        "lowcarbon-thesis-gp/2000-2023地级市产业结构 .xlsx",
        "lowcarbon-thesis-gp/296个地级市GDP相关数据（以2000年为基期）.xlsx",
        "lowcarbon-thesis-gp/金融发展水平（2003-2023）236缺失.xlsx",
        "lowcarbon-thesis-gp/1996-2023年地级市外商直接投资FDI.xlsx",
        "census-city-2010-2020/census_city_2010-2020_v1.csv",
    ];

    // ---------------------------------------------------------------- helpers

    /// <summary>The path of a real file; skips the test only when the whole folder is absent.</summary>
    private static string RealFile(string folder, string name)
    {
        Skip.IfNot(Directory.Exists(RealFolder), Absent);
        var path = Fixtures.RealData(folder, name);
        Assert.True(path is not null, $"{folder}/{name} is missing from {RealFolder}, although the folder is present");
        return path!;
    }

    private static Indicator Ind(string id, string? nameZh = null, double? min = null, double? max = null,
        Direction direction = Direction.Benefit, string dimension = "economic") =>
        new(id, dimension, direction, NameZh: nameZh, Min: min, Max: max);

    private static IndicatorFileReadResult ReadIndicators(string path, Catalog catalog, CityRegistry cities,
        ReadOptions? options = null, string? fileName = null)
    {
        using var stream = File.OpenRead(path);
        IndicatorFileReadResult? result = null;
        var thrown = Record.Exception(() => result = IndicatorFileReader.Read(stream, fileName ?? Path.GetFileName(path), catalog, cities, options));
        Assert.True(thrown is null, $"IndicatorFileReader.Read threw on {Path.GetFileName(path)}: {thrown}");
        return result!;
    }

    private static EmissionsFileReadResult ReadEmissions(string path, CityRegistry cities)
    {
        using var stream = File.OpenRead(path);
        EmissionsFileReadResult? result = null;
        var thrown = Record.Exception(() => result = EmissionsFileReader.Read(stream, Path.GetFileName(path), cities));
        Assert.True(thrown is null, $"EmissionsFileReader.Read threw on {Path.GetFileName(path)}: {thrown}");
        return result!;
    }

    private static string Describe(IReadOnlyList<Problem> problems) =>
        problems.Count == 0 ? "(no problems)" : string.Join("\n", problems.OrderByDescending(p => p.Severity).Take(25));

    private static double? Value(IndicatorFileReadResult read, Catalog catalog, string city, int year, string indicator)
    {
        var row = read.Rows.SingleOrDefault(r => r.CityId == city && r.Year == year);
        Assert.True(row is not null, $"no observation for {city} {year}");
        return row!.Values[catalog.IndexOf(indicator)];
    }

    private static double? Co2(EmissionsFileReadResult read, string city, int year)
    {
        var row = read.Rows.SingleOrDefault(r => r.CityId == city && r.Year == year);
        Assert.True(row is not null, $"no emissions for {city} {year}");
        return row!.Co2;
    }

    private static void AssertClose(double expected, double? actual, string what)
    {
        Assert.True(actual is not null, $"{what}: expected {expected.ToString("R", CultureInfo.InvariantCulture)}, got missing");
        Assert.True(Math.Abs(expected - actual!.Value) <= 1e-9 * Math.Max(1, Math.Abs(expected)),
            $"{what}: expected {expected.ToString("R", CultureInfo.InvariantCulture)}, got {actual.Value.ToString("R", CultureInfo.InvariantCulture)}");
    }

    private static Problem SingleWarning(IReadOnlyList<Problem> problems, string rule, string column)
    {
        var found = problems.Where(p => p.Severity == Severity.Warning && p.Rule == rule && p.Column == column).ToList();
        Assert.True(found.Count == 1, $"expected one '{rule}' warning on column '{column}', found {found.Count}:\n{Describe(problems)}");
        return found[0];
    }

    private static int[] Years(int from, int to) => Enumerable.Range(from, to - from + 1).ToArray();

    /// <summary>City ids of the built-in registry, from their Chinese names, where these tests need them.</summary>
    private static string Id(string nameZh) => CityRegistry.Default.Cities.Single(c => c.NameZh == nameZh).Id;

    // ---------------------------------------------------------------- the folder

    [SkippableFact]
    public void EveryRealFile_IsCoveredByATest()
    {
        Skip.IfNot(Directory.Exists(RealFolder), Absent);
        var present = Directory.GetFiles(RealFolder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(RealFolder, f).Replace('\\', '/'))
            .ToHashSet(StringComparer.Ordinal);
        Assert.Empty(present.Except(Covered).Except(NotData).Order(StringComparer.Ordinal));
        Assert.Empty(Covered.Except(present).Order(StringComparer.Ordinal));
    }

    // ---------------------------------------------------------------- formats that are not read

    /// <summary>
    /// BIFF8 workbooks in an OLE2 container: the seven CNKI yearbook tables (and cnki.xls) are also encrypted with
    /// Excel's default password; error.xls and the 31-city workbook are not. Legacy .xls is not read: the file is
    /// rejected with one error saying what it is and how to convert it.
    /// </summary>
    [SkippableTheory]
    [InlineData("kubia-ccsy2018", "GRP per capita.xls")]
    [InlineData("kubia-ccsy2018", "Composition of GRP.xls")]
    [InlineData("kubia-ccsy2018", "Green Cover in cities.xls")]
    [InlineData("kubia-ccsy2018", "NOx and SO2.xls")]
    [InlineData("kubia-ccsy2018", "PM 2.5 Concentration.xls")]
    [InlineData("kubia-ccsy2018", "Smoke Dust.xls")]
    [InlineData("kubia-ccsy2018", "Population and HH.xls")]
    [InlineData("kubia-ccsy2018", "Air pollution in 31 Key cities in China.xls")]
    [InlineData("ccsy-converter-demo", "cnki.xls")]
    [InlineData("ccsy-converter-demo", "error.xls")]
    public void LegacyXls_IsRejected_WithHowToConvert(string folder, string name)
    {
        var path = RealFile(folder, name);
        // Independent check that the file really is an OLE2 compound document.
        Assert.Equal(new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }, File.ReadAllBytes(path)[..8]);
        var catalog = new Catalog([Ind("grp_per_capita", "人均地区生产总值"), Ind("pm25", "PM2.5年均浓度", direction: Direction.Cost)]);

        var read = ReadIndicators(path, catalog, CityRegistry.Default);

        Assert.False(read.Accepted);
        Assert.Empty(read.Rows);
        var problem = Assert.Single(read.Problems);
        Assert.Equal(Severity.Error, problem.Severity);
        Assert.Equal("unsupported-format", problem.Rule);
        Assert.Equal(0, problem.Row);
        Assert.Equal(name, problem.File);
        Assert.Contains("legacy Excel 97-2003 workbook (.xls", problem.Message);
        Assert.Contains("encrypted", problem.Message);
        Assert.Contains("save it as .xlsx or as 'CSV UTF-8'", problem.Message);
        Assert.Contains("libreoffice --headless --convert-to xlsx", problem.Message);
    }

    /// <summary>HTML tables saved with an .xls extension (12 blank lines, an HTML comment, then &lt;html&gt;).</summary>
    [SkippableTheory]
    [InlineData("correct.xls")]
    [InlineData("error4.xls")]
    public void HtmlSavedAsXls_IsRejected_AsHtml(string name)
    {
        var path = RealFile("ccsy-converter-demo", name);
        var text = Encoding.UTF8.GetString(File.ReadAllBytes(path)).TrimStart();
        Assert.StartsWith("<!--", text);
        Assert.Contains("<html>", text[..600]);
        var catalog = new Catalog([Ind("primary_employment_share", "第一产业从业人员比重"), Ind("deposits", "年末金融机构存款余额")]);

        var read = ReadIndicators(path, catalog, CityRegistry.Default);

        Assert.False(read.Accepted);
        Assert.Empty(read.Rows);
        var problem = Assert.Single(read.Problems);
        Assert.Equal("unsupported-format", problem.Rule);
        Assert.Equal(0, problem.Row);
        Assert.Contains("HTML page", problem.Message);
        Assert.Contains("save it as .xlsx or as 'CSV UTF-8'", problem.Message);
    }

    // ---------------------------------------------------------------- CSV

    /// <summary>
    /// error5.xls is a GBK-encoded CSV with an .xls name: read as CSV in GB18030. It is one year's table (2014,
    /// written nowhere in the file), so without a year in the name it is rejected with 'missing-year-column'.
    /// </summary>
    [SkippableFact]
    public void GbkCsvSavedAsXls_IsReadAsGb18030Csv_AndNeedsAYear()
    {
        var path = RealFile("ccsy-converter-demo", "error5.xls");
        var bytes = File.ReadAllBytes(path);
        Assert.ThrowsAny<DecoderFallbackException>(() => new UTF8Encoding(false, true).GetString(bytes));
        // "城市" in GBK is B3 C7 CA D0. (No code-page provider is registered here: the reader must do that itself.)
        Assert.Equal(new byte[] { 0x22, 0xB3, 0xC7, 0xCA, 0xD0, 0x22 }, bytes[..6]);

        var read = ReadIndicators(path, EmploymentCatalog, CityRegistry.Default);

        Assert.Contains("GB18030", read.Summary.Format);
        Assert.StartsWith("CSV text", read.Summary.Format);
        Assert.False(read.Accepted);
        var error = Assert.Single(read.Problems, p => p.Severity == Severity.Error);
        Assert.Equal("missing-year-column", error.Rule);
        Assert.Equal(1, error.Row);
        Assert.Contains("put the year in the file name", error.Message);
        var warning = Assert.Single(read.Problems, p => p.Rule == "content-not-extension");
        Assert.Contains("read as CSV", warning.Message);
        Assert.Equal(0, warning.Row);
    }

    private static readonly Catalog EmploymentCatalog = new(
    [
        Ind("primary_city", "第一产业从业人员比重_全市", 0, 100), Ind("primary_district", "第一产业从业人员比重_市辖区", 0, 100),
        Ind("secondary_city", "第二产业从业人员比重_全市", 0, 100), Ind("secondary_district", "第二产业从业人员比重_市辖区", 0, 100),
        Ind("tertiary_city", "第三产业从业人员比重_全市", 0, 100), Ind("tertiary_district", "第三产业从业人员比重_市辖区", 0, 100),
    ]);

    /// <summary>
    /// error5.xls once the year is in the name, as the rejection asks: 27 province rows ("安徽省", "广西壮族自治区",
    /// "吉林省", …, with aggregate values) are skipped with warnings; "吉林市" (line 107) is Jilin city, "吉林省" (line
    /// 106) the province above it.
    /// </summary>
    [SkippableFact]
    public void GbkCsv_WithYearInName_SkipsProvinceRows_AndReadsCities()
    {
        var path = RealFile("ccsy-converter-demo", "error5.xls");

        var read = ReadIndicators(path, EmploymentCatalog, CityRegistry.Default, fileName: "error5_2014.xls");

        Assert.True(read.Accepted, Describe(read.Problems));
        Assert.Equal([2014], read.Summary.Years);
        string[] provinces =
        [
            "安徽省", "福建省", "甘肃省", "广东省", "广西壮族自治区", "贵州省", "海南省", "河北省", "河南省", "黑龙江省", "湖北省", "湖南省",
            "吉林省", "江苏省", "江西省", "辽宁省", "内蒙古自治区", "宁夏回族自治区", "青海省", "山东省", "山西省", "陕西省", "四川省",
            "西藏自治区", "新疆维吾尔自治区", "云南省", "浙江省",
        ];
        Assert.Equal(provinces.Order(StringComparer.Ordinal),
            read.Problems.Where(p => p.Rule == "province-row").Select(p => p.Value!).Order(StringComparer.Ordinal));
        AssertClose(2.29, Value(read, EmploymentCatalog, Id("吉林市"), 2014, "primary_city"), "吉林市 primary share");
        AssertClose(1.51, Value(read, EmploymentCatalog, Id("朔州市"), 2014, "primary_city"), "朔州市 primary share");
        AssertClose(51.47, Value(read, EmploymentCatalog, Id("伊春市"), 2014, "primary_city"), "伊春市 primary share");
        AssertClose(78.04, Value(read, EmploymentCatalog, Id("宜春市"), 2014, "tertiary_district"), "宜春市 tertiary share, districts");
        // 'NA' is a missing value: 白银市 has no district primary share.
        Assert.Null(Value(read, EmploymentCatalog, Id("白银市"), 2014, "primary_district"));
        // "城市合计" (line 33, the total over all cities) is an aggregate like the province rows, not a city.
        Assert.DoesNotContain(read.Rows, r => r.CityId == "城市合计");
    }

    /// <summary>
    /// 30 cities × 2008–2017, every field quoted, 404 numbers with a trailing space inside the quotes ("792.06 "),
    /// NOx written with leading zeros ("0050"): accepted, values exact.
    /// </summary>
    [SkippableFact]
    public void ThirtyCityCsv_WithTrailingSpacesInQuotedNumbers_IsAcceptedWithExactValues()
    {
        var path = RealFile("kubia-ccsy2018", "final_air_pollution_30cities.csv");
        var petrogasPath = RealFile("kubia-ccsy2018", "final_air_pollution_30cities_with_petrogas.csv");
        var cities = ThirtyCities();
        var catalog = new Catalog(
        [
            Ind("PM10", direction: Direction.Cost, dimension: "ecological"), Ind("SO2", direction: Direction.Cost, dimension: "ecological"),
            Ind("NOx", direction: Direction.Cost, dimension: "ecological"), Ind("pop_density", min: 0, dimension: "social"),
            Ind("GRP_pc", min: 0), Ind("total_gas_supply", min: 0, dimension: "infrastructure"),
            Ind("green_coveraged", min: 0, max: 100, dimension: "ecological"),
        ]);

        var read = ReadIndicators(path, catalog, cities);

        Assert.True(read.Accepted, Describe(read.Problems));
        Assert.Equal("CSV text, UTF-8, separator ','", read.Summary.Format);
        Assert.Equal(300, read.Summary.DataRows);
        Assert.Equal(300, read.Rows.Count);
        Assert.Equal(Years(2008, 2017), read.Summary.Years);
        Assert.Equal(30, read.Summary.CitiesMatched);
        Assert.Empty(read.Summary.UnmatchedCities);
        // Only the two dummies are reported: no number is refused for its trailing space, none is missing or implausible.
        Assert.Equal(["key_regions", "post"], read.Problems.Select(p => p.Rule == "unknown-indicator-column" ? p.Column! : p.Rule).Order());
        Assert.All(read.Rows, r => Assert.DoesNotContain(null, r.Values));

        // Guangzhou 2011 (line 185): "69 ","28 ","49 ","1095.78 ","97588","87443 ","35.58".
        AssertClose(69, Value(read, catalog, "Guangzhou", 2011, "PM10"), "PM10");
        AssertClose(28, Value(read, catalog, "Guangzhou", 2011, "SO2"), "SO2");
        AssertClose(49, Value(read, catalog, "Guangzhou", 2011, "NOx"), "NOx");
        AssertClose(1095.78, Value(read, catalog, "Guangzhou", 2011, "pop_density"), "pop_density");
        AssertClose(97588, Value(read, catalog, "Guangzhou", 2011, "GRP_pc"), "GRP_pc");
        AssertClose(87443, Value(read, catalog, "Guangzhou", 2011, "total_gas_supply"), "total_gas_supply");
        AssertClose(35.58, Value(read, catalog, "Guangzhou", 2011, "green_coveraged"), "green_coveraged");
        // Beijing 2015 (line 9): NOx "0050", green coverage "60.99 ".
        AssertClose(50, Value(read, catalog, "Beijing", 2015, "NOx"), "NOx 0050");
        AssertClose(60.99, Value(read, catalog, "Beijing", 2015, "green_coveraged"), "green 60.99 ");
        AssertClose(819.69, Value(read, catalog, "Beijing", 2015, "pop_density"), "pop_density 819.69 ");
        // 'Xian' (no apostrophe) is the registry's Xi'an.
        AssertClose(799.15, Value(read, catalog, "xian", 2013, "pop_density"), "Xian pop_density");

        var petrogasCatalog = new Catalog([.. catalog.Indicators, Ind("second_industry", min: 0, max: 100), Ind("petro_gas_supply", min: 0)]);
        var petrogas = ReadIndicators(petrogasPath, petrogasCatalog, cities);
        Assert.True(petrogas.Accepted, Describe(petrogas.Problems));
        Assert.Equal(300, petrogas.Rows.Count);
        Assert.Equal(["key_regions", "post"], petrogas.Problems.Select(p => p.Rule == "unknown-indicator-column" ? p.Column! : p.Rule).Order());
        AssertClose(19.74, Value(petrogas, petrogasCatalog, "Beijing", 2015, "second_industry"), "second_industry");
        AssertClose(576306, Value(petrogas, petrogasCatalog, "Beijing", 2015, "petro_gas_supply"), "petro_gas_supply");
        AssertClose(19264, Value(petrogas, petrogasCatalog, "Guangzhou", 2008, "total_gas_supply"), "total_gas_supply 19264 ");
        AssertClose(132, Value(petrogas, petrogasCatalog, "Urumqi", 2011, "PM10"), "PM10 132 ");
    }

    private static CityRegistry ThirtyCities()
    {
        (string Id, string NameEn, string Region)[] cities =
        [
            ("Beijing", "Beijing", "east"), ("Changchun", "Changchun", "northeast"), ("Changsha", "Changsha", "central"),
            ("Chengdu", "Chengdu", "west"), ("Chongqing", "Chongqing", "west"), ("Fuzhou", "Fuzhou", "east"),
            ("Guangzhou", "Guangzhou", "east"), ("Guiyang", "Guiyang", "west"), ("Haikou", "Haikou", "east"),
            ("Hangzhou", "Hangzhou", "east"), ("Harbin", "Harbin", "northeast"), ("Hefei", "Hefei", "central"),
            ("Hohhot", "Hohhot", "west"), ("Jinan", "Jinan", "east"), ("Kunming", "Kunming", "west"), ("Lanzhou", "Lanzhou", "west"),
            ("Nanchang", "Nanchang", "central"), ("Nanjing", "Nanjing", "east"), ("Nanning", "Nanning", "west"),
            ("Shanghai", "Shanghai", "east"), ("Shenyang", "Shenyang", "northeast"), ("Shijiazhuang", "Shijiazhuang", "east"),
            ("Taiyuan", "Taiyuan", "central"), ("Tianjin", "Tianjin", "east"), ("Urumqi", "Urumqi", "west"), ("Wuhan", "Wuhan", "central"),
            ("xian", "Xi'an", "west"), ("Xining", "Xining", "west"), ("Yinchuan", "Yinchuan", "west"), ("Zhengzhou", "Zhengzhou", "central"),
        ];
        return new CityRegistry(cities.Select(c => new CityInfo(c.Id, c.Region, c.NameEn)).ToList());
    }

    /// <summary>
    /// The 2010/2020 census by prefecture: BOM, CRLF, all quoted, a 49,774-character WKT polygon in 'coord'. No year
    /// column, and its own name holds two years (…2010-2020…), so the year cannot be told: rejected, saying how to fix it.
    /// </summary>
    [SkippableFact]
    public void CensusCsv_UnderItsOwnName_HasNoSingleYear()
    {
        var path = RealFile("census-city-2010-2020", "census_city_2010-2020_v1.csv");

        var read = ReadIndicators(path, CensusCatalog, CityRegistry.Default);

        Assert.False(read.Accepted);
        var error = Assert.Single(read.Problems, p => p.Severity == Severity.Error);
        Assert.Equal(("missing-year-column", 1L), (error.Rule, error.Row));
        Assert.Contains("file name", error.Message);
    }

    /// <summary>The same file uploaded as the 2020 census (the year in its name), with a catalog of the 2020 columns.</summary>
    [SkippableFact]
    public void CensusCsv_WithHugeWktField_IsAccepted()
    {
        var path = RealFile("census-city-2010-2020", "census_city_2010-2020_v1.csv");

        var read = ReadIndicators(path, CensusCatalog, CityRegistry.Default, fileName: CensusName2020);

        Assert.True(read.Accepted, Describe(read.Problems));
        Assert.Equal("CSV text, UTF-8 with BOM, separator ','", read.Summary.Format);
        Assert.Equal("wide, one year (2020, from the file name)", read.Summary.Layout);
        Assert.Equal([2020], read.Summary.Years);
        Assert.Equal("city", read.Summary.Columns.Single(c => c.Use == "city").Header);
        SingleWarning(read.Problems, "unknown-indicator-column", "coord");
        Assert.All(read.Problems, p => Assert.True((p.Value?.Length ?? 0) <= 201, $"a problem quotes {p.Value?.Length} characters"));
        AssertClose(1593444, Value(read, CensusCatalog, Id("朔州市"), 2020, "popu_2020"), "朔州市 popu_2020");
        AssertClose(12.51, Value(read, CensusCatalog, Id("朔州市"), 2020, "age_65_2020"), "朔州市 age_65_2020");
        AssertClose(2.48, Value(read, CensusCatalog, Id("朔州市"), 2020, "household_2020"), "朔州市 household_2020");
        AssertClose(2153638, Value(read, CensusCatalog, Id("鄂尔多斯市"), 2020, "popu_2020"), "鄂尔多斯市 popu_2020");
        AssertClose(878881, Value(read, CensusCatalog, Id("伊春市"), 2020, "popu_2020"), "伊春市 popu_2020");
        AssertClose(5007702, Value(read, CensusCatalog, Id("宜春市"), 2020, "popu_2020"), "宜春市 popu_2020");
        // Cities outside the built-in registry are kept under their name, with a warning.
        AssertClose(21893095, Value(read, CensusCatalog, "北京市", 2020, "popu_2020"), "北京市 popu_2020");
        AssertClose(727265, Value(read, CensusCatalog, "济源市", 2020, "popu_2020"), "济源市 (county-level, under Henan) popu_2020");
    }

    private const string CensusName2020 = "census_city_2020.csv";

    private static readonly Catalog CensusCatalog = new(
    [
        Ind("popu_2020", min: 0, dimension: "social"), Ind("age_65_2020", min: 0, max: 100, dimension: "social"),
        Ind("household_2020", min: 0, max: 10, dimension: "social"),
    ]);

    /// <summary>
    /// The ten XPCC cities (石河子市 …) have no census population: they are cities with missing values, not notes.
    /// All 369 rows are city rows; popu_2020 is missing in 10 of them.
    /// </summary>
    [SkippableFact]
    public void CensusCsv_CitiesWithoutValues_AreCityRowsWithMissingValues()
    {
        var path = RealFile("census-city-2010-2020", "census_city_2010-2020_v1.csv");

        var read = ReadIndicators(path, CensusCatalog, CityRegistry.Default, fileName: CensusName2020);

        Assert.True(read.Accepted, Describe(read.Problems));
        Assert.DoesNotContain(read.Problems, p => p.Rule == "not-a-data-row");
        Assert.Equal(369, read.Summary.DataRows);
        Assert.Equal(369, read.Rows.Count);
        Assert.StartsWith("10 cell(s)", SingleWarning(read.Problems, "missing-value", "popu_2020").Message);
        Assert.Null(Value(read, CensusCatalog, "石河子市", 2020, "popu_2020"));
    }

    /// <summary>CSMAR-style code tables of the CRE export, and the author's merge of them.</summary>
    private static Catalog CreCatalog(string file) => file switch
    {
        "CRE_Gdpct.csv" => new Catalog([Ind("Gdpct01", min: 0), Ind("Gdpct04", min: 0, max: 100), Ind("GDP_PerCapita", min: 0)]),
        "CRE_Eplwagct.csv" => new Catalog([Ind("Eect01", min: 0, dimension: "social"), Ind("Eect13", min: 0)]),
        _ => new Catalog([Ind("city_rgdp", min: 0), Ind("city_rgdppc", min: 0)]),
    };

    /// <summary>
    /// With English names only, "Yichun(city)" / "Yichun city" (伊春 230700 / 宜春 360900), "Suzhou(city)" / "Suzhou"
    /// (苏州 / 宿州) and "Yulin city" / "Yulin(city)" (榆林 / 玉林) cannot be told apart: every such row is an
    /// 'ambiguous-city' error naming the candidates, and nothing else is an error. The BOM does not stick to the first
    /// header, the 4-decimal strings ("4293.0000") are numbers, "Jilin(province)" is reported as a province row.
    /// </summary>
    [SkippableTheory]
    [InlineData("CRE_Gdpct.csv", "CSV text, UTF-8 with BOM, separator ','", 170, 25, "Yichun(city)", "yichun_jx (宜春市) or yichun_hl (伊春市)")]
    [InlineData("CRE_Eplwagct.csv", "CSV text, UTF-8 with BOM, separator ','", 192, 31, "Yulin city", "yulin_sn (榆林市)")]
    [InlineData("city_rgdp.csv", "CSV text, UTF-8, separator ','", 124, 33, "Yichun city", "yichun_jx (宜春市) or yichun_hl (伊春市)")]
    public void CreCsv_ByEnglishName_RejectsAmbiguousNames(string file, string format, int ambiguousRows, long firstRow, string firstName, string candidates)
    {
        var path = RealFile("csmar-cre-cities", file);

        var read = ReadIndicators(path, CreCatalog(file), CityRegistry.Default);

        Assert.Equal(format, read.Summary.Format);
        Assert.Equal("Sgnyea", read.Summary.Columns.Single(c => c.Use == "year").Header);
        Assert.Equal("Ctnm_en", read.Summary.Columns.Single(c => c.Use == "city").Header);
        Assert.False(read.Accepted);
        Assert.Empty(read.Rows);
        Assert.Equal(ambiguousRows, read.ErrorCount);
        Assert.All(read.Problems.Where(p => p.Severity == Severity.Error), p => Assert.Equal("ambiguous-city", p.Rule));
        var first = read.Problems.First(p => p.Severity == Severity.Error);
        Assert.Equal(firstRow, first.Row);
        Assert.Equal("Ctnm_en", first.Column);
        Assert.Equal(firstName, first.Value);
        Assert.Contains(candidates, first.Message);
        Assert.Contains("write the city id or the Chinese name", first.Message);
        // Jilin city (220200) is labelled "Jilin(province)" by the vendor: reported as a province row, as written.
        Assert.Contains(read.Problems, p => p.Rule == "province-row" && p.Value == "Jilin(province)");
    }

    /// <summary>
    /// "Buyi and Miao Autonomous Prefecture of Southwest Guizhou Province" (522300, 黔西南州, from line 55) is a
    /// prefecture whose name ends with its province: not a province row.
    /// </summary>
    [SkippableFact]
    public void CreCsv_PrefectureNamedAfterItsProvince_IsNotSkippedAsAProvince()
    {
        var path = RealFile("csmar-cre-cities", "CRE_Gdpct.csv");

        var read = ReadIndicators(path, CreCatalog("CRE_Gdpct.csv"), CityRegistry.Default);

        Assert.DoesNotContain(read.Problems, p => p.Rule == "province-row" && p.Value == "Buyi and Miao Autonomous Prefecture of Southwest Guizhou Province");
    }

    /// <summary>
    /// A cities file with administrative codes, as a user would write it (pinyin ids, English and Chinese names, code):
    /// both Yichuns, Suzhous and Yulins, and Beijing and Tianjin.
    /// </summary>
    private static readonly CityRegistry CodeRegistry = new(
    [
        new CityInfo("beijing", "east", "Beijing", "北京市", Code: "110000"),
        new CityInfo("tianjin", "east", "Tianjin", "天津市", Code: "120000"),
        new CityInfo("yichun_hl", "northeast", "Yichun (Heilongjiang)", "伊春市", Code: "230700"),
        new CityInfo("yichun_jx", "central", "Yichun (Jiangxi)", "宜春市", Code: "360900"),
        new CityInfo("suzhou_js", "east", "Suzhou (Jiangsu)", "苏州市", Code: "320500"),
        new CityInfo("suzhou_ah", "central", "Suzhou (Anhui)", "宿州市", Code: "341300"),
        new CityInfo("yulin_sn", "west", "Yulin (Shaanxi)", "榆林市", Code: "610800"),
        new CityInfo("yulin_gx", "west", "Yulin (Guangxi)", "玉林市", Code: "450900"),
    ]);

    /// <summary>
    /// With codes in the cities file, the unambiguous Ctnm_id column identifies the cities: the two Yichuns (230700,
    /// 360900) are told apart and the file is accepted; codes outside the registry are kept under the code.
    /// </summary>
    [SkippableTheory]
    [InlineData("CRE_Gdpct.csv")]
    [InlineData("CRE_Eplwagct.csv")]
    [InlineData("city_rgdp.csv")]
    public void CreCsv_WithCodesInTheCitiesFile_IsReadByCode(string file)
    {
        var path = RealFile("csmar-cre-cities", file);
        var catalog = CreCatalog(file);

        var read = ReadIndicators(path, catalog, CodeRegistry);

        Assert.True(read.Accepted, Describe(read.Problems.Where(p => p.Severity == Severity.Error).ToList()));
        Assert.Equal("Ctnm_id", read.Summary.Columns.Single(c => c.Use == "city").Header);
        switch (file)
        {
            case "CRE_Gdpct.csv":
                Assert.Equal(Years(1990, 2021), read.Summary.Years);
                AssertClose(1621.0204, Value(read, catalog, "yichun_jx", 2015, "Gdpct01"), "宜春 2015 GDP");
                AssertClose(29457, Value(read, catalog, "yichun_jx", 2015, "GDP_PerCapita"), "宜春 2015 GDP per capita \"29457.0000\"");
                AssertClose(248.2, Value(read, catalog, "yichun_hl", 2015, "Gdpct01"), "伊春 2015 GDP");
                AssertClose(36.5, Value(read, catalog, "yichun_hl", 2015, "Gdpct04"), "伊春 2015 tertiary share");
                // Urumqi 1990, "4293.0000", and a blank share.
                AssertClose(4293, Value(read, catalog, "650100", 1990, "GDP_PerCapita"), "Urumqi 1990 GDP per capita");
                Assert.Null(Value(read, catalog, "650100", 1990, "Gdpct04"));
                break;
            case "CRE_Eplwagct.csv":
                Assert.Equal(Years(1978, 2021), read.Summary.Years);
                AssertClose(121.1895, Value(read, catalog, "yichun_hl", 2015, "Eect01"), "伊春 2015 population");
                AssertClose(35656, Value(read, catalog, "yichun_hl", 2015, "Eect13"), "伊春 2015 average wage");
                AssertClose(45330, Value(read, catalog, "yichun_jx", 2015, "Eect13"), "宜春 2015 average wage");
                AssertClose(377.4565, Value(read, catalog, "yulin_sn", 2015, "Eect01"), "榆林 2015 population");
                AssertClose(849.7, Value(read, catalog, "beijing", 1978, "Eect01"), "Beijing 1978 population");
                break;
            default:
                Assert.Equal(Years(2000, 2020), read.Summary.Years);
                AssertClose(25580.148361622, Value(read, catalog, "yichun_jx", 2015, "city_rgdppc"), "宜春 2015 real GDP per capita");
                AssertClose(16784.5170779577, Value(read, catalog, "yichun_hl", 2015, "city_rgdppc"), "伊春 2015 real GDP per capita");
                // Bare NA is missing.
                Assert.Null(Value(read, catalog, "yichun_jx", 2000, "city_rgdppc"));
                break;
        }
    }

    /// <summary>Provincial CPI (Sgnyea, Prvcnm_id, Prvcnm_en, Pi0101): no city column, rejected saying so.</summary>
    [SkippableFact]
    public void ProvincialCpiCsv_IsRejected_ForLackOfACityColumn()
    {
        var path = RealFile("csmar-cre-cities", "CRE_Pi01.csv");

        var read = ReadIndicators(path, new Catalog([Ind("Pi0101", min: 0)]), CityRegistry.Default);

        Assert.False(read.Accepted);
        var error = Assert.Single(read.Problems);
        Assert.Equal("missing-city-column", error.Rule);
        Assert.Contains("row 1 has 1 indicator column(s) but no city column", error.Message);
    }

    // ---------------------------------------------------------------- emissions

    /// <summary>
    /// CEADs: NOTE sheet (unit: million tonnes), 'emission vector' (long) and 'emission matrix' (wide, year headers as
    /// strings, one lone 1995 value): 3,929 values in Mt, names with the province in front ("内蒙古鄂尔多斯").
    /// </summary>
    [SkippableFact]
    public void CeadsWorkbook_IsReadFromAnEmissionSheet_InMt()
    {
        var path = RealFile("ceads-city-co2", "The_Emission_Inventories_for_290_Chinese_Cities_from_1997_to_2019.xlsx");

        var read = ReadEmissions(path, CityRegistry.Default);

        Assert.True(read.Accepted, Describe(read.Problems));
        Assert.Equal("Excel workbook (.xlsx)", read.Summary.Format);
        Assert.True(read.Summary.Sheet is "emission matrix" or "emission vector", $"sheet read: {read.Summary.Sheet}");
        Assert.Contains("NOTE", read.Summary.IgnoredSheets);
        Assert.Equal(3929, read.Summary.Observations);
        Assert.Equal(3929, read.Rows.Count);
        Assert.DoesNotContain(read.Rows, r => r.Co2 is null);
        int[] years = [1995, .. Years(1997, 2019)];
        Assert.Equal(years, read.Summary.Years);
        AssertClose(129.78815828106676, Co2(read, "ordos", 2010), "内蒙古鄂尔多斯 2010");
        AssertClose(313.41987954512325, Co2(read, "ordos", 2019), "内蒙古鄂尔多斯 2019");
        AssertClose(21.06576392521015, Co2(read, "suzhou_ah", 2010), "安徽宿州 2010");
        AssertClose(8.532085281302923, Co2(read, "yichun_hl", 2010), "黑龙江伊春 2010");
        AssertClose(27.95369210195822, Co2(read, "yichun_jx", 2010), "江西宜春 2010");
        AssertClose(43.94485107453025, Co2(read, "shuozhou", 2010), "山西朔州 2010");
        AssertClose(41.90495907421989, Co2(read, "jilin_city", 2010), "吉林吉林 2010");
        AssertClose(105.0396713131478, Co2(read, "北京", 2010), "北京 2010 (outside the registry)");
        AssertClose(7.237990922381897, Co2(read, "贵州贵阳", 1995), "贵州贵阳 1995, the lone 1995 value");
        Assert.Contains(read.Summary.UnmatchedCities, u => u.Name == "北京");
    }

    /// <summary>Autonomous prefectures with the province in front, short form: "新疆巴音郭楞", "吉林延边".</summary>
    [SkippableFact]
    public void CeadsWorkbook_MatchesAutonomousPrefecturesByShortName()
    {
        var path = RealFile("ceads-city-co2", "The_Emission_Inventories_for_290_Chinese_Cities_from_1997_to_2019.xlsx");

        var read = ReadEmissions(path, CityRegistry.Default);

        Assert.True(read.Accepted, Describe(read.Problems));
        Assert.DoesNotContain(read.Summary.UnmatchedCities, u => u.Name is "新疆巴音郭楞" or "吉林延边");
        AssertClose(12.646473186440023, Co2(read, "bayingolin", 2010), "新疆巴音郭楞 2010");
        AssertClose(13.860534961901827, Co2(read, "yanbian", 2010), "吉林延边 2010");
    }

    /// <summary>
    /// EDGAR-based CO2 in tonnes ('碳排放量_吨'), 295 cities × 2000–2023, a stray note in J4: converted to Mt.
    /// Expected values are the raw cells of xl/worksheets/sheet1.xml divided by 10^6.
    /// </summary>
    [SkippableFact]
    public void TonnesWorkbook_IsConvertedToMt()
    {
        var path = RealFile("lowcarbon-thesis-gp", "地级市碳排放强度.xlsx");

        var read = ReadEmissions(path, CityRegistry.Default);

        Assert.True(read.Accepted, Describe(read.Problems));
        Assert.Equal("Sheet1", read.Summary.Sheet);
        Assert.Equal("indicator co2", read.Summary.Columns.Single(c => c.Header == "碳排放量_吨").Use);
        Assert.Equal(7080, read.Summary.Observations);
        Assert.Equal(Years(2000, 2023), read.Summary.Years);
        static double Mt(string rawTonnes) => double.Parse(rawTonnes, CultureInfo.InvariantCulture) / 1e6;
        AssertClose(Mt("32339148"), Co2(read, "shuozhou", 2010), "朔州市 2010 (G444)");
        AssertClose(Mt("229560496"), Co2(read, "ordos", 2023), "鄂尔多斯市 2023 (G721)");
        AssertClose(Mt("4707014.5"), Co2(read, "fuxin", 2000), "阜新市 2000 (G986)");
        AssertClose(Mt("72923448"), Co2(read, "北京市", 2010), "北京市 2010 (G12)");
    }

    /// <summary>
    /// A fresh process whose first file is an .xlsx (a Functions worker that has read no CSV yet) must read it. Tests
    /// in this process cannot show it: reading any CSV registers the code-page encodings process-wide. So a child
    /// process, F# interactive of the SDK running this test's own binaries, reads the workbook first.
    /// </summary>
    [SkippableFact]
    public void XlsxAsTheFirstFileOfAFreshProcess_IsRead()
    {
        var path = RealFile("lowcarbon-thesis-gp", "地级市碳排放强度.xlsx");
        var script = Path.Combine(Path.GetTempPath(), $"resilience-xlsx-probe-{Guid.NewGuid():N}.fsx");
        static string Reference(string dll) => $"#r @\"{Path.Combine(AppContext.BaseDirectory, dll)}\"";
        File.WriteAllText(script, string.Join("\n",
            Reference("Resilience.Method.dll"), Reference("ExcelDataReader.dll"), Reference("CsvHelper.dll"),
            $"let stream = System.IO.File.OpenRead @\"{path}\"",
            "let read = Resilience.Method.Emissions.EmissionsFileReader.Read(stream, \"probe.xlsx\", Resilience.Method.Catalogs.CityRegistry.Default, null, null)",
            "for p in read.Problems do if p.Severity = Resilience.Method.Ingestion.Severity.Error then printfn \"%O\" p",
            "printfn \"observations=%d\" read.Summary.Observations"));
        try
        {
            var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
            var start = new ProcessStartInfo(dotnet, ["fsi", script]) { RedirectStandardOutput = true, RedirectStandardError = true };
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            Assert.True(process.WaitForExit(TimeSpan.FromMinutes(3)), "dotnet fsi did not finish within 3 minutes");
            Assert.True(process.ExitCode == 0, $"dotnet fsi failed with exit code {process.ExitCode}: {error.Result}");
            Assert.True(output.Result.Trim() == "observations=7080", $"the workbook, read first in a fresh process:\n{output.Result}");
        }
        finally
        {
            File.Delete(script);
        }
    }

    /// <summary>
    /// County-level CO2 (Chen et al.): 'City Name' holds the prefecture, repeated for each of its counties, so a
    /// city-year appears several times: rejected with 'duplicate-city-year' from the second county on.
    /// </summary>
    [SkippableFact]
    public void CountyCo2Workbook_IsRejected_AsSeveralRowsPerCity()
    {
        var path = RealFile("county-co2-chen2020", "co2.xlsx");

        var read = ReadEmissions(path, CityRegistry.Default);

        Assert.False(read.Accepted);
        Assert.Empty(read.Rows);
        Assert.Equal("Unit (Million tons)", read.Summary.Sheet);
        Assert.Equal("one indicator, one column per year", read.Summary.Layout);
        Assert.Equal(21, read.Summary.Columns.Count(c => c.Use.StartsWith("year ", StringComparison.Ordinal)));
        var first = read.Problems.First(p => p.Severity == Severity.Error);
        Assert.Equal("duplicate-city-year", first.Rule);
        Assert.Equal(3, first.Row);
        Assert.Equal("City Name", first.Column);
        Assert.Equal("合肥市", first.Value);
        Assert.Equal("合肥市 1997 already appears in row 2", first.Message);
        Assert.All(read.Problems.Where(p => p.Severity == Severity.Error),
            p => Assert.Contains(p.Rule, new[] { "duplicate-city-year", "too-many-errors" }));
    }

    // ---------------------------------------------------------------- workbooks of indicators

    /// <summary>
    /// 287 cities, 2004–2012, 40 phantom empty columns; plausible ranges in the catalog flag the implausible values:
    /// green coverage 5 values above 100 % (first 东莞市 2004, 223), waste treatment 1 (北海市 2011, 362),
    /// population 4 above 3,500 万人 (first 东莞市 2010, 5332.1).
    /// </summary>
    [SkippableFact]
    public void CitySustainabilityWorkbook_FlagsImplausibleValuesByColumn()
    {
        var path = RealFile("jc-city-sustainability", "1999-2018 Cities data.xlsx");
        var catalog = new Catalog(
        [
            Ind("gdp", "地区生产总值_当年价格_全市_万元", min: 0), Ind("tertiary_share", "第三产业占GDP的比重_全市_百分比", 0, 100),
            Ind("population", "年末总人口_全市_万人", 0, 3500, dimension: "social"),
            Ind("waste_treatment", "生活垃圾无害化处理率_全市_百分比", 0, 100, dimension: "ecological"),
            Ind("green_coverage", "绿化覆盖率_市辖区_百分比%", 0, 100, dimension: "ecological"),
        ]);

        var read = ReadIndicators(path, catalog, CityRegistry.Default);

        Assert.True(read.Accepted, Describe(read.Problems));
        Assert.Equal("new", read.Summary.Sheet);
        Assert.Equal(1, read.Summary.HeaderRow);
        Assert.Equal(1989, read.Summary.DataRows);
        Assert.Equal(1989, read.Rows.Count);
        Assert.Equal(Years(2004, 2012), read.Summary.Years);
        Assert.DoesNotContain(read.Problems, p => p.Column is "");

        var green = SingleWarning(read.Problems, "implausible-value", "绿化覆盖率_市辖区_百分比%");
        Assert.Equal(293, green.Row);
        Assert.Equal("223", green.Value);
        Assert.StartsWith("5 value(s) lie outside the plausible range [0, 100] declared for 'green_coverage'", green.Message);
        var waste = SingleWarning(read.Problems, "implausible-value", "生活垃圾无害化处理率_全市_百分比");
        Assert.Equal(116, waste.Row);
        Assert.Equal("362", waste.Value);
        Assert.StartsWith("1 value(s)", waste.Message);
        var population = SingleWarning(read.Problems, "implausible-value", "年末总人口_全市_万人");
        Assert.Equal(299, population.Row);
        Assert.Equal("5332.1", population.Value);
        Assert.StartsWith("4 value(s)", population.Message);
        Assert.DoesNotContain(read.Problems, p => p.Rule == "implausible-value" && p.Column == "第三产业占GDP的比重_全市_百分比");
        // Implausible values are kept.
        AssertClose(223, Value(read, catalog, "东莞市", 2004, "green_coverage"), "东莞市 2004 green coverage");
        AssertClose(43.56, Value(read, catalog, Id("朔州市"), 2010, "green_coverage"), "朔州市 2010 green coverage");
        AssertClose(159.07, Value(read, catalog, Id("朔州市"), 2010, "population"), "朔州市 2010 population");
    }

    private static readonly Catalog FinanceCatalog = new(
    [
        Ind("gdp", "地区生产总值(万元)", min: 0), Ind("loans", "年末金融机构各项贷款余额(万元)", min: 0),
        Ind("deposits", "年末金融机构存款余额(万元)", min: 0), Ind("financial_depth", "金融发展水平", min: 0),
    ]);

    /// <summary>
    /// Sheet dimension A1:J1048576 (6,301 rows used); the ratio column is a formula whose cached value is #DIV/0! in
    /// the 236 rows without GDP. Completes (no timing asserted), #DIV/0! is missing.
    /// </summary>
    [SkippableFact]
    public void FinanceWorkbook_WithMillionRowDimensionAndDivZero_IsAccepted()
    {
        var path = RealFile("lowcarbon-thesis-gp", "金融发展水平（2003-2023）236缺失.xlsx");

        var read = ReadIndicators(path, FinanceCatalog, CityRegistry.Default);

        Assert.True(read.Accepted, Describe(read.Problems));
        Assert.Equal(Years(2003, 2023), read.Summary.Years);
        AssertClose(1.81168357537951, Value(read, FinanceCatalog, Id("朔州市"), 2010, "financial_depth"), "朔州市 2010");
        AssertClose(6701476, Value(read, FinanceCatalog, Id("朔州市"), 2010, "gdp"), "朔州市 2010 GDP");
        // 包头市 2017 (row 541): GDP blank, ratio #DIV/0!.
        Assert.Null(Value(read, FinanceCatalog, Id("包头市"), 2017, "financial_depth"));
        Assert.Null(Value(read, FinanceCatalog, Id("包头市"), 2017, "gdp"));
        Assert.DoesNotContain(read.Problems, p => p.Rule == "non-numeric");
    }

    /// <summary>
    /// All 6,300 rows are city-years (the 181 rows with nothing but blanks and #DIV/0!, e.g. 巢湖市 after 2011, too):
    /// 236 missing ratios, 236 missing GDP.
    /// </summary>
    [SkippableFact]
    public void FinanceWorkbook_Reports6300RowsAnd236MissingRatios()
    {
        var path = RealFile("lowcarbon-thesis-gp", "金融发展水平（2003-2023）236缺失.xlsx");

        var read = ReadIndicators(path, FinanceCatalog, CityRegistry.Default);

        Assert.True(read.Accepted, Describe(read.Problems));
        Assert.DoesNotContain(read.Problems, p => p.Rule == "not-a-data-row");
        Assert.Equal(6300, read.Summary.DataRows);
        Assert.Equal(6300, read.Rows.Count);
        Assert.StartsWith("236 cell(s)", SingleWarning(read.Problems, "missing-value", "金融发展水平").Message);
        Assert.StartsWith("236 cell(s)", SingleWarning(read.Problems, "missing-value", "地区生产总值(万元)").Message);
    }

    private static readonly Catalog IndustryCatalog = new(
    [
        Ind("gdp", min: 0), Ind("secondary_value_added", "第二产业增加值", min: 0),
        Ind("tertiary_share", "第三产业占GDP比重", 0, 1),
    ]);

    /// <summary>
    /// Sheets 数据来源 (notes), 面板数据2000-2023 (the panel, year column '年度标识'), 2023 (a partial copy). 735 numbers
    /// stored as text ('43760.7'), shares as fractions; two watermark rows below the data.
    /// </summary>
    [SkippableFact]
    public void IndustryStructureWorkbook_IsReadAsAPanel_WithTextNumbers()
    {
        var path = RealFile("lowcarbon-thesis-gp", "2000-2023地级市产业结构 .xlsx");

        var read = ReadIndicators(path, IndustryCatalog, CityRegistry.Default);

        Assert.True(read.Accepted, Describe(read.Problems));
        Assert.Equal("面板数据2000-2023", read.Summary.Sheet);
        Assert.Equal("年度标识", read.Summary.Columns.Single(c => c.Use == "year").Header);
        Assert.Equal("城市名称", read.Summary.Columns.Single(c => c.Use == "city").Header);
        Assert.Equal(Years(2000, 2023), read.Summary.Years);
        Assert.Equal(7974, read.Rows.Count);
        Assert.DoesNotContain(read.Problems, p => p.Rule == "non-numeric");
        AssertClose(43760.7, Value(read, IndustryCatalog, "北京市", 2023, "gdp"), "北京市 2023 GDP, text '43760.7'");
        AssertClose(14964, Value(read, IndustryCatalog, "北京市", 2010, "gdp"), "北京市 2010 GDP");
        AssertClose(1539.37, Value(read, IndustryCatalog, Id("朔州市"), 2023, "gdp"), "朔州市 2023 GDP, text '1539.37'");
        AssertClose(726.6, Value(read, IndustryCatalog, Id("朔州市"), 2023, "secondary_value_added"), "朔州市 2023, text '726.6'");
        AssertClose(0.460837875234674, Value(read, IndustryCatalog, Id("朔州市"), 2023, "tertiary_share"), "朔州市 2023 tertiary share");
        AssertClose(670.1476, Value(read, IndustryCatalog, Id("朔州市"), 2010, "gdp"), "朔州市 2010 GDP");
    }

    /// <summary>
    /// The watermark rows 7991–7992 ('更多数据，关注淘宝店【行行文库】', 'https://hhwk.taobao.com') sit in the
    /// 第一产业增加值 column with no city: notes to skip, not city-less data rows that reject the file.
    /// </summary>
    [SkippableFact]
    public void IndustryStructureWorkbook_WatermarkInAValueColumn_IsANote()
    {
        var path = RealFile("lowcarbon-thesis-gp", "2000-2023地级市产业结构 .xlsx");
        var catalog = new Catalog([.. IndustryCatalog.Indicators, Ind("primary_value_added", "第一产业增加值", min: 0)]);

        var read = ReadIndicators(path, catalog, CityRegistry.Default, new ReadOptions { MaxProblemsKept = 20_000 });

        Assert.DoesNotContain(read.Problems, p => p.Row is 7991 or 7992 && p.Severity == Severity.Error);
        Assert.Equal([7991L, 7992L], read.Problems.Where(p => p.Rule == "not-a-data-row").Select(p => p.Row).Order());
    }

    /// <summary>
    /// Nominal/real GDP (2000 prices), 296 cities × 2000–2023; a second sheet repeats Shanghai's calculation; a
    /// watermark line in the city column (row 7108) and two beside the table.
    /// </summary>
    [SkippableFact]
    public void RealGdpWorkbook_IsAccepted()
    {
        var path = RealFile("lowcarbon-thesis-gp", "296个地级市GDP相关数据（以2000年为基期）.xlsx");
        var catalog = new Catalog([Ind("nominal_gdp", "名义GDP", min: 0), Ind("gdp_index", "GDP指数", min: 0), Ind("real_gdp", "实际GDP", min: 0)]);

        var read = ReadIndicators(path, catalog, CityRegistry.Default);

        Assert.True(read.Accepted, Describe(read.Problems));
        Assert.Equal("Sheet1", read.Summary.Sheet);
        Assert.Contains("计算过程-以上海市为例", read.Summary.IgnoredSheets);
        Assert.Equal(7104, read.Summary.DataRows);
        Assert.Equal(7104, read.Rows.Count);
        Assert.Equal(Years(2000, 2023), read.Summary.Years);
        var note = Assert.Single(read.Problems, p => p.Rule == "not-a-data-row");
        Assert.Equal(7108, note.Row);
        Assert.Equal("更多数据，关注淘宝店【行行文库】", note.Value);
        var missing = SingleWarning(read.Problems, "missing-value", "名义GDP");
        Assert.Equal(1513, missing.Row);
        Assert.StartsWith("32 cell(s)", missing.Message);
        AssertClose(279.1185, Value(read, catalog, Id("朔州市"), 2010, "real_gdp"), "朔州市 2010 real GDP");
        AssertClose(670.15, Value(read, catalog, Id("朔州市"), 2010, "nominal_gdp"), "朔州市 2010 nominal GDP");
        AssertClose(14305.25, Value(read, catalog, "上海市", 2010, "real_gdp"), "上海市 2010 real GDP");
    }

    /// <summary>
    /// Population density 1998–2024, 298 cities: resident population blank 1,078 times (an interpolated copy
    /// '插值_常住人口（万人）' beside it is another column), density never; watermark rows 8055–8056.
    /// </summary>
    [SkippableFact]
    public void PopulationDensityWorkbook_IsAccepted()
    {
        var path = RealFile("lowcarbon-thesis-gp", "298个地级市人口密度1998-2024年无缺失.xlsx");
        var catalog = new Catalog([Ind("density", "人口密度", min: 0, dimension: "social"), Ind("resident_population", "常住人口", min: 0, dimension: "social")]);

        var read = ReadIndicators(path, catalog, CityRegistry.Default);

        Assert.True(read.Accepted, Describe(read.Problems));
        Assert.Equal("面板数据", read.Summary.Sheet);
        Assert.Equal(8046, read.Summary.DataRows);
        Assert.Equal(8046, read.Rows.Count);
        Assert.Equal(Years(1998, 2024), read.Summary.Years);
        Assert.Equal("indicator resident_population", read.Summary.Columns.Single(c => c.Header == "常住人口（万人）").Use);
        Assert.Equal("ignored", read.Summary.Columns.Single(c => c.Header == "插值_常住人口（万人）").Use);
        var missing = SingleWarning(read.Problems, "missing-value", "常住人口（万人）");
        Assert.StartsWith("1078 cell(s)", missing.Message);
        Assert.Equal(893, missing.Row);
        Assert.Equal([8055L, 8056L], read.Problems.Where(p => p.Rule == "not-a-data-row").Select(p => p.Row).Order());
        AssertClose(155.105729260799, Value(read, catalog, Id("朔州市"), 2010, "density"), "朔州市 2010 density");
        AssertClose(171.64, Value(read, catalog, Id("朔州市"), 2010, "resident_population"), "朔州市 2010 population");
    }

    /// <summary>
    /// Road area per capita for provinces (河北 130000), prefectures (石家庄) and county-level cities (藁城) in one
    /// table. Province rows are skipped with one warning per province. "吉林" is both the province (220000, rows
    /// 2510…) and the short name of 吉林市, which the file writes "吉林市" (220200, rows 2642…): the reader resolves
    /// names, so both land on jilin_city and the file is rejected naming the two rows of each year.
    /// </summary>
    [SkippableFact]
    public void RoadAreaWorkbook_MixedLevels_ProvinceRowsSkipped_JilinCollisionReported()
    {
        var path = RealFile("lowcarbon-thesis-gp", "各省+地级市+县级市人均道路面积.xlsx");
        var catalog = new Catalog([Ind("road_area_per_capita", "人均道路面积", min: 0, dimension: "infrastructure")]);

        var read = ReadIndicators(path, catalog, CityRegistry.Default, new ReadOptions { MaxProblemsKept = 5000 });

        Assert.Equal("地级市+县级市", read.Summary.Sheet);
        Assert.Equal("indicator road_area_per_capita", read.Summary.Columns.Single(c => c.Header == "人均道路面积（平方米）").Use);
        Assert.Equal("ignored", read.Summary.Columns.Single(c => c.Header == "人均道路面积（平方米）  线性插值").Use);
        string[] provinces =
        [
            "河北", "山西", "内蒙古", "辽宁", "黑龙江", "江苏", "浙江", "安徽", "福建", "江西", "山东", "河南", "湖北", "湖南",
            "广东", "广西", "海南", "四川", "贵州", "云南", "西藏", "陕西", "甘肃", "青海", "宁夏", "新疆",
        ];
        Assert.Equal(provinces.Order(StringComparer.Ordinal),
            read.Problems.Where(p => p.Rule == "province-row").Select(p => p.Value!).Order(StringComparer.Ordinal));
        Assert.Contains(read.Problems, p => p.Rule == "unknown-city" && p.Value == "藁城");

        Assert.False(read.Accepted);
        Assert.Equal(22, read.ErrorCount);
        Assert.All(read.Problems.Where(p => p.Severity == Severity.Error), p => Assert.Equal("duplicate-city-year", p.Rule));
        var first = read.Problems.First(p => p.Severity == Severity.Error);
        Assert.Equal(2642, first.Row);
        Assert.Equal("城市", first.Column);
        Assert.Equal("吉林市", first.Value);
        Assert.Equal("jilin_city 2002 already appears in row 2510", first.Message);
    }

    private static readonly Catalog FdiCatalog = new([Ind("fdi", "外商直接投资", min: 0)]);

    /// <summary>FDI, long by city, 1996–2023, a per-row unit column ('百万美元') and a source column.</summary>
    [SkippableFact]
    public void FdiWorkbook_IsAccepted()
    {
        var path = RealFile("lowcarbon-thesis-gp", "1996-2023年地级市外商直接投资FDI.xlsx");

        var read = ReadIndicators(path, FdiCatalog, CityRegistry.Default);

        Assert.True(read.Accepted, Describe(read.Problems));
        Assert.Equal("Sheet1", read.Summary.Sheet);
        Assert.Equal("地级市", read.Summary.Columns.Single(c => c.Use == "city").Header);
        Assert.Equal("单位", read.Summary.Columns.Single(c => c.Use == "unit").Header);
        SingleWarning(read.Problems, "unknown-indicator-column", "数据来源");
        Assert.Equal(Years(1996, 2023), read.Summary.Years);
        AssertClose(13.8999996185303, Value(read, FdiCatalog, Id("七台河市"), 2010, "fdi"), "七台河 2010");
        Assert.Null(Value(read, FdiCatalog, Id("七台河市"), 1996, "fdi"));
        Assert.Null(Value(read, FdiCatalog, Id("鄂尔多斯市"), 2010, "fdi"));
    }

    /// <summary>All 8,260 rows are city-years, 1,260 of them with a blank FDI (whether or not the city is registered).</summary>
    [SkippableFact]
    public void FdiWorkbook_BlankValuesOfUnregisteredCities_AreMissingValuesNotNotes()
    {
        var path = RealFile("lowcarbon-thesis-gp", "1996-2023年地级市外商直接投资FDI.xlsx");

        var read = ReadIndicators(path, FdiCatalog, CityRegistry.Default);

        Assert.True(read.Accepted, Describe(read.Problems));
        Assert.DoesNotContain(read.Problems, p => p.Rule == "not-a-data-row");
        Assert.Equal(8260, read.Summary.DataRows);
        Assert.Equal(8260, read.Rows.Count);
        Assert.StartsWith("1260 cell(s)", SingleWarning(read.Problems, "missing-value", "外商直接投资").Message);
    }
}
