namespace Resilience.Method.Assessment;

/// <summary>Method options; the defaults are those of method.md §0.</summary>
public sealed record AssessmentOptions
{
    public string Mode { get; init; } = "pooled";
    public double Shift { get; init; } = 0.0001;
    public bool ScoreUnshifted { get; init; }
    public string Impute { get; init; } = "linear";
    public string Composite { get; init; } = "entropy";
    public string CcdInput { get; init; } = "index";
    public string CcdTWeights { get; init; } = "equal";
    public string CcdPair { get; init; } = "economic,ecological";
    public int SdDdof { get; init; }
    public int TopObstacles { get; init; } = 3;

    public static AssessmentOptions Default { get; } = new();
}
