using Resilience.Method.Catalogs;
using Resilience.Method.Ingestion;

namespace Resilience.Method.Emissions;

/// <summary>CO2 emissions of one city-year in Mt CO2; null = missing.</summary>
public sealed record EmissionRow(string CityId, int Year, double? Co2);

public sealed class EmissionsFileReadResult
{
    public required IReadOnlyList<EmissionRow> Rows { get; init; }
    public required IReadOnlyList<Problem> Problems { get; init; }
    public int ErrorCount { get; init; }
    public int WarningCount { get; init; }
    public bool Accepted => ErrorCount == 0;
    public ReadSummary Summary { get; init; } = new();
}

/// <summary>
/// Reads an emissions file (any format and layout <see cref="IndicatorFileReader"/> reads: <c>city, year, co2[, unit]</c>,
/// or a city × year matrix such as the CEADs inventory) and converts every value to Mt CO2. The unit of a value is
/// its row's <c>unit</c> cell, else a unit in its column header ("co2 (kt)", "碳排放量_吨") or the sheet name
/// ("Unit (Million tons)"), else the unit given by the caller, else Mt.
/// </summary>
public static class EmissionsFileReader
{
    /// <summary>More than this for one city-year (China's total is about 11,000 Mt) suggests a wrong unit.</summary>
    public const double ImplausibleMt = 5000;

    /// <summary>The one-value catalog emissions are read (and stored) with.</summary>
    public static Catalog Catalog { get; } = new([new Indicator("co2", "carbon", Direction.Cost, "CO2 emissions", "二氧化碳排放",
        EmissionUnits.Canonical, Min: 0, Max: ImplausibleMt,
        Aliases: ["co2 emissions", "emission", "emissions", "carbon emissions", "co2排放量", "碳排放量", "碳排放", "二氧化碳排放量", "碳排放总量"])]);

    /// <exception cref="ArgumentException"><paramref name="unit"/> is not a known unit.</exception>
    public static EmissionsFileReadResult Read(TextReader text, string fileName, CityRegistry cities, string? unit = null) =>
        Convert(IndicatorFileReader.Read(text, fileName, Catalog, cities, Options(unit)));

    /// <exception cref="ArgumentException"><paramref name="unit"/> is not a known unit.</exception>
    public static EmissionsFileReadResult Read(Stream content, string fileName, CityRegistry cities, string? unit = null, Action<ObservationRow>? onRow = null) =>
        Convert(IndicatorFileReader.Read(content, fileName, Catalog, cities, Options(unit) with { OnRow = onRow }));

    /// <summary>Reading options that convert to Mt and reject negative emissions.</summary>
    public static ReadOptions Options(string? unit = null)
    {
        var defaultFactor = 1.0;
        if (unit is not null && !EmissionUnits.TryGetFactor(unit, out defaultFactor))
            throw new ArgumentException($"Unknown emissions unit '{unit}'; known: {string.Join(", ", EmissionUnits.Known)}.", nameof(unit));
        return new ReadOptions
        {
            UnitFactor = u => EmissionUnits.TryGetFactor(u, out var factor) ? factor : null,
            DefaultFactor = defaultFactor,
            NegativeIsError = true,
        };
    }

    private static EmissionsFileReadResult Convert(IndicatorFileReadResult read) => new()
    {
        Rows = read.Rows.Select(r => new EmissionRow(r.CityId, r.Year, r.Values[0])).ToList(),
        Problems = read.Problems,
        ErrorCount = read.ErrorCount,
        WarningCount = read.WarningCount,
        Summary = read.Summary,
    };
}
