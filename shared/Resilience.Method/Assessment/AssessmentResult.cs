using Resilience.Method.Emissions;
using Resilience.Method.Sensitivity;

namespace Resilience.Method.Assessment;

/// <summary>
/// Everything computed for one panel. <see cref="Weights"/> is the weight vector of the pooled group; in per-year mode
/// it is the last year's, and <see cref="WeightGroups"/> holds one vector per year. <see cref="Emissions"/> and
/// <see cref="Sensitivity"/> are present when requested. Serialisable as it is: no NaN or infinity anywhere.
/// </summary>
public sealed record AssessmentResult(
    AssessmentOptions Options,
    IReadOnlyList<string> Cities,
    IReadOnlyList<int> Years,
    IReadOnlyList<string> Dimensions,
    WeightsResult Weights,
    IReadOnlyList<CityYearResult> Panel,
    IReadOnlyList<YearStatistics> Yearly,
    IReadOnlyList<CityGrowth> CityGrowth,
    IReadOnlyList<ImputedCell> Imputed,
    Summary Summary,
    IReadOnlyList<string> Warnings)
{
    /// <summary>One weight vector per normalisation group: "all" when pooled, one per year ("2015", ...) in per-year mode.</summary>
    public IReadOnlyList<WeightsResult> WeightGroups { get; init; } = [Weights];

    /// <summary>Carbon emissions against resilience (method.md §9); null when no emissions were given.</summary>
    public EmissionsResult? Emissions { get; init; }

    /// <summary>Alternative weightings and the Monte Carlo weight perturbation; null when not requested.</summary>
    public SensitivityResult? Sensitivity { get; init; }

    /// <summary>This result with the emissions analysis attached: its block, its summary figures and its warnings.</summary>
    public AssessmentResult WithEmissions(EmissionsResult emissions) => this with
    {
        Emissions = emissions,
        Summary = Summary with
        {
            Co2MeanFirst = emissions.Co2MeanFirst, Co2MeanLast = emissions.Co2MeanLast, AagrMeanCo2 = emissions.AagrMeanCo2,
        },
        Warnings = [.. Warnings, .. emissions.Warnings],
    };
}

public sealed record WeightsResult(
    string Group, int N, double K, IReadOnlyList<IndicatorWeight> Indicators, IReadOnlyDictionary<string, double> DimensionWeights);

public sealed record IndicatorWeight(
    string IndicatorId, string Dimension, string Direction, double Min, double Max, double Entropy, double Divergence, double Weight);

public sealed record CityYearResult(
    string CityId,
    int Year,
    string Region,
    double Composite,
    IReadOnlyDictionary<string, DimensionValue> Dimensions,
    TopsisValue Topsis,
    CouplingResult Ccd,
    CouplingResult CcdPair,
    IReadOnlyList<ObstacleValue> ObstaclesTop,
    IReadOnlyDictionary<string, double> ObstaclesByDimension);

public sealed record DimensionValue(double Score, double Index);

public sealed record TopsisValue(double DPlus, double DMinus, double Closeness);

public sealed record CouplingResult(
    IReadOnlyList<double> U, double T, CouplingVariant Classic, CouplingVariant Revised, CouplingVariant Fan,
    IReadOnlyList<string>? Pair = null, string? LagType = null);

public sealed record CouplingVariant(double C, double D, CouplingStage CouplingStage, CoordinationClass Coordination);

public sealed record CouplingStage(string Label, string LabelZh);

public sealed record CoordinationClass(int Level, string Label, string LabelZh);

public sealed record ObstacleValue(string IndicatorId, string Dimension, double Degree);

public sealed record YearStatistics(
    int Year,
    int N,
    double Mean,
    double Sd,
    double Cv,
    double Min,
    double Max,
    double Gini,
    TheilResult Theil,
    IReadOnlyDictionary<string, DimensionStatistics> Dimensions,
    double TopsisMean,
    CcdMeans CcdMean,
    CcdMeans CcdPairMean,
    IReadOnlyDictionary<string, RegionalMean> RegionalMeans,
    double? GrowthMean);

public sealed record TheilResult(
    double Total, double Within, double Between, double WithinShare, double BetweenShare,
    IReadOnlyDictionary<string, TheilGroup> ByGroup);

public sealed record TheilGroup(int N, double Mean, double Theil, double Share, double WithinContribution);

public sealed record DimensionStatistics(double MeanIndex, double SdIndex, double CvIndex, double MeanScore);

public sealed record CcdMeans(double ClassicD, double RevisedD);

public sealed record RegionalMean(int N, double Composite, IReadOnlyDictionary<string, double> DimensionsIndex);

public sealed record CityGrowth(string CityId, int Year, double? Growth);

public sealed record ImputedCell(string CityId, int Year, string IndicatorId, string Method, double Value);

/// <summary>First and last year at a glance. AAGR needs two years: with one it is reported as 0 (and a warning says so).</summary>
public sealed record Summary(
    int FirstYear, int LastYear, double MeanFirst, double MeanLast, double AagrMeanResilience,
    double CvFirst, double CvLast, double TheilBetweenShareFirst, double TheilBetweenShareLast)
{
    /// <summary>Mean CO2 (Mt) of the first year; null without emissions.</summary>
    public double? Co2MeanFirst { get; init; }

    /// <summary>Mean CO2 (Mt) of the last year; null without emissions.</summary>
    public double? Co2MeanLast { get; init; }

    /// <summary>Average annual growth rate of the mean CO2; null without emissions or with one year.</summary>
    public double? AagrMeanCo2 { get; init; }
}
