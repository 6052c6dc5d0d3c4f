namespace Resilience.Method.Emissions;

/// <summary>A Tapio (2005) decoupling state: code (snake_case) and Chinese label.</summary>
public sealed record TapioState(string Code, string LabelZh);

/// <summary>
/// Tapio decoupling of CO2 (pressure) from resilience (driving force), method.md §9: e = %ΔC / %ΔR, eight states with
/// thresholds 0.8 and 1.2, both inside the coupling class. ΔR = 0 (or a growth that cannot be computed) is
/// <see cref="Undefined"/> with no elasticity. As for the coordination classes (method.md §7.5), an elasticity within
/// 1e-9 of a threshold counts as on it: 0.08 / 0.1 is 0.7999999999999999 in binary, yet e = 0.8 is coupling.
/// </summary>
public static class Tapio
{
    public const double LowerThreshold = 0.8;
    public const double UpperThreshold = 1.2;
    private const double ThresholdTolerance = 1e-9;

    public static readonly TapioState StrongDecoupling = new("strong_decoupling", "强脱钩");
    public static readonly TapioState WeakDecoupling = new("weak_decoupling", "弱脱钩");
    public static readonly TapioState ExpansiveCoupling = new("expansive_coupling", "扩张连接");
    public static readonly TapioState ExpansiveNegativeDecoupling = new("expansive_negative_decoupling", "扩张负脱钩");
    public static readonly TapioState StrongNegativeDecoupling = new("strong_negative_decoupling", "强负脱钩");
    public static readonly TapioState WeakNegativeDecoupling = new("weak_negative_decoupling", "弱负脱钩");
    public static readonly TapioState RecessiveCoupling = new("recessive_coupling", "衰退连接");
    public static readonly TapioState RecessiveDecoupling = new("recessive_decoupling", "衰退脱钩");
    public static readonly TapioState Undefined = new("undefined", "无法判定");

    /// <param name="resilienceGrowth">gR = ΔR / R_{t−1}; null if it cannot be computed.</param>
    /// <param name="co2Growth">gC = ΔC / C_{t−1}; null if it cannot be computed.</param>
    public static (double? Elasticity, TapioState State) Classify(double? resilienceGrowth, double? co2Growth)
    {
        if (resilienceGrowth is not { } gR || co2Growth is not { } gC || gR == 0) return (null, Undefined);
        var e = gC / gR;
        bool belowCoupling = e < LowerThreshold - ThresholdTolerance, aboveCoupling = e > UpperThreshold + ThresholdTolerance;
        var state = gR > 0
            ? e < 0 ? StrongDecoupling : belowCoupling ? WeakDecoupling : aboveCoupling ? ExpansiveNegativeDecoupling : ExpansiveCoupling
            : e < 0 ? StrongNegativeDecoupling : belowCoupling ? WeakNegativeDecoupling : aboveCoupling ? RecessiveDecoupling : RecessiveCoupling;
        return (e, state);
    }
}
