namespace Resilience.Method.Assessment;

/// <summary>Entropy weight method (method.md §5) on a non-negative matrix [rows, columns].</summary>
public static class EntropyWeights
{
    public sealed record Result(double K, double[] Entropy, double[] Divergence, double[] Weights);

    /// <param name="values">x''_ij ≥ 0 (or raw data for the textbook variant).</param>
    /// <param name="constantColumns">Columns with zero range: divergence forced to 0 (weight 0), whatever rounding gives.</param>
    public static Result Compute(double[,] values, bool[]? constantColumns = null)
    {
        int rows = values.GetLength(0), columns = values.GetLength(1);
        var k = rows > 1 ? 1.0 / Math.Log(rows) : 0.0;
        var entropy = new double[columns];
        var divergence = new double[columns];
        for (var j = 0; j < columns; j++)
        {
            double sum = 0;
            for (var i = 0; i < rows; i++) sum += values[i, j];
            if (sum <= 0 || constantColumns?[j] == true || rows < 2)
            {
                entropy[j] = 1;
                divergence[j] = 0;
                continue;
            }
            double plnp = 0;
            for (var i = 0; i < rows; i++)
            {
                var p = values[i, j] / sum;
                if (p > 0) plnp += p * Math.Log(p);
            }
            entropy[j] = -k * plnp;
            divergence[j] = 1 - entropy[j];
        }
        var total = divergence.Sum();
        var weights = new double[columns];
        for (var j = 0; j < columns; j++) weights[j] = total > 0 ? divergence[j] / total : 1.0 / columns;
        return new Result(k, entropy, divergence, weights);
    }
}

/// <summary>TOPSIS closeness on weighted min-max values v_ij = w_j x'_ij (method.md §5.2).</summary>
public static class Topsis
{
    public static TopsisValue[] Closeness(double[,] weighted)
    {
        int rows = weighted.GetLength(0), columns = weighted.GetLength(1);
        var best = new double[columns];
        var worst = new double[columns];
        for (var j = 0; j < columns; j++)
        {
            best[j] = double.NegativeInfinity;
            worst[j] = double.PositiveInfinity;
            for (var i = 0; i < rows; i++)
            {
                best[j] = Math.Max(best[j], weighted[i, j]);
                worst[j] = Math.Min(worst[j], weighted[i, j]);
            }
        }
        var result = new TopsisValue[rows];
        for (var i = 0; i < rows; i++)
        {
            double plus = 0, minus = 0;
            for (var j = 0; j < columns; j++)
            {
                plus += Square(weighted[i, j] - best[j]);
                minus += Square(weighted[i, j] - worst[j]);
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
    public static double ClassicC(IReadOnlyList<double> u)
    {
        var n = u.Count;
        var mean = u.Average();
        if (mean <= 0 || u.Any(x => x <= 0)) return 0;
        var geometricMean = Math.Exp(u.Sum(Math.Log) / n);
        return geometricMean / mean;
    }

    public static double RevisedC(IReadOnlyList<double> u)
    {
        var n = u.Count;
        var max = u.Max();
        if (max <= 0) return 0;
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

    public static double FanC(IReadOnlyList<double> u)
    {
        double n = u.Count, sum = u.Sum(), sumSquares = u.Sum(x => x * x);
        var spread = Math.Max(0, (n * sumSquares - sum * sum) / (n * n));
        return Math.Clamp(1 - 2 * Math.Sqrt(spread), 0, 1);
    }

    /// <summary>T = Σ α_i U_i with equal α (the default).</summary>
    public static double T(IReadOnlyList<double> u) => u.Average();

    public static double D(double c, double t) => Math.Sqrt(Math.Max(0, c * t));

    public static CouplingStage Stage(double c) => c switch
    {
        < 0.3 => new("low-level coupling", "低水平耦合"),
        < 0.5 => new("antagonism", "拮抗阶段"),
        < 0.8 => new("running-in", "磨合阶段"),
        _ => new("high-level coupling", "高水平耦合"),
    };

    private static readonly (string En, string Zh)[] CoordinationLabels =
    [
        ("extreme disorder", "极度失调"), ("serious disorder", "严重失调"), ("moderate disorder", "中度失调"),
        ("mild disorder", "轻度失调"), ("on the verge of disorder", "濒临失调"), ("barely coordinated", "勉强协调"),
        ("primary coordination", "初级协调"), ("intermediate coordination", "中级协调"), ("good coordination", "良好协调"),
        ("quality coordination", "优质协调"),
    ];

    /// <summary>Ten left-closed classes of width 0.1; 1.0 falls in level 10 (method.md §7.5).</summary>
    public static CoordinationClass Coordination(double d)
    {
        var level = Math.Clamp((int)Math.Floor(10 * d + 1e-9), 0, 9) + 1;
        var (en, zh) = CoordinationLabels[level - 1];
        return new CoordinationClass(level, en, zh);
    }

    /// <summary>|Ua − Ub| ≤ 0.1 synchronous, otherwise the lower one lags (method.md §7.6).</summary>
    public static string LagType(string a, double ua, string b, double ub) =>
        Math.Abs(ua - ub) <= 0.1 ? "synchronous" : ua > ub ? $"{b}_lagging" : $"{a}_lagging";

    public static CouplingResult Evaluate(IReadOnlyList<double> u)
    {
        var t = T(u);
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

    public static double Gini(IReadOnlyList<double> y)
    {
        var n = y.Count;
        var mean = Mean(y);
        if (n == 0 || mean == 0) return 0;
        double sum = 0;
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
                sum += Math.Abs(y[i] - y[j]);
        return sum / (2.0 * n * n * mean);
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
