using Resilience.Method.Catalogs;
using Resilience.Method.Emissions;
using Resilience.Method.Ingestion;

namespace Resilience.Storage;

/// <summary>
/// Emissions files are stored like indicator files (staged partitions, ingestion records), as observations of one
/// value, CO2 in Mt, so that one mechanism serves both kinds of input.
/// </summary>
public static class EmissionObservations
{
    public const string Co2 = "co2";

    /// <summary>The one-value "catalog" emissions observations are stored with.</summary>
    public static Catalog Catalog { get; } = new([new Indicator(Co2, "carbon", Direction.Cost, "CO2 emissions", "二氧化碳排放", "Mt")]);

    public static IndicatorFileReadResult Read(TextReader text, string fileName, CityRegistry cities)
    {
        var read = EmissionsFileReader.Read(text, fileName, cities);
        return new IndicatorFileReadResult
        {
            Rows = read.Rows.Select(r => new ObservationRow(r.CityId, r.Year, [r.Co2])).ToList(),
            Problems = read.Problems,
            ErrorCount = read.ErrorCount,
            WarningCount = read.WarningCount,
        };
    }

    public static IEnumerable<EmissionRow> ToEmissions(IEnumerable<ObservationRow> rows) =>
        rows.Select(r => new EmissionRow(r.CityId, r.Year, r.Values[0]));
}
