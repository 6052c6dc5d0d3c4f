using System.Globalization;
using Resilience.Method.Catalogs;

namespace Resilience.Method.Assessment;

/// <summary>
/// Method options; the defaults are those of method.md §0. Read from a dataset's configuration file with
/// <see cref="AssessmentOptionsFile"/>; the format is documented in docs/configuration.md.
/// </summary>
public sealed record AssessmentOptions
{
    public const string PooledMode = "pooled";
    public const string PerYearMode = "per-year";
    public const string LinearImputation = "linear";
    public const string NoImputation = "none";
    public const string EntropyComposite = "entropy";
    public const string EqualDimensionsComposite = "equal-dims";
    public const string IndexCcdInput = "index";
    public const string ScoreCcdInput = "score";
    public const string EqualTWeights = "equal";

    /// <summary><c>pooled</c>: bounds and entropy over all city-years, one weight vector; <c>per-year</c>: one per year.</summary>
    public string Mode { get; init; } = PooledMode;

    /// <summary>Translation A added to the min-max values before the entropy (x'' = x' + A).</summary>
    public double Shift { get; init; } = 0.0001;

    /// <summary>Score on x' instead of x'' (the entropy always uses x'').</summary>
    public bool ScoreUnshifted { get; init; }

    /// <summary><c>linear</c>: fill missing cells (method.md §0); <c>none</c>: leave out city-years with a missing cell.</summary>
    public string Impute { get; init; } = LinearImputation;

    /// <summary><c>entropy</c>: R = Σ_k S_k; <c>equal-dims</c>: R = mean of the dimension indices U_k.</summary>
    public string Composite { get; init; } = EntropyComposite;

    /// <summary>What enters the coupling coordination degree: dimension <c>index</c> U_k or dimension <c>score</c> S_k.</summary>
    public string CcdInput { get; init; } = IndexCcdInput;

    /// <summary><c>equal</c>, or one weight α_k per dimension in catalog order, comma-separated, Σ α = 1.</summary>
    public string CcdTWeights { get; init; } = EqualTWeights;

    /// <summary>The two dimensions of the pair coupling, comma-separated.</summary>
    public string CcdPair { get; init; } = "economic,ecological";

    /// <summary>Delta degrees of freedom of the standard deviations: 0 population, 1 sample.</summary>
    public int SdDdof { get; init; }

    /// <summary>How many obstacle indicators are reported per city-year.</summary>
    public int TopObstacles { get; init; } = 3;

    /// <summary>Largest input file accepted for this dataset, in bytes; null: the pipeline's limit (1 GiB by default).</summary>
    public long? MaxFileBytes { get; init; }

    /// <summary>Rows searched for the header of an input file (title rows above it are skipped).</summary>
    public int HeaderSearchRows { get; init; } = 30;

    /// <summary>Reading an input file stops after this many errors (it is rejected anyway).</summary>
    public int MaxErrors { get; init; } = 10_000;

    /// <summary>Problems kept per severity in an ingestion record and report (the counts cover all).</summary>
    public int MaxProblemsKept { get; init; } = 500;

    public static AssessmentOptions Default { get; } = new();

    /// <summary>Every problem with these options (empty when valid); with a catalog, the checks that depend on it too.</summary>
    public IReadOnlyList<OptionProblem> Check(Catalog? catalog = null)
    {
        var problems = new List<OptionProblem>();
        void OneOf(string key, string value, params string[] allowed)
        {
            if (!allowed.Contains(value, StringComparer.Ordinal))
                problems.Add(new(key, $"'{value}' is not one of {string.Join(", ", allowed.Select(a => $"'{a}'"))}"));
        }
        OneOf("mode", Mode, PooledMode, PerYearMode);
        if (!double.IsFinite(Shift) || Shift < 0) problems.Add(new("shift", $"{Shift} is not a finite number ≥ 0"));
        if (MaxFileBytes is <= 0) problems.Add(new("maxFileBytes", $"{MaxFileBytes} is not a positive number of bytes"));
        if (HeaderSearchRows is < 1 or > Ingestion.ReadOptions.MaxHeaderSearchRows)
            problems.Add(new("headerSearchRows", $"{HeaderSearchRows} is not between 1 and {Ingestion.ReadOptions.MaxHeaderSearchRows}"));
        if (MaxErrors < 1) problems.Add(new("maxErrors", $"{MaxErrors} is not ≥ 1"));
        if (MaxProblemsKept is < 1 or > 5000) problems.Add(new("maxProblemsKept", $"{MaxProblemsKept} is not between 1 and 5000"));
        OneOf("impute", Impute, LinearImputation, NoImputation);
        OneOf("composite", Composite, EntropyComposite, EqualDimensionsComposite);
        OneOf("ccdInput", CcdInput, IndexCcdInput, ScoreCcdInput);
        if (SdDdof < 0) problems.Add(new("sdDdof", $"{SdDdof} is negative"));
        if (TopObstacles < 0) problems.Add(new("topObstacles", $"{TopObstacles} is negative"));

        var pair = CcdPairDimensions();
        if (pair is null) problems.Add(new("ccdPair", $"'{CcdPair}' is not two different dimension names separated by a comma"));

        if (CcdTWeights != EqualTWeights)
        {
            var alpha = ParseTWeights(CcdTWeights);
            if (alpha is null || alpha.Any(a => !double.IsFinite(a) || a < 0))
                problems.Add(new("ccdTWeights", $"'{CcdTWeights}' is neither 'equal' nor a list of numbers ≥ 0"));
            else if (Math.Abs(alpha.Sum() - 1) > 1e-6)
                problems.Add(new("ccdTWeights", $"the weights sum to {alpha.Sum().ToString("G10", CultureInfo.InvariantCulture)}, not 1"));
            else if (catalog is not null && alpha.Length != catalog.Dimensions.Count)
                problems.Add(new("ccdTWeights",
                    $"{alpha.Length} weights for {catalog.Dimensions.Count} dimensions ({string.Join(", ", catalog.Dimensions)})"));
            else if (catalog is not null && pair is { } names && PairWeight(catalog, alpha, names.A) + PairWeight(catalog, alpha, names.B) == 0)
                problems.Add(new("ccdTWeights", $"both dimensions of the pair {names.A}/{names.B} have weight 0"));
        }
        return problems;
    }

    /// <exception cref="ArgumentException">The options are not valid; the message names every bad option.</exception>
    public void Validate(Catalog? catalog = null)
    {
        var problems = Check(catalog);
        if (problems.Count > 0)
            throw new ArgumentException("Invalid assessment options: " + string.Join("; ", problems.Select(p => $"{p.Key}: {p.Message}")));
    }

    /// <summary>The T-weights α_k for <paramref name="dimensionCount"/> dimensions (equal: 1/K each).</summary>
    public double[] TWeights(int dimensionCount) =>
        CcdTWeights == EqualTWeights ? Enumerable.Repeat(1.0 / dimensionCount, dimensionCount).ToArray()
        : ParseTWeights(CcdTWeights) ?? throw new ArgumentException($"Invalid ccdTWeights '{CcdTWeights}'.");

    /// <summary>The two names of <see cref="CcdPair"/>, or null if it is not two different names.</summary>
    public (string A, string B)? CcdPairDimensions()
    {
        var names = CcdPair.Split(',', StringSplitOptions.TrimEntries);
        return names.Length == 2 && names[0].Length > 0 && names[1].Length > 0
            && !string.Equals(names[0], names[1], StringComparison.OrdinalIgnoreCase) ? (names[0], names[1]) : null;
    }

    private static double PairWeight(Catalog catalog, double[] alpha, string dimension)
    {
        var k = catalog.Dimensions.ToList().FindIndex(d => string.Equals(d, dimension, StringComparison.OrdinalIgnoreCase));
        return k >= 0 ? alpha[k] : 1; // a dimension missing from the catalog is replaced (with a warning), never weighted 0
    }

    private static double[]? ParseTWeights(string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var weights = new double[parts.Length];
        for (var i = 0; i < parts.Length; i++)
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out weights[i])) return null;
        return weights;
    }
}

/// <summary>A bad option: its key (camelCase, as in the configuration file) and what is wrong.</summary>
public sealed record OptionProblem(string Key, string Message);
