using System.Numerics;
using Resilience.Method.Assessment;

namespace Resilience.Method.Sensitivity;

/// <summary>
/// CRITIC weights (Diakoulaki, Mavrotas &amp; Papayannakis 1995) on normalised columns: C_j = σ_j Σ_k (1 − r_jk),
/// w_j = C_j / Σ C. σ is the population standard deviation; a constant column has σ = 0 (so C = 0) and its
/// correlation with any other column is taken as 0. If every C is 0 the weights are equal.
/// </summary>
public static class CriticWeights
{
    public static double[] Compute(double[,] normalised) =>
        Compute(EntropyWeights.Flatten(normalised), normalised.GetLength(0), normalised.GetLength(1));

    /// <param name="normalised">Row-major [rows × columns].</param>
    public static double[] Compute(ReadOnlySpan<double> normalised, int rows, int columns)
    {
        // Centred columns, column-major, so that each covariance is one contiguous dot product.
        var mean = new double[columns];
        for (var i = 0; i < rows; i++)
            for (var j = 0; j < columns; j++)
                mean[j] += normalised[i * columns + j];
        for (var j = 0; j < columns; j++) mean[j] /= rows;
        var centred = new double[columns * rows];
        const int block = 64; // transpose in blocks of rows that stay in cache
        for (var start = 0; start < rows; start += block)
        {
            var end = Math.Min(rows, start + block);
            for (var j = 0; j < columns; j++)
                for (var i = start; i < end; i++)
                    centred[j * rows + i] = normalised[i * columns + j] - mean[j];
        }

        var covariance = new double[columns, columns];
        for (var j = 0; j < columns; j++)
            for (var k = j; k < columns; k++)
                covariance[j, k] = covariance[k, j] = Dot(Column(centred, j, rows), Column(centred, k, rows)) / rows;
        var sd = new double[columns];
        for (var j = 0; j < columns; j++) sd[j] = Math.Sqrt(covariance[j, j]);

        var information = new double[columns];
        for (var j = 0; j < columns; j++)
        {
            if (!(sd[j] > 0)) continue;
            double conflict = 0;
            for (var k = 0; k < columns; k++)
            {
                if (k == j) continue;
                var r = sd[k] > 0 ? covariance[j, k] / (sd[j] * sd[k]) : 0;
                conflict += 1 - r;
            }
            information[j] = sd[j] * conflict;
        }
        return EntropyWeights.Normalise(information);
    }

    private static ReadOnlySpan<double> Column(double[] columnMajor, int column, int rows) => columnMajor.AsSpan(column * rows, rows);

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var sums = Vector<double>.Zero;
        var i = 0;
        for (; i <= a.Length - Vector<double>.Count; i += Vector<double>.Count)
            sums += new Vector<double>(a[i..]) * new Vector<double>(b[i..]);
        var sum = Vector.Sum(sums);
        for (; i < a.Length; i++) sum += a[i] * b[i];
        return sum;
    }
}
