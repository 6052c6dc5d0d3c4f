namespace Resilience.Method.Sensitivity;

/// <summary>
/// How much the city rankings depend on the weights. Ranks are within a year, 1 = highest composite, ties in city
/// order. Rank stability against the baseline (the assessment's own entropy weights): Spearman's ρ per year,
/// averaged over the years with at least two cities (null if none), and the mean absolute rank shift per city-year.
/// </summary>
public sealed record SensitivityResult(
    IReadOnlyList<WeightingScheme> Weightings,
    MonteCarloSummary? MonteCarlo,
    IReadOnlyList<CityYearSensitivity> CityYears);

/// <summary>One weighting scheme: its weights per normalisation group and the stability of its ranking against the baseline.</summary>
public sealed record WeightingScheme(
    string Name, IReadOnlyList<SchemeWeights> Groups, double? MeanSpearman, double MeanAbsoluteRankShift);

public sealed record SchemeWeights(string Group, IReadOnlyDictionary<string, double> Weights);

/// <summary>
/// The Monte Carlo weight perturbation: <see cref="Runs"/> runs, each weight × U(1 − a, 1 + a), renormalised.
/// Spearman and rank shift are averaged over runs (and years); <see cref="MinSpearman"/> is the worst single year-run.
/// </summary>
public sealed record MonteCarloSummary(
    int Runs, ulong Seed, double Amplitude, string Distribution, double? MeanSpearman, double? MinSpearman, double MeanAbsoluteRankShift);

/// <summary>
/// One city-year: baseline rank, rank and composite under each weighting, and under the Monte Carlo runs the median
/// rank and the 90 % interval (5th and 95th percentiles, linear interpolation between order statistics).
/// </summary>
public sealed record CityYearSensitivity(
    string CityId, int Year, int Rank,
    IReadOnlyDictionary<string, int> RankByWeighting,
    IReadOnlyDictionary<string, double> CompositeByWeighting,
    double? MedianRank, double? RankP05, double? RankP95);
