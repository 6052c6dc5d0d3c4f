using Resilience.Method.Catalogs;
using Resilience.Method.Ingestion;

namespace Resilience.Method.Tests;

public sealed class ConflictingValuesTests
{
    private static readonly Catalog Catalog = Catalog.Default;
    private static readonly int Gdp = Catalog.IndexOf("gdp_per_capita");
    private static readonly int Tertiary = Catalog.IndexOf("tertiary_share");

    private static ObservationRow Row(string city, int year, params (int Indicator, double Value)[] cells)
    {
        var values = new double?[Catalog.Count];
        foreach (var (indicator, value) in cells) values[indicator] = value;
        return new ObservationRow(city, year, values);
    }

    [Fact]
    public void FilesSplittingAYearByIndicator_DoNotConflict_SameValuesNeither()
    {
        var files = new List<(string, IReadOnlyList<ObservationRow>)>
        {
            ("economic_2019.csv", [Row("datong", 2019, (Gdp, 45000))]),
            ("social_2019.csv", [Row("datong", 2019, (Tertiary, 48.5))]),
            ("all_2019.csv", [Row("datong", 2019, (Gdp, 45000), (Tertiary, 48.5))]),
        };
        Assert.Null(ConflictingValues.Describe(Catalog, files));
    }

    [Fact]
    public void DifferentValuesForOneCell_AreCounted_NamingTheFirstWithBothFiles()
    {
        var files = new List<(string, IReadOnlyList<ObservationRow>)>
        {
            ("indicators_2019.csv", [Row("datong", 2019, (Gdp, 45000), (Tertiary, 48.5)), Row("benxi", 2019, (Gdp, 38000))]),
            ("social_2019.csv", [Row("datong", 2019, (Tertiary, 48.5))]),
            ("revised_2019.csv", [Row("datong", 2019, (Gdp, 90000)), Row("benxi", 2019, (Gdp, 38000.5)), Row("benxi", 2018, (Gdp, 1))]),
        };
        var warning = ConflictingValues.Describe(Catalog, files);
        Assert.NotNull(warning);
        Assert.StartsWith("2 value(s) are given differently by two files for the same city, year and indicator " +
                          "(first: datong 2019 gdp_per_capita: 45000 in indicators_2019.csv, 90000 in revised_2019.csv)", warning);
    }
}
