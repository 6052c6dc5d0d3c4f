using Resilience.Method.Catalogs;
using Resilience.Method.Ingestion;

namespace Resilience.Method.Tests;

/// <summary>How city names, codes and numbers written by real files are recognised (realdata-quirks.md §E, §F).</summary>
public sealed class NameAndNumberMatchingTests
{
    private static readonly CityRegistry Registry = CityRegistry.Default;

    [Theory]
    [InlineData("ordos", "ordos")]
    [InlineData("Ordos", "ordos")]
    [InlineData("鄂尔多斯市", "ordos")]
    [InlineData("鄂尔多斯", "ordos")]
    [InlineData("内蒙古鄂尔多斯", "ordos")] // CEADs: province short name + city
    [InlineData("  大同市", "datong")] // CCSY indentation
    [InlineData("\u00A0\u00A0阜新市", "fuxin")] // NBSP indentation
    [InlineData("Datong(city) ", "datong")] // CRE style, trailing space
    [InlineData("Datong City", "datong")]
    [InlineData("DATONG", "datong")]
    [InlineData("Jilin (city)", "jilin_city")]
    [InlineData("Jilin", "jilin_city")] // as "吉林": in a city column, the city named like its province
    [InlineData("吉林", "jilin_city")]
    public void Find_AcceptsTheNameFormsFilesUse(string written, string id) => Assert.Equal(id, Registry.Find(written)?.Id);

    [Theory]
    [InlineData("Yichun")]
    [InlineData("Yichun(city)")]
    [InlineData("Suzhou")] // the registry has 宿州 only, but 苏州 is far more often meant
    public void Ambiguous_EnglishNamesAreNotGuessed(string written)
    {
        Assert.Null(Registry.Find(written));
        Assert.NotNull(Registry.Ambiguous(written));
    }

    [Theory]
    [InlineData("河北省", true)]
    [InlineData("河北省 / Hebei", true)]
    [InlineData("Hainan(province)", true)]
    [InlineData("广西壮族自治区", true)]
    [InlineData("吉林市", false)] // a city named like its province
    [InlineData("Jilin", false)]
    [InlineData("Jilin Province", true)]
    [InlineData("大同市", false)]
    [InlineData("Atlantis", false)]
    public void IsProvince(string name, bool province) => Assert.Equal(province, Registry.IsProvince(name));

    [Fact]
    public void Closest_ProposesNearNames_AndNothingFar()
    {
        Assert.StartsWith("datong", Registry.Closest("Datnog").First());
        Assert.Empty(Registry.Closest("Urumqi"));
    }

    [Fact]
    public void Codes_MatchWhenTheCitiesFileHasThem_MunicipalitiesEitherWay()
    {
        var cities = new CityRegistry([new CityInfo("beijing", "east", "Beijing", "北京市", Code: "110000"), new CityInfo("datong", "central", Code: "140200")]);
        Assert.Equal("beijing", cities.Find("110100")?.Id);
        Assert.Equal("beijing", cities.Find("110000")?.Id);
        Assert.Equal("datong", cities.Find("140200")?.Id);
        Assert.Null(cities.Find("140201"));
    }

    [Theory]
    [InlineData("1,234,567.5", false, 1234567.5)]
    [InlineData("792.06 ", false, 792.06)]
    [InlineData("4293.0000", false, 4293)]
    [InlineData("+12", false, 12)]
    [InlineData("12.5%", false, 12.5)]
    [InlineData("1.234.567,5", true, 1234567.5)]
    [InlineData("1 234,5", true, 1234.5)]
    [InlineData("12,5", true, 12.5)]
    [InlineData("-0,25", true, -0.25)]
    public void Numbers_WithTheFilesConventions(string text, bool decimalComma, double expected)
    {
        Assert.True(new NumberConventions(decimalComma).TryParse(text, out var value));
        Assert.Equal(expected, value, 12);
    }

    [Theory]
    [InlineData("1,5", false)] // a decimal comma in a decimal-point file is ambiguous: not guessed
    [InlineData("12,34,567", false)] // Indian grouping is not a thousands grouping of three
    [InlineData("1.5", true)] // a decimal point in a decimal-comma file
    [InlineData("1.2.3", false)]
    [InlineData("abc", false)]
    [InlineData("Infinity", false)]
    public void Numbers_NotGuessed(string text, bool decimalComma) => Assert.False(new NumberConventions(decimalComma).TryParse(text, out _));

    [Theory]
    [InlineData("2019", 2019)]
    [InlineData("2019.0", 2019)]
    [InlineData("2019年", 2019)]
    [InlineData("C1997", 1997)]
    [InlineData(" 2008 ", 2008)]
    public void Years_AsFilesWriteThem(string text, int year)
    {
        Assert.True(NumberConventions.TryParseYear(text, out var parsed));
        Assert.Equal(year, parsed);
    }

    [Theory]
    [InlineData("人均地区生产总值\r\n(元)\r\nPer Capita GRP\r\n(yuan)", "gdp_per_capita")]
    [InlineData("人均地区生产总值（元）", "gdp_per_capita")]
    [InlineData("GDP per capita", "gdp_per_capita")]
    [InlineData("GDP_per_capita", "gdp_per_capita")]
    [InlineData("人均地区生产总值_元", "gdp_per_capita")]
    public void IndicatorHeaders_ByIdOrName(string header, string id)
    {
        var read = IndicatorFileReader.Read(new StringReader($"city_id,year,\"{header}\"\ndatong,2015,1\n"), "f.csv", Catalog.Default, Registry);
        Assert.True(read.Accepted, string.Join("\n", read.Problems));
        Assert.Equal(1.0, read.Rows.Single().Values[Catalog.Default.IndexOf(id)]);
    }
}
