using System.Globalization;
using Resilience.Method.Assessment;
using Resilience.Method.Catalogs;
using Resilience.Method.Demo;
using Resilience.Method.Ingestion;

namespace Resilience.Method.Tests;

public class DemoDataGeneratorTests
{
    private static readonly string[] Regions = ["central", "east", "northeast", "west"];

    [Fact]
    public void SameSeed_GivesIdenticalText()
    {
        var a = DemoDataGenerator.YearlyFiles();
        var b = DemoDataGenerator.YearlyFiles(DemoDataGenerator.DefaultSeed);
        Assert.Equal(a.Count, b.Count);
        for (var i = 0; i < a.Count; i++)
        {
            Assert.Equal(a[i].Year, b[i].Year);
            Assert.Equal(a[i].FileName, b[i].FileName);
            Assert.Equal(a[i].Csv, b[i].Csv);
        }
        Assert.Equal(DemoDataGenerator.CitiesCsv(), DemoDataGenerator.CitiesCsv(DemoDataGenerator.DefaultSeed));
    }

    [Fact]
    public void DifferentSeed_GivesDifferentValues()
    {
        var a = DemoDataGenerator.YearlyFiles(seed: 1);
        var b = DemoDataGenerator.YearlyFiles(seed: 2);
        Assert.Contains(Enumerable.Range(0, a.Count), i => a[i].Csv != b[i].Csv);
        // The cities and the layout do not depend on the seed.
        Assert.Equal(DemoDataGenerator.CitiesCsv(seed: 1), DemoDataGenerator.CitiesCsv(seed: 2));
        Assert.Equal(a[0].Csv.Split('\n')[0], b[0].Csv.Split('\n')[0]);
    }

    [Fact]
    public void YearlyFiles_HaveTheExpectedLayout()
    {
        var files = DemoDataGenerator.YearlyFiles();
        Assert.Equal(Enumerable.Range(2010, 10), files.Select(f => f.Year));
        Assert.Equal(files.Select(f => $"indicators_{f.Year}.csv"), files.Select(f => f.FileName));
        var header = "city_id,year," + string.Join(",", Catalog.Default.Indicators.Select(i => i.Id));
        foreach (var (year, _, csv) in files)
        {
            Assert.DoesNotContain('\r', csv);
            Assert.EndsWith("\n", csv);
            var lines = csv.TrimEnd('\n').Split('\n');
            Assert.Equal(header, lines[0]);
            Assert.Equal(31, lines.Length);
            var ids = lines.Skip(1).Select(l => l.Split(',')[0]).ToList();
            Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
            Assert.All(lines.Skip(1), l =>
            {
                var fields = l.Split(',');
                Assert.Equal(31, fields.Length);
                Assert.Equal(year.ToString(CultureInfo.InvariantCulture), fields[1]);
            });
        }
    }

    [Fact]
    public void YearlyFiles_ReadWithoutProblems_AndHaveAboutOnePercentMissing()
    {
        var files = DemoDataGenerator.YearlyFiles();
        int cells = 0, missing = 0;
        foreach (var (_, name, csv) in files)
        {
            var read = IndicatorFileReader.Read(new StringReader(csv), name, Catalog.Default, CityRegistry.Default);
            Assert.True(read.Accepted, string.Join("\n", read.Problems));
            // The only warnings: columns with missing cells (about 1 %), which the assessment imputes.
            Assert.All(read.Problems, p => Assert.Equal("missing-value", p.Rule));
            Assert.DoesNotContain(read.Problems, p => p.Rule == "unknown-city");
            Assert.Equal(30, read.Rows.Count);
            foreach (var row in read.Rows)
            {
                cells += row.Values.Length;
                missing += row.Values.Count(v => v is null);
            }
        }
        Assert.Equal(30 * 10 * 29, cells);
        Assert.InRange(missing, 1, cells * 3 / 100);
    }

    [Fact]
    public void Values_HavePlausibleMagnitudesAndTrends()
    {
        var rows = ReadAll();
        double?[] Column(string id, int year) =>
            rows.Where(r => r.Year == year).Select(r => r.Values[Catalog.Default.IndexOf(id)]).ToArray();
        double Mean(string id, int year) => Column(id, year).Where(v => v is not null).Average(v => v!.Value);

        Assert.All(rows.Select(r => r.Values[Catalog.Default.IndexOf("gdp_per_capita")]).OfType<double>(),
            v => Assert.InRange(v, 30000, 150000));
        foreach (var indicator in Catalog.Default.Indicators.Where(i => i.Unit == "%"))
        {
            Assert.All(rows.Select(r => r.Values[Catalog.Default.IndexOf(indicator.Id)]).OfType<double>(),
                v => Assert.InRange(v, -20, 100));
        }
        foreach (var id in new[] { "gdp_per_capita", "tertiary_share", "broadband_per_100", "sewage_treatment_rate" })
            Assert.True(Mean(id, 2019) > Mean(id, 2010), $"{id} should rise on average");
        foreach (var id in new[] { "so2_per_gdp", "mining_employment_share", "unemployment_rate" })
            Assert.True(Mean(id, 2019) < Mean(id, 2010), $"{id} should fall on average");
    }

    [Fact]
    public void CitiesCsv_ListsThirtyRegistryCitiesFromAllFourRegions()
    {
        var text = DemoDataGenerator.CitiesCsv();
        Assert.StartsWith("city_id,region,name_en,name_zh,province_en,resource_type,stage,lat,lon\n", text);
        var parsed = CityRegistry.Parse(new StringReader(text), "cities.csv");
        Assert.Equal(30, parsed.Cities.Count);
        Assert.Equal(Regions, parsed.Cities.Select(c => c.Region).Distinct().Order(StringComparer.Ordinal));
        foreach (var city in parsed.Cities)
        {
            var registered = CityRegistry.Default.Find(city.Id);
            Assert.NotNull(registered);
            Assert.Equal(registered with { ProvinceZh = null }, city);
        }
        // The yearly files cover exactly these cities.
        var ids = parsed.Cities.Select(c => c.Id).ToList();
        Assert.Equal(ids, ReadAll().Where(r => r.Year == 2010).Select(r => r.CityId));
    }

    [Fact]
    public void Assessment_RisesOverTime_WithEastAheadOfWest()
    {
        var result = PanelAssessment.Run(Catalog.Default, CityRegistry.Default, ReadAll());

        Assert.Equal(30, result.Cities.Count);
        Assert.Equal(Enumerable.Range(2010, 10), result.Years);
        Assert.True(result.Yearly[0].Mean < result.Yearly[^1].Mean,
            $"mean composite {result.Yearly[0].Mean} in 2010, {result.Yearly[^1].Mean} in 2019");
        var last = result.Yearly[^1].RegionalMeans;
        Assert.Equal(Regions, last.Keys.Order(StringComparer.Ordinal));
        Assert.True(last["east"].Composite > last["west"].Composite,
            $"east {last["east"].Composite}, west {last["west"].Composite} in 2019");
    }

    [Fact]
    public void WriteTo_WritesEveryYearAndTheCities()
    {
        var directory = Path.Combine(Path.GetTempPath(), "demo-data-" + Guid.NewGuid().ToString("N"));
        try
        {
            DemoDataGenerator.WriteTo(directory, firstYear: 2015, lastYear: 2017, cityCount: 12);
            var expected = DemoDataGenerator.YearlyFiles(firstYear: 2015, lastYear: 2017, cityCount: 12);
            Assert.Equal(
                ["cities.csv", "indicators_2015.csv", "indicators_2016.csv", "indicators_2017.csv"],
                Directory.GetFiles(directory).Select(Path.GetFileName).Order(StringComparer.Ordinal));
            foreach (var (_, name, csv) in expected)
                Assert.Equal(csv, File.ReadAllText(Path.Combine(directory, name)));
            Assert.Equal(DemoDataGenerator.CitiesCsv(cityCount: 12), File.ReadAllText(Path.Combine(directory, "cities.csv")));
        }
        finally
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void InvalidArguments_AreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DemoDataGenerator.YearlyFiles(cityCount: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => DemoDataGenerator.YearlyFiles(firstYear: 2019, lastYear: 2010));
        Assert.Throws<ArgumentOutOfRangeException>(() => DemoDataGenerator.CitiesCsv(cityCount: 10_000));
    }

    private static List<ObservationRow> ReadAll() =>
        DemoDataGenerator.YearlyFiles()
            .SelectMany(f => IndicatorFileReader.Read(new StringReader(f.Csv), f.FileName, Catalog.Default, CityRegistry.Default).Rows)
            .ToList();
}
