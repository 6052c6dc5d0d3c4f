using System.Globalization;
using System.Text;
using Resilience.Method.Catalogs;

namespace Resilience.Method.Demo;

/// <summary>
/// Deterministic synthetic demo dataset for the resilience pipeline: a mix of resource-based cities of the four
/// regions taken from <see cref="CityRegistry.Default"/>, every indicator of <see cref="Catalog.Default"/>, one
/// wide CSV per year. Values have plausible magnitudes, trends (benefit indicators mostly improving, cost indicators
/// declining), regional level differences (east ahead of central, northeast and west), persistent city differences,
/// year-to-year noise and about 1% empty cells.
/// </summary>
/// <remarks>
/// The data are invented, not statistics. The output depends only on the arguments: the random numbers come from
/// <c>new Random(seed)</c> (whose seeded sequence is fixed across .NET versions and machines), the arithmetic uses
/// only +, −, ×, ÷ and rounding, and every number is formatted with the invariant culture.
/// </remarks>
public static class DemoDataGenerator
{
    public const int DefaultSeed = 20101;

    /// <summary>Share of cells left empty (missing).</summary>
    private const double MissingShare = 0.01;

    /// <summary>Regions in the order the cities are taken from them, round-robin.</summary>
    private static readonly string[] RegionOrder = ["east", "central", "west", "northeast"];

    /// <summary>Relative development level of a region: east ahead, then central, northeast, west.</summary>
    private static double RegionLevel(string region) => region switch
    {
        "east" => 1.0,
        "central" => 0.0,
        "northeast" => -0.3,
        "west" => -0.6,
        _ => 0.0,
    };

    private enum Shape
    {
        /// <summary>Levels scale: region and city effects are factors, the trend is a yearly growth rate.</summary>
        Multiplicative,

        /// <summary>Levels shift (percentages, per-capita areas): effects and trend are in the indicator's unit.</summary>
        Additive,
    }

    /// <param name="Base">Level of an average (central-region) city in the first year.</param>
    /// <param name="Trend">Yearly growth rate (multiplicative) or yearly step (additive); negative = declining.</param>
    /// <param name="Region">Effect of one unit of region level (east = 1); negative = lower in the east.</param>
    /// <param name="City">Standard deviation of the persistent city effect.</param>
    /// <param name="Noise">Standard deviation of the yearly noise.</param>
    private sealed record Spec(
        Shape Shape, double Base, double Trend, double Region, double City, double Noise, double Min, double Max, int Decimals);

    private static Spec Mult(double @base, double trend, double region, double city, double noise, double min, double max, int decimals) =>
        new(Shape.Multiplicative, @base, trend, region, city, noise, min, max, decimals);

    private static Spec Add(double @base, double trend, double region, double city, double noise, double min, double max, int decimals) =>
        new(Shape.Additive, @base, trend, region, city, noise, min, max, decimals);

    /// <summary>Profiles of the default catalog's indicators (units as in catalog.csv).</summary>
    private static readonly Dictionary<string, Spec> Specs = new(StringComparer.OrdinalIgnoreCase)
    {
        // economic
        ["gdp_per_capita"] = Mult(42000, 0.07, 0.22, 0.18, 0.02, 30000, 150000, 0),            // yuan/person
        ["gdp_growth_rate"] = Add(12.0, -0.6, 0.4, 1.2, 1.0, -3, 18, 1),                       // %, slowing down
        ["tertiary_share"] = Add(34, 1.3, 4, 4, 1.0, 15, 70, 2),                               // %
        ["fiscal_revenue_per_capita"] = Mult(3200, 0.08, 0.35, 0.3, 0.05, 600, 30000, 0),      // yuan/person
        ["retail_sales_per_capita"] = Mult(12000, 0.10, 0.25, 0.2, 0.03, 3000, 80000, 0),      // yuan/person
        ["savings_per_capita"] = Mult(20000, 0.10, 0.3, 0.2, 0.03, 5000, 150000, 0),           // yuan/person
        ["mining_employment_share"] = Mult(14, -0.05, -0.35, 0.35, 0.05, 0.5, 45, 2),          // %, cost
        // social
        ["doctors_per_10k"] = Mult(18, 0.04, 0.15, 0.15, 0.03, 8, 60, 2),                      // persons/10^4 persons
        ["hospital_beds_per_10k"] = Mult(40, 0.05, 0.1, 0.15, 0.03, 15, 110, 2),               // beds/10^4 persons
        ["college_students_per_10k"] = Mult(110, 0.04, 0.3, 0.45, 0.04, 5, 800, 1),            // persons/10^4 persons
        ["unemployment_rate"] = Add(3.8, -0.08, -0.3, 0.45, 0.2, 1.0, 7.0, 2),                 // %, cost
        ["pension_coverage"] = Add(18, 1.2, 6, 4, 0.8, 3, 80, 2),                              // %
        ["education_exp_share"] = Add(16, 0.2, 1, 2, 0.7, 8, 28, 2),                           // %
        ["library_books_per_100"] = Mult(45, 0.06, 0.3, 0.3, 0.04, 5, 300, 1),                 // volumes/100 persons
        // ecological
        ["green_coverage_builtup"] = Add(36, 0.6, 2.5, 3, 0.8, 15, 55, 2),                     // %
        ["park_green_per_capita"] = Add(10, 0.35, 1.2, 2, 0.5, 3, 25, 2),                      // m2/person
        ["wastewater_per_gdp"] = Mult(4.0, -0.09, -0.3, 0.4, 0.08, 0.1, 20, 3),                // t/10^4 yuan, cost
        ["so2_per_gdp"] = Mult(90, -0.14, -0.3, 0.4, 0.08, 1, 500, 2),                         // t/10^8 yuan, cost
        ["dust_per_gdp"] = Mult(60, -0.10, -0.3, 0.4, 0.10, 1, 400, 2),                        // t/10^8 yuan, cost
        ["solid_waste_utilization"] = Add(62, 1.0, 8, 10, 2.5, 10, 100, 2),                   // %
        ["sewage_treatment_rate"] = Add(78, 1.8, 4, 5, 1.5, 30, 100, 2),                       // %
        ["garbage_harmless_rate"] = Add(85, 1.5, 4, 6, 1.5, 40, 100, 2),                       // %
        // infrastructure
        ["road_area_per_capita"] = Add(12, 0.45, 1.5, 2.5, 0.4, 4, 30, 2),                     // m2/person
        ["buses_per_10k"] = Mult(8.5, 0.04, 0.2, 0.2, 0.04, 2, 25, 2),                         // vehicles/10^4 persons
        ["drainage_density"] = Add(8, 0.3, 1.5, 2, 0.4, 2, 20, 2),                             // km/km2
        ["gas_coverage"] = Add(82, 1.5, 5, 6, 1.5, 30, 100, 2),                                // %
        ["broadband_per_100"] = Mult(10, 0.13, 0.35, 0.25, 0.05, 1, 70, 2),                    // households/100 persons
        ["mobile_per_100"] = Mult(65, 0.06, 0.2, 0.15, 0.03, 20, 200, 2),                      // users/100 persons
        ["water_coverage"] = Add(90, 0.9, 3, 4, 1.0, 50, 100, 2),                              // %
    };

    /// <summary>One CSV per year: <c>city_id,year,&lt;indicator ids in catalog order&gt;</c>, rows by city id, empty = missing.</summary>
    public static IReadOnlyList<(int Year, string FileName, string Csv)> YearlyFiles(
        int seed = DefaultSeed, int firstYear = 2010, int lastYear = 2019, int cityCount = 30)
    {
        if (lastYear < firstYear)
            throw new ArgumentOutOfRangeException(nameof(lastYear), lastYear, $"the last year is before the first year {firstYear}");
        var catalog = Catalog.Default;
        var cities = SelectCities(cityCount);
        var values = Generate(seed, catalog, cities, lastYear - firstYear + 1);

        var files = new List<(int, string, string)>();
        for (var t = 0; t <= lastYear - firstYear; t++)
        {
            var year = firstYear + t;
            var csv = new StringBuilder();
            csv.Append("city_id,year");
            foreach (var indicator in catalog.Indicators) csv.Append(',').Append(Tables.CsvField.Escape(indicator.Id));
            csv.Append('\n');
            for (var c = 0; c < cities.Count; c++)
            {
                csv.Append(Tables.CsvField.Escape(cities[c].Id)).Append(',').Append(year.ToString(CultureInfo.InvariantCulture));
                for (var j = 0; j < catalog.Count; j++)
                {
                    csv.Append(',');
                    var value = values[c, t, j];
                    if (!double.IsNaN(value)) csv.Append(Format(value, SpecFor(catalog.Indicators[j]).Decimals));
                }
                csv.Append('\n');
            }
            files.Add((year, $"indicators_{year.ToString(CultureInfo.InvariantCulture)}.csv", csv.ToString()));
        }
        return files;
    }

    /// <summary>
    /// <c>cities.csv</c> for the demo cities (data from the registry), rows by city id. The choice of cities does not
    /// depend on the seed; the parameter is there so that callers can pass the same arguments as to <see cref="YearlyFiles"/>.
    /// </summary>
    public static string CitiesCsv(int seed = DefaultSeed, int cityCount = 30)
    {
        _ = seed;
        var csv = new StringBuilder("city_id,region,name_en,name_zh,province_en,resource_type,stage,lat,lon\n");
        foreach (var city in SelectCities(cityCount))
        {
            string[] fields =
            [
                city.Id, city.Region, city.NameEn ?? "", city.NameZh ?? "", city.Province ?? "", city.ResourceType ?? "",
                city.Stage ?? "", city.Latitude?.ToString(CultureInfo.InvariantCulture) ?? "",
                city.Longitude?.ToString(CultureInfo.InvariantCulture) ?? "",
            ];
            csv.AppendJoin(',', fields.Select(Tables.CsvField.Escape)).Append('\n');
        }
        return csv.ToString();
    }

    /// <summary>Writes <c>indicators_YYYY.csv</c> for every year and <c>cities.csv</c> into the directory (created if needed).</summary>
    public static void WriteTo(string directory, int seed = DefaultSeed, int firstYear = 2010, int lastYear = 2019, int cityCount = 30)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var files = YearlyFiles(seed, firstYear, lastYear, cityCount);
        var cities = CitiesCsv(seed, cityCount);
        Directory.CreateDirectory(directory);
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        foreach (var (_, fileName, csv) in files) File.WriteAllText(Path.Combine(directory, fileName), csv, utf8);
        File.WriteAllText(Path.Combine(directory, "cities.csv"), cities, utf8);
    }

    /// <summary>
    /// Takes cities round-robin from the regions (east, central, west, northeast), each region's in registry order,
    /// so 30 cities are 8 east, 8 central, 7 west and 7 northeast; the result is sorted by city id.
    /// </summary>
    private static List<CityInfo> SelectCities(int cityCount)
    {
        var byRegion = RegionOrder
            .Select(region => new Queue<CityInfo>(CityRegistry.Default.Cities.Where(c => c.Region == region)))
            .ToArray();
        var available = byRegion.Sum(q => q.Count);
        if (cityCount < 1 || cityCount > available)
            throw new ArgumentOutOfRangeException(nameof(cityCount), cityCount, $"the number of cities must be between 1 and {available}");
        var chosen = new List<CityInfo>(cityCount);
        while (chosen.Count < cityCount)
        {
            foreach (var queue in byRegion)
            {
                if (chosen.Count == cityCount) break;
                if (queue.Count > 0) chosen.Add(queue.Dequeue());
            }
        }
        chosen.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        return chosen;
    }

    /// <summary>Values [city, year, indicator], rounded; NaN = missing. Random numbers are drawn in a fixed order.</summary>
    private static double[,,] Generate(int seed, Catalog catalog, List<CityInfo> cities, int years)
    {
        var random = new Random(seed);
        int n = cities.Count, m = catalog.Count;

        // Persistent city traits: a general development level shared by all indicators, then per indicator a level
        // effect and a pace (how much faster or slower than average the city moves along the trend).
        var development = new double[n];
        var cityEffect = new double[n, m];
        var cityPace = new double[n, m];
        for (var c = 0; c < n; c++)
        {
            development[c] = 0.5 * Gaussian(random);
            for (var j = 0; j < m; j++)
            {
                cityEffect[c, j] = Gaussian(random);
                cityPace[c, j] = Math.Clamp(1 + 0.3 * Gaussian(random), 0.3, 1.7);
            }
        }

        var values = new double[n, years, m];
        for (var t = 0; t < years; t++)
        {
            for (var c = 0; c < n; c++)
            {
                var level = RegionLevel(cities[c].Region);
                for (var j = 0; j < m; j++)
                {
                    var indicator = catalog.Indicators[j];
                    var spec = SpecFor(indicator);
                    var noise = Gaussian(random);
                    var missing = random.NextDouble() < MissingShare;
                    // The shared development level pushes benefit indicators up and cost indicators down.
                    var sign = indicator.Direction == Direction.Benefit ? 1.0 : -1.0;
                    var effect = Math.Clamp(cityEffect[c, j] + sign * development[c], -2.5, 2.5);
                    double value;
                    if (spec.Shape == Shape.Multiplicative)
                    {
                        var regionFactor = 1 + spec.Region * level;
                        var cityFactor = Math.Max(0.3, 1 + spec.City * effect);
                        value = spec.Base * regionFactor * cityFactor * Power(1 + spec.Trend * cityPace[c, j], t)
                                * Math.Max(0.5, 1 + spec.Noise * noise);
                    }
                    else
                    {
                        value = spec.Base + spec.Region * level + spec.City * effect + spec.Trend * cityPace[c, j] * t
                                + spec.Noise * noise;
                    }
                    value = Math.Round(Math.Clamp(value, spec.Min, spec.Max), spec.Decimals, MidpointRounding.AwayFromZero);
                    if (value == 0) value = 0; // never "-0.0"
                    values[c, t, j] = missing ? double.NaN : value;
                }
            }
        }
        return values;
    }

    /// <summary>A generic profile for an indicator the table does not know (only a non-default catalog could have one).</summary>
    private static Spec SpecFor(Indicator indicator) =>
        Specs.TryGetValue(indicator.Id, out var spec) ? spec
        : indicator.Direction == Direction.Benefit ? Mult(50, 0.05, 0.2, 0.2, 0.03, 1, 1000, 2)
        : Mult(50, -0.05, -0.2, 0.2, 0.03, 0.1, 1000, 2);

    /// <summary>Approximately standard normal (Irwin–Hall: sum of 12 uniforms − 6), with no transcendental functions.</summary>
    private static double Gaussian(Random random)
    {
        double sum = 0;
        for (var i = 0; i < 12; i++) sum += random.NextDouble();
        return sum - 6;
    }

    /// <summary>x^k by repeated multiplication, so the result is the same on every machine.</summary>
    private static double Power(double x, int k)
    {
        double result = 1;
        for (var i = 0; i < k; i++) result *= x;
        return result;
    }

    private static string Format(double value, int decimals) =>
        value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
