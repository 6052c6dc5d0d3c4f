namespace Resilience.Method.Sensitivity;

/// <summary>
/// The sensitivity analysis (JRC/OECD composite-indicator practice): alternative weightings (entropy, equal, CRITIC)
/// and a Monte Carlo perturbation of the indicator weights: in every run each weight is multiplied by an independent
/// U(1 − a, 1 + a) factor, then the weights are renormalised to sum 1 (per normalisation group).
/// </summary>
public sealed record SensitivityOptions
{
    /// <summary>Monte Carlo runs; 0 = alternative weightings only.</summary>
    public int MonteCarloRuns { get; init; } = 1000;

    /// <summary>Seed of the runs: the same seed gives the same result on every machine.</summary>
    public ulong Seed { get; init; } = 20240601;

    /// <summary>a: each weight is multiplied by U(1 − a, 1 + a); 0 ≤ a &lt; 1.</summary>
    public double Amplitude { get; init; } = 0.2;

    /// <exception cref="ArgumentException">Runs negative, or a outside [0, 1).</exception>
    public void Validate()
    {
        if (MonteCarloRuns < 0) throw new ArgumentException($"Monte Carlo runs must be ≥ 0, not {MonteCarloRuns}.");
        if (!(Amplitude >= 0 && Amplitude < 1)) throw new ArgumentException($"The perturbation amplitude must be in [0, 1), not {Amplitude}.");
    }
}
