namespace Resilience.Method.Emissions;

/// <summary>CO2 mass units accepted in emissions files; every value is converted to million tonnes (Mt CO2).</summary>
public static class EmissionUnits
{
    public const string Canonical = "Mt";

    private static readonly Dictionary<string, double> MtPerUnit = new(StringComparer.Ordinal)
    {
        ["mt"] = 1, ["milliont"] = 1, ["milliontonnes"] = 1, ["milliontons"] = 1, ["milliontones"] = 1, ["百万吨"] = 1,
        ["t"] = 1e-6, ["tonnes"] = 1e-6, ["tons"] = 1e-6, ["tonne"] = 1e-6, ["ton"] = 1e-6, ["吨"] = 1e-6,
        ["kt"] = 1e-3, ["thousandtonnes"] = 1e-3, ["thousandtons"] = 1e-3, ["千吨"] = 1e-3,
        ["10kt"] = 1e-2, ["万吨"] = 1e-2,
        ["100mt"] = 100, ["亿吨"] = 100,
        ["gt"] = 1e3, ["billiontonnes"] = 1e3, ["billiontons"] = 1e3,
    };

    /// <summary>Unit spellings accepted (case, spaces and a "CO2" suffix are ignored: "Mt CO2" = "Mt").</summary>
    public static IReadOnlyCollection<string> Known => MtPerUnit.Keys;

    /// <summary>How many Mt one <paramref name="unit"/> is; false for an unknown unit.</summary>
    public static bool TryGetFactor(string unit, out double mtPerUnit) => MtPerUnit.TryGetValue(Normalise(unit), out mtPerUnit);

    private static string Normalise(string unit)
    {
        var compact = string.Concat(unit.Where(c => !char.IsWhiteSpace(c))).ToLowerInvariant();
        foreach (var suffix in new[] { "co2", "co₂", "二氧化碳" })
            if (compact.Length > suffix.Length && compact.EndsWith(suffix, StringComparison.Ordinal)) compact = compact[..^suffix.Length];
        return compact;
    }
}
