using System.Text.Json.Serialization;

namespace Resilience.Method.Emissions;

/// <summary>Resilience against carbon emissions (method.md §9). CO2 in Mt; growth rates as fractions (0.05 = 5 %).</summary>
public sealed record EmissionsResult(
    string Unit,
    IReadOnlyList<EmissionsYear> Yearly,
    IReadOnlyList<TapioYear> TapioYearlyMean,
    IReadOnlyList<TapioCityYear> TapioCityYear,
    IReadOnlyList<TapioCityPeriod> TapioCityPeriod,
    IReadOnlyList<ImputedEmission> Imputed,
    double? Co2MeanFirst,
    double? Co2MeanLast,
    double? AagrMeanCo2,
    IReadOnlyList<string> Warnings);

/// <summary>
/// One year over the N cities that have both CO2 and a resilience score: mean and total CO2, mean resilience, and the
/// growth of both means against the previous year.
/// </summary>
public sealed record EmissionsYear(
    int Year, int N, double? Co2Mean, double? Co2Total, double? ResilienceMean, double? Co2Growth, double? ResilienceGrowth);

/// <summary>Tapio elasticity of the yearly means: e = gC / gR.</summary>
public sealed record TapioYear(
    int Year, double? E, string State, string StateZh,
    [property: JsonPropertyName("gR")] double? ResilienceGrowth,
    [property: JsonPropertyName("gC")] double? Co2Growth);

/// <summary>Tapio elasticity of one city from the previous year to <see cref="Year"/>.</summary>
public sealed record TapioCityYear(
    string CityId, int Year, double? E, string State, string StateZh,
    [property: JsonPropertyName("gR")] double? ResilienceGrowth,
    [property: JsonPropertyName("gC")] double? Co2Growth);

/// <summary>Tapio elasticity of one city over the whole period, from its first to its last year with both values.</summary>
public sealed record TapioCityPeriod(
    string CityId, int From, int To, double? E, string State, string StateZh,
    [property: JsonPropertyName("gR")] double? ResilienceGrowth,
    [property: JsonPropertyName("gC")] double? Co2Growth);

/// <summary>A CO2 value filled in by interpolation (linear inside the city's series, nearest at the ends).</summary>
public sealed record ImputedEmission(string CityId, int Year, string Method, double Value);
