using System.Globalization;
using Resilience.Method.Catalogs;
using Resilience.Method.Ingestion;

namespace Resilience.Method.Assessment;

/// <summary>
/// A normalisation group (method.md §4.3): all assessed city-years when pooled, one year in per-year mode. Holds the
/// group's direction-aware min-max values x' (row-major, one row per member) and its entropy weights.
/// </summary>
internal sealed class WeightGroup
{
    public required string Name { get; init; }

    /// <summary>Assessed rows in the group, ascending.</summary>
    public required int[] Rows { get; init; }

    /// <summary>x' of the members, <c>[position * m + j]</c>.</summary>
    public required double[] Normalised { get; init; }

    public required double[] Min { get; init; }
    public required double[] Max { get; init; }
    public required bool[] Constant { get; init; }
    public required EntropyWeights.Result Entropy { get; init; }
    public required double[] DimensionWeights { get; init; }

    public double[] Weights => Entropy.Weights;
    public int Size => Rows.Length;

    public ReadOnlySpan<double> NormalisedRow(int position, int m) => Normalised.AsSpan(position * m, m);
}

/// <summary>
/// The panel after missing-value treatment, normalisation and weighting: what every later stage (scores, TOPSIS,
/// CCD, obstacles, sensitivity) works on. "Assessed rows" are the city-years that enter the assessment, ordered city
/// (ordinal) then year; with imputation every city-year is one.
/// </summary>
internal sealed class PreparedPanel
{
    private readonly int[] _assessedRowOfPanelRow;

    private PreparedPanel(Catalog catalog, AssessmentOptions options, PanelMatrix panel, bool[] included)
    {
        Catalog = catalog;
        Options = options;
        CityIds = panel.CityIds;
        Years = panel.Years;
        Dimensions = catalog.Dimensions;
        DimensionOf = catalog.Indicators.Select(i => IndexOf(Dimensions, i.Dimension)).ToArray();
        _assessedRowOfPanelRow = new int[panel.RowCount];
        var rowCity = new List<int>();
        var rowYear = new List<int>();
        for (var r = 0; r < panel.RowCount; r++)
        {
            _assessedRowOfPanelRow[r] = included[r] ? rowCity.Count : -1;
            if (!included[r]) continue;
            rowCity.Add(r / panel.Years.Count);
            rowYear.Add(r % panel.Years.Count);
        }
        RowCity = rowCity.ToArray();
        RowYear = rowYear.ToArray();
        var rowsOfYear = Enumerable.Range(0, Years.Count).Select(_ => new List<int>()).ToArray();
        for (var row = 0; row < RowCount; row++) rowsOfYear[RowYear[row]].Add(row);
        RowsOfYear = rowsOfYear.Select(rows => rows.ToArray()).ToArray();
    }

    public Catalog Catalog { get; }
    public AssessmentOptions Options { get; }
    public IReadOnlyList<string> CityIds { get; }
    public IReadOnlyList<int> Years { get; }
    public IReadOnlyList<string> Dimensions { get; }

    /// <summary>Dimension index of each indicator.</summary>
    public int[] DimensionOf { get; }

    public int IndicatorCount => Catalog.Count;
    public int RowCount => RowCity.Length;

    /// <summary>City index (into <see cref="CityIds"/>) of each assessed row.</summary>
    public int[] RowCity { get; }

    /// <summary>Year index (into <see cref="Years"/>) of each assessed row.</summary>
    public int[] RowYear { get; }

    /// <summary>Assessed rows of each year, in city order.</summary>
    public int[][] RowsOfYear { get; }

    public IReadOnlyList<WeightGroup> Groups { get; private set; } = [];

    /// <summary>Value that enters the scores: x'' (x' + A), or x' with <see cref="AssessmentOptions.ScoreUnshifted"/>.</summary>
    public double ScoreShift => Options.ScoreUnshifted ? 0 : Options.Shift;

    /// <summary>The assessed row of a city-year, or -1 if it is not assessed.</summary>
    public int AssessedRow(int city, int year) => _assessedRowOfPanelRow[city * Years.Count + year];

    public static PreparedPanel Prepare(
        Catalog catalog, IEnumerable<ObservationRow> observations, AssessmentOptions options, List<string> warnings, out List<ImputedCell> imputed)
    {
        var panel = PanelMatrix.Build(catalog, observations);
        if (panel.CityIds.Count == 0) throw new ArgumentException("There are no observations to assess.", nameof(observations));
        (imputed, var included) = Imputation.Apply(panel, catalog, options.Impute, warnings);
        var prepared = new PreparedPanel(catalog, options, panel, included);
        if (prepared.RowCount == 0)
            throw new ArgumentException("No city-year has a value for every indicator: nothing to assess without imputation.", nameof(observations));

        var groups = options.Mode == AssessmentOptions.PerYearMode
            ? prepared.RowsOfYear.Select((rows, t) => (Name: prepared.Years[t].ToString(CultureInfo.InvariantCulture), Rows: rows))
                .Where(g => g.Rows.Length > 0)
            : [(Name: "all", Rows: Enumerable.Range(0, prepared.RowCount).ToArray())];
        prepared.Groups = groups.Select(g => prepared.Normalise(panel, g.Name, g.Rows, warnings)).ToList();
        return prepared;
    }

    /// <summary>Direction-aware min-max over the group (method.md §4.1), then the entropy weights on x' + A (§5).</summary>
    private WeightGroup Normalise(PanelMatrix panel, string name, int[] rows, List<string> warnings)
    {
        var m = IndicatorCount;
        var min = new double[m];
        var max = new double[m];
        Array.Fill(min, double.PositiveInfinity);
        Array.Fill(max, double.NegativeInfinity);
        foreach (var row in rows)
        {
            var x = panel.Values.AsSpan(PanelRow(row) * m, m);
            for (var j = 0; j < m; j++)
            {
                min[j] = Math.Min(min[j], x[j]);
                max[j] = Math.Max(max[j], x[j]);
            }
        }
        var constant = new bool[m];
        var range = new double[m];
        var benefit = new bool[m];
        for (var j = 0; j < m; j++)
        {
            range[j] = max[j] - min[j];
            constant[j] = !(range[j] > 0);
            benefit[j] = Catalog.Indicators[j].Direction == Direction.Benefit;
            if (constant[j])
                warnings.Add($"indicator '{Catalog.Indicators[j].Id}' has the same value everywhere{(name == "all" ? "" : $" in {name}")}: weight 0");
        }
        var normalised = new double[rows.Length * m];
        for (var p = 0; p < rows.Length; p++)
        {
            var x = panel.Values.AsSpan(PanelRow(rows[p]) * m, m);
            var target = normalised.AsSpan(p * m, m);
            for (var j = 0; j < m; j++)
                target[j] = constant[j] ? 0 : benefit[j] ? (x[j] - min[j]) / range[j] : (max[j] - x[j]) / range[j];
        }
        var entropy = EntropyWeights.Compute(normalised, rows.Length, m, Options.Shift, constant);
        return new WeightGroup
        {
            Name = name, Rows = rows, Normalised = normalised, Min = min, Max = max, Constant = constant, Entropy = entropy,
            DimensionWeights = Aggregation.DimensionWeights(entropy.Weights, DimensionOf, Dimensions.Count),
        };
    }

    private int PanelRow(int assessedRow) => RowCity[assessedRow] * Years.Count + RowYear[assessedRow];

    internal static int IndexOf(IReadOnlyList<string> list, string value)
    {
        for (var i = 0; i < list.Count; i++)
            if (string.Equals(list[i], value, StringComparison.OrdinalIgnoreCase)) return i;
        return -1;
    }
}

/// <summary>How indicator weights turn into dimension scores and the composite (method.md §5.1).</summary>
internal static class Aggregation
{
    /// <summary>W_k = Σ_{j∈k} w_j.</summary>
    public static double[] DimensionWeights(double[] weights, int[] dimensionOf, int dimensionCount)
    {
        var total = new double[dimensionCount];
        for (var j = 0; j < weights.Length; j++) total[dimensionOf[j]] += weights[j];
        return total;
    }

    /// <summary>
    /// The composite as a weighted sum R = Σ_j c_j s_j of the score inputs: <c>entropy</c> c_j = w_j (R = Σ_k S_k);
    /// <c>equal-dims</c> c_j = w_j / (K W_k) (R = mean of U_k; a dimension of weight 0 has index 0).
    /// </summary>
    public static double[] CompositeCoefficients(double[] weights, int[] dimensionOf, int dimensionCount, string composite)
    {
        if (composite != AssessmentOptions.EqualDimensionsComposite) return weights;
        var dimensionWeights = DimensionWeights(weights, dimensionOf, dimensionCount);
        var coefficients = new double[weights.Length];
        for (var j = 0; j < weights.Length; j++)
        {
            var w = dimensionWeights[dimensionOf[j]];
            coefficients[j] = w > 0 ? weights[j] / (dimensionCount * w) : 0;
        }
        return coefficients;
    }

    /// <summary>Σ_j c_j (x'_j + shift).</summary>
    public static double Composite(ReadOnlySpan<double> normalisedRow, double[] coefficients, double shift)
    {
        double sum = 0;
        for (var j = 0; j < coefficients.Length; j++) sum += coefficients[j] * (normalisedRow[j] + shift);
        return sum;
    }
}
