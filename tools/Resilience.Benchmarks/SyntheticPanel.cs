using System.Globalization;
using System.Text;
using Resilience.Method.Catalogs;
using Resilience.Method.Emissions;
using Resilience.Method.Ingestion;
using Resilience.Method.Sensitivity;

namespace Resilience.Benchmarks;

/// <summary>
/// A deterministic synthetic panel of any size: cities in four regions, indicators in four dimensions (every fifth a
/// cost), log-normal levels with city effects, a trend and noise, a small share of empty cells, and CO2 per city-year.
/// Values are rounded to 3 decimals, so the in-memory panel and its CSV files hold exactly the same numbers.
/// </summary>
internal sealed class SyntheticPanel
{
    private static readonly string[] Regions = ["east", "central", "west", "northeast"];
    private static readonly string[] Dimensions = ["economic", "social", "ecological", "infrastructure"];

    public required Catalog Catalog { get; init; }
    public required CityRegistry Cities { get; init; }
    public required IReadOnlyList<int> Years { get; init; }
    public required List<ObservationRow> Observations { get; init; }
    public required List<EmissionRow> Emissions { get; init; }

    public static SyntheticPanel Generate(int cityCount, int yearCount, int indicatorCount, double missingShare, ulong seed)
    {
        var random = Xoshiro256StarStar.ForStream(seed, 0);
        var indicators = Enumerable.Range(0, indicatorCount)
            .Select(j => new Indicator($"i{j + 1:D2}", Dimensions[j % Dimensions.Length], j % 5 == 4 ? Direction.Cost : Direction.Benefit))
            .ToList();
        var cities = Enumerable.Range(0, cityCount).Select(c => new CityInfo($"c{c + 1:D4}", Regions[c % Regions.Length])).ToList();
        var years = Enumerable.Range(2001, yearCount).ToList();

        var observations = new List<ObservationRow>(cityCount * yearCount);
        var emissions = new List<EmissionRow>(cityCount * yearCount);
        for (var c = 0; c < cityCount; c++)
        {
            var regionLevel = 0.15 * (Regions.Length - 1 - c % Regions.Length);
            var cityEffect = indicators.Select(_ => regionLevel + 0.6 * (random.NextDouble() - 0.5)).ToArray();
            var cityGrowth = indicators.Select(_ => 0.01 + 0.05 * random.NextDouble()).ToArray();
            var co2Level = 1 + 4 * random.NextDouble();
            for (var t = 0; t < yearCount; t++)
            {
                var values = new double?[indicatorCount];
                for (var j = 0; j < indicatorCount; j++)
                {
                    if (random.NextDouble() < missingShare) continue;
                    var scale = Math.Pow(10, 1 + j % 4);
                    var trend = (indicators[j].Direction == Direction.Benefit ? 1 : -1) * cityGrowth[j] * t;
                    values[j] = Math.Round(scale * Math.Exp(cityEffect[j] + trend + 0.1 * (random.NextDouble() - 0.5)), 3);
                }
                observations.Add(new ObservationRow(cities[c].Id, years[t], values));
                emissions.Add(new EmissionRow(cities[c].Id, years[t], Math.Round(10 * co2Level * Math.Exp(0.02 * t + 0.05 * (random.NextDouble() - 0.5)), 3)));
            }
        }
        return new SyntheticPanel
        {
            Catalog = new Catalog(indicators), Cities = new CityRegistry(cities), Years = years,
            Observations = observations, Emissions = emissions,
        };
    }

    /// <summary>Writes catalog.csv, cities.csv, emissions.csv and one wide indicators_YYYY.csv per year; returns the indicator files.</summary>
    public List<string> WriteCsv(string directory)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllLines(Path.Combine(directory, "catalog.csv"),
            ["indicator_id,dimension,direction", .. Catalog.Indicators.Select(i => $"{i.Id},{i.Dimension},{i.DirectionSymbol}")]);
        File.WriteAllLines(Path.Combine(directory, "cities.csv"), ["city_id,region", .. Cities.Cities.Select(c => $"{c.Id},{c.Region}")]);
        File.WriteAllLines(Path.Combine(directory, "emissions.csv"),
            ["city_id,year,co2", .. Emissions.Select(e => $"{e.CityId},{e.Year},{Format(e.Co2)}")]);

        var files = new List<string>();
        foreach (var year in Years)
        {
            var path = Path.Combine(directory, $"indicators_{year}.csv");
            var text = new StringBuilder();
            text.AppendLine("city_id,year," + string.Join(",", Catalog.Indicators.Select(i => i.Id)));
            foreach (var row in Observations.Where(o => o.Year == year))
                text.Append(row.CityId).Append(',').Append(year).Append(',').AppendJoin(',', row.Values.Select(Format)).AppendLine();
            File.WriteAllText(path, text.ToString());
            files.Add(path);
        }
        return files;
    }

    private static string Format(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "";
}
