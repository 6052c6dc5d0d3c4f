namespace Resilience.Method.Sensitivity;

/// <summary>Ranks, rank correlation and percentiles used by the sensitivity analysis.</summary>
public static class Ranking
{
    /// <summary>
    /// Rank of each value, 1 = highest; equal values are ranked in index order (so the ranks are a permutation of 1..n).
    /// </summary>
    public static int[] Descending(ReadOnlySpan<double> values)
    {
        var ranks = new int[values.Length];
        Descending(values, ranks, new double[values.Length], new int[values.Length]);
        return ranks;
    }

    /// <summary>The same into <paramref name="ranks"/>, with caller-owned scratch buffers of the same length.</summary>
    internal static void Descending(ReadOnlySpan<double> values, Span<int> ranks, double[] keys, int[] order)
    {
        var n = values.Length;
        for (var i = 0; i < n; i++)
        {
            keys[i] = -values[i];
            order[i] = i;
        }
        Array.Sort(keys, order, 0, n);
        // Array.Sort is not stable: put equal values back in index order.
        for (var start = 0; start < n;)
        {
            var end = start + 1;
            while (end < n && keys[end] == keys[start]) end++;
            if (end - start > 1) Array.Sort(order, start, end - start);
            start = end;
        }
        for (var i = 0; i < n; i++) ranks[order[i]] = i + 1;
    }

    /// <summary>Spearman's ρ of two rankings without ties (permutations of 1..n): 1 − 6 Σ d² / (n (n² − 1)); null for n &lt; 2.</summary>
    public static double? Spearman(ReadOnlySpan<int> a, ReadOnlySpan<int> b)
    {
        var n = a.Length;
        if (n < 2) return null;
        double sumSquares = 0;
        for (var i = 0; i < n; i++)
        {
            double d = a[i] - b[i];
            sumSquares += d * d;
        }
        return 1 - 6 * sumSquares / ((double)n * ((double)n * n - 1));
    }

    /// <summary>
    /// The p-quantile (0 ≤ p ≤ 1) of values sorted ascending, interpolating linearly between order statistics
    /// (Hyndman &amp; Fan type 7, the default of R and numpy).
    /// </summary>
    public static double Percentile<T>(ReadOnlySpan<T> sorted, double p) where T : System.Numerics.INumberBase<T>
    {
        if (sorted.Length == 0) throw new ArgumentException("No values.", nameof(sorted));
        var h = (sorted.Length - 1) * p;
        var lower = (int)Math.Floor(h);
        var upper = Math.Min(lower + 1, sorted.Length - 1);
        var low = double.CreateChecked(sorted[lower]);
        return low + (h - lower) * (double.CreateChecked(sorted[upper]) - low);
    }
}
