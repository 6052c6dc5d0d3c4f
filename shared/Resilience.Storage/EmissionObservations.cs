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
    public static Catalog Catalog => EmissionsFileReader.Catalog;

    public static IEnumerable<EmissionRow> ToEmissions(IEnumerable<ObservationRow> rows) =>
        rows.Select(r => new EmissionRow(r.CityId, r.Year, r.Values[0]));
}
