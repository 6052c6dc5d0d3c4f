namespace Resilience.Method.Assessment;

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
    IReadOnlyList<string> Warnings);

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

public sealed record Summary(
    int FirstYear, int LastYear, double MeanFirst, double MeanLast, double AagrMeanResilience,
    double CvFirst, double CvLast, double TheilBetweenShareFirst, double TheilBetweenShareLast);
