namespace Resilience.Method.Assessment;

/// <summary>Entropy weight method (method.md §5) on a non-negative matrix [rows, columns].</summary>
public static class EntropyWeights
{
    public sealed record Result(double K, double[] Entropy, double[] Divergence, double[] Weights);

    /// <param name="values">x''_ij ≥ 0 (or raw data for the textbook variant).</param>
    /// <param name="constantColumns">Columns with zero range: divergence forced to 0 (weight 0), whatever rounding gives.</param>
    public static Result Compute(double[,] values, bool[]? constantColumns = null) =>
        Compute(Flatten(values), values.GetLength(0), values.GetLength(1), 0, constantColumns);

    /// <summary>
    /// The same on a row-major matrix, each value taken as <c>value + shift</c> (x'' = x' + A without a copy).
    /// With fewer than two rows there is no information: every e = 1, d = 0, so the weights are equal (1/m).
    /// </summary>
    public static Result Compute(ReadOnlySpan<double> values, int rows, int columns, double shift, bool[]? constantColumns = null)
    {
        var k = rows > 1 ? 1.0 / Math.Log(rows) : 0.0;
        var sum = new double[columns];
        for (var i = 0; i < rows; i++)
        {
            var row = values.Slice(i * columns, columns);
            for (var j = 0; j < columns; j++) sum[j] += row[j] + shift;
        }
        var plnp = new double[columns];
        for (var i = 0; i < rows; i++)
        {
            var row = values.Slice(i * columns, columns);
            for (var j = 0; j < columns; j++)
            {
                if (!(sum[j] > 0)) continue;
                var p = (row[j] + shift) / sum[j];
                if (p > 0) plnp[j] += p * Math.Log(p);
            }
        }
        var entropy = new double[columns];
        var divergence = new double[columns];
        for (var j = 0; j < columns; j++)
        {
            if (sum[j] <= 0 || constantColumns?[j] == true || rows < 2)
            {
                entropy[j] = 1;
                divergence[j] = 0;
                continue;
            }
            entropy[j] = -k * plnp[j];
            divergence[j] = 1 - entropy[j];
        }
        return new Result(k, entropy, divergence, Normalise(divergence));
    }

    /// <summary>w_j = d_j / Σ d; equal weights 1/m if every d is 0.</summary>
    internal static double[] Normalise(double[] scores)
    {
        var total = scores.Sum();
        var weights = new double[scores.Length];
        for (var j = 0; j < scores.Length; j++) weights[j] = total > 0 ? scores[j] / total : 1.0 / scores.Length;
        return weights;
    }

    internal static double[] Flatten(double[,] matrix)
    {
        int rows = matrix.GetLength(0), columns = matrix.GetLength(1);
        var flat = new double[rows * columns];
        for (var i = 0; i < rows; i++)
            for (var j = 0; j < columns; j++)
                flat[i * columns + j] = matrix[i, j];
        return flat;
    }
}

/// <summary>TOPSIS closeness on weighted min-max values v_ij = w_j x'_ij (method.md §5.2).</summary>
public static class Topsis
{
    /// <param name="weighted">v_ij, already weighted.</param>
    public static TopsisValue[] Closeness(double[,] weighted)
    {
        var columns = weighted.GetLength(1);
        return Closeness(EntropyWeights.Flatten(weighted), weighted.GetLength(0), columns, Enumerable.Repeat(1.0, columns).ToArray());
    }

    /// <summary>
    /// TOPSIS on a row-major matrix of x' with weights w (v_ij = w_j x'_ij, formed on the fly); ideal = column max,
    /// anti-ideal = column min of v over all its rows.
    /// </summary>
    public static TopsisValue[] Closeness(ReadOnlySpan<double> normalised, int rows, int columns, ReadOnlySpan<double> weights)
    {
        var best = new double[columns];
        var worst = new double[columns];
        Array.Fill(best, double.NegativeInfinity);
        Array.Fill(worst, double.PositiveInfinity);
        for (var i = 0; i < rows; i++)
        {
            var row = normalised.Slice(i * columns, columns);
            for (var j = 0; j < columns; j++)
            {
                var v = weights[j] * row[j];
                best[j] = Math.Max(best[j], v);
                worst[j] = Math.Min(worst[j], v);
            }
        }
        var result = new TopsisValue[rows];
        for (var i = 0; i < rows; i++)
        {
            var row = normalised.Slice(i * columns, columns);
            double plus = 0, minus = 0;
            for (var j = 0; j < columns; j++)
            {
                var v = weights[j] * row[j];
                plus += Square(v - best[j]);
                minus += Square(v - worst[j]);
            }
            double dPlus = Math.Sqrt(plus), dMinus = Math.Sqrt(minus);
            var total = dPlus + dMinus;
            result[i] = new TopsisValue(dPlus, dMinus, total > 0 ? dMinus / total : 0);
        }
        return result;
    }

    private static double Square(double x) => x * x;
}

/// <summary>Coupling coordination degree (method.md §7): classic, Wang et al. (2021) revised, and Fan variants.</summary>
public static class Coupling
{
    /// <summary>C = geometric mean / arithmetic mean (≡ n [Π U / (Σ U)^n]^(1/n)); 0 if any U ≤ 0.</summary>
    public static double ClassicC(ReadOnlySpan<double> u)
    {
        var n = u.Length;
        double sum = 0, logSum = 0;
        foreach (var x in u)
        {
            if (x <= 0) return 0;
            sum += x;
            logSum += Math.Log(x);
        }
        var mean = sum / n;
        return Math.Exp(logSum / n) / mean;
    }

    /// <summary>Wang et al. (2021): √([1 − Σ_{i&lt;j} |U_i − U_j| / (n(n−1)/2)] · [Π U_i / max U]^(1/(n−1))).</summary>
    public static double RevisedC(ReadOnlySpan<double> u)
    {
        var n = u.Length;
        var max = double.NegativeInfinity;
        foreach (var x in u) max = Math.Max(max, x);
        if (max <= 0) return 0;
        if (n < 2) return 1; // one system is trivially coupled with itself (the formula would divide 0 by 0)
        double gaps = 0;
        for (var i = 0; i < n; i++)
            for (var j = i + 1; j < n; j++)
                gaps += Math.Abs(u[i] - u[j]);
        var balance = Math.Max(0, 1 - gaps / (n * (n - 1) / 2.0));
        double product = 1;
        foreach (var x in u) product *= x / max;
        var development = Math.Pow(product, 1.0 / (n - 1));
        return Math.Sqrt(balance * development);
    }

    /// <summary>Fan et al.: C = 1 − 2 √((n Σ U² − (Σ U)²) / n²), clamped to [0, 1].</summary>
    public static double FanC(ReadOnlySpan<double> u)
    {
        double n = u.Length, sum = 0, sumSquares = 0;
        foreach (var x in u)
        {
            sum += x;
            sumSquares += x * x;
        }
        var spread = Math.Max(0, (n * sumSquares - sum * sum) / (n * n));
        return Math.Clamp(1 - 2 * Math.Sqrt(spread), 0, 1);
    }

    /// <summary>T = Σ α_i U_i with equal α (the default): the mean.</summary>
    public static double T(ReadOnlySpan<double> u)
    {
        double sum = 0;
        foreach (var x in u) sum += x;
        return sum / u.Length;
    }

    /// <summary>T = Σ α_i U_i with the given α (Σ α = 1).</summary>
    public static double T(ReadOnlySpan<double> u, ReadOnlySpan<double> alpha)
    {
        double t = 0;
        for (var i = 0; i < u.Length; i++) t += alpha[i] * u[i];
        return t;
    }

    public static double D(double c, double t) => Math.Sqrt(Math.Max(0, c * t));

    private static readonly CouplingStage[] Stages =
    [
        new("low-level coupling", "低水平耦合"), new("antagonism", "拮抗阶段"),
        new("running-in", "磨合阶段"), new("high-level coupling", "高水平耦合"),
    ];

    /// <summary>Coupling stages [0, 0.3), [0.3, 0.5), [0.5, 0.8), [0.8, 1] (method.md §7.4).</summary>
    public static CouplingStage Stage(double c) => c switch
    {
        < 0.3 => Stages[0],
        < 0.5 => Stages[1],
        < 0.8 => Stages[2],
        _ => Stages[3],
    };

    private static readonly CoordinationClass[] CoordinationClasses =
    [
        new(1, "extreme disorder", "极度失调"), new(2, "serious disorder", "严重失调"), new(3, "moderate disorder", "中度失调"),
        new(4, "mild disorder", "轻度失调"), new(5, "on the verge of disorder", "濒临失调"), new(6, "barely coordinated", "勉强协调"),
        new(7, "primary coordination", "初级协调"), new(8, "intermediate coordination", "中级协调"), new(9, "good coordination", "良好协调"),
        new(10, "quality coordination", "优质协调"),
    ];

    /// <summary>Ten left-closed classes of width 0.1; 1.0 falls in level 10 (method.md §7.5).</summary>
    public static CoordinationClass Coordination(double d) =>
        CoordinationClasses[Math.Clamp((int)Math.Floor(10 * d + 1e-9), 0, 9)];

    /// <summary>|Ua − Ub| ≤ 0.1 synchronous, otherwise the lower one lags (method.md §7.6).</summary>
    public static string LagType(string a, double ua, string b, double ub) =>
        Math.Abs(ua - ub) <= 0.1 ? "synchronous" : LaggingLabels.GetOrAdd(ua > ub ? b : a, dimension => dimension + "_lagging");

    /// <summary>"{dimension}_lagging", made once per dimension: a panel has tens of thousands of pair results.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> LaggingLabels = new(StringComparer.Ordinal);

    /// <param name="alpha">T-weights; null = equal.</param>
    public static CouplingResult Evaluate(double[] u, double[]? alpha = null)
    {
        var t = alpha is null ? T(u) : T(u, alpha);
        return new CouplingResult(u, t, Variant(ClassicC(u), t), Variant(RevisedC(u), t), Variant(FanC(u), t));
    }

    private static CouplingVariant Variant(double c, double t)
    {
        var d = D(c, t);
        return new CouplingVariant(c, d, Stage(c), Coordination(d));
    }
}

/// <summary>Gap measures across cities (method.md §8).</summary>
public static class Inequality
{
    public static double Mean(IReadOnlyList<double> y) => y.Count == 0 ? 0 : y.Average();

    public static double Sd(IReadOnlyList<double> y, int ddof = 0)
    {
        if (y.Count - ddof <= 0) return 0;
        var mean = Mean(y);
        return Math.Sqrt(y.Sum(v => (v - mean) * (v - mean)) / (y.Count - ddof));
    }

    public static double Cv(IReadOnlyList<double> y, int ddof = 0) => Ratio(Sd(y, ddof), Mean(y));

    /// <summary>G = Σ_i Σ_j |y_i − y_j| / (2 n² ȳ), computed in O(n log n): Σ_i Σ_j |y_i − y_j| = 2 Σ_i (2i − n − 1) y_(i) over the sorted values.</summary>
    public static double Gini(IReadOnlyList<double> y)
    {
        var n = y.Count;
        var mean = Mean(y);
        if (n == 0 || mean == 0) return 0;
        var sorted = y.ToArray();
        Array.Sort(sorted);
        double sum = 0;
        for (var i = 0; i < n; i++) sum += (2.0 * (i + 1) - n - 1) * sorted[i];
        return 2 * sum / (2.0 * n * n * mean);
    }

    public static double Theil(IReadOnlyList<double> y)
    {
        var mean = Mean(y);
        if (y.Count == 0 || mean <= 0) return 0;
        double sum = 0;
        foreach (var v in y)
            if (v > 0) sum += v / mean * Math.Log(v / mean);
        return sum / y.Count;
    }

    /// <summary>Theil T split into within- and between-group parts over the given groups.</summary>
    public static TheilResult TheilDecomposition(IReadOnlyList<double> y, IReadOnlyList<string> groups)
    {
        var n = y.Count;
        var mean = Mean(y);
        var total = Theil(y);
        double within = 0, between = 0;
        var byGroup = new SortedDictionary<string, TheilGroup>(StringComparer.Ordinal);
        foreach (var group in groups.Distinct().Order(StringComparer.Ordinal))
        {
            var members = Enumerable.Range(0, n).Where(i => groups[i] == group).Select(i => y[i]).ToList();
            var groupMean = Mean(members);
            var share = Ratio(members.Count * groupMean, n * mean);
            var groupTheil = Theil(members);
            within += share * groupTheil;
            if (groupMean > 0 && mean > 0) between += share * Math.Log(groupMean / mean);
            byGroup[group] = new TheilGroup(members.Count, groupMean, groupTheil, share, share * groupTheil);
        }
        return new TheilResult(total, within, between, Ratio(within, total), Ratio(between, total), byGroup);
    }

    private static double Ratio(double a, double b) => b == 0 ? 0 : a / b;
}

/// <summary>Growth rates (method.md §9).</summary>
public static class Growth
{
    public static double? Rate(double previous, double current) => previous == 0 ? null : (current - previous) / previous;

    /// <summary>AAGR = (last / first)^(1/(T−1)) − 1 over T periods.</summary>
    public static double? AverageAnnual(double first, double last, int periods) =>
        periods < 2 || first <= 0 || last < 0 ? null : Math.Pow(last / first, 1.0 / (periods - 1)) - 1;
}
