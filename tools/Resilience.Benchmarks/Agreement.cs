using System.Globalization;

namespace Resilience.Benchmarks;

/// <summary>How closely the CLI's and reference.py's outputs agree: weights (must be within 1e-9), composites, yearly statistics.</summary>
internal sealed record Agreement(int Indicators, double MaxWeightDifference, int Rows, double MaxCompositeDifference, int RankDifferences,
    double MaxYearlyDifference)
{
    public const double Tolerance = 1e-9;

    public bool WeightsAgree => Indicators > 0 && MaxWeightDifference <= Tolerance;

    public static Agreement Compare(string cliDirectory, string pythonDirectory)
    {
        var cliWeights = ReadCsv(Path.Combine(cliDirectory, "weights.csv"));
        var pyWeights = ReadCsv(Path.Combine(pythonDirectory, "weights.csv")).ToDictionary(r => r["indicator_id"]);
        var weightDifference = cliWeights.Max(r => Math.Abs(Number(r["weight"]) - Number(pyWeights[r["indicator_id"]]["weight"])));

        var pyScores = ReadCsv(Path.Combine(pythonDirectory, "scores.csv")).ToDictionary(r => (r["city_id"], r["year"]));
        var cliScores = ReadCsv(Path.Combine(cliDirectory, "scores.csv"));
        var compositeDifference = cliScores.Max(r => Math.Abs(Number(r["composite"]) - Number(pyScores[(r["city_id"], r["year"])]["composite"])));
        var rankDifferences = cliScores.Count(r => r["rank"] != pyScores[(r["city_id"], r["year"])]["rank"]);

        var pyYearly = ReadCsv(Path.Combine(pythonDirectory, "yearly.csv")).ToDictionary(r => r["year"]);
        var yearlyDifference = ReadCsv(Path.Combine(cliDirectory, "yearly.csv"))
            .SelectMany(r => new[] { "mean", "sd", "cv", "gini", "theil", "theil_between", "co2_mean" }
                .Select(c => Math.Abs(Number(r[c]) - Number(pyYearly[r["year"]][c]))))
            .Max();
        return new Agreement(cliWeights.Count, weightDifference, cliScores.Count, compositeDifference, rankDifferences, yearlyDifference);
    }

    public string Describe() =>
        $"agreement: weights of {Indicators} indicators max |Δ| {MaxWeightDifference:E2} ({(WeightsAgree ? "within" : "NOT within")} {Tolerance:E0}); " +
        $"composites of {Rows:N0} city-years max |Δ| {MaxCompositeDifference:E2}, ranks differing {RankDifferences}; " +
        $"yearly mean/sd/cv/gini/theil/co2 max |Δ| {MaxYearlyDifference:E2}";

    /// <summary>A plain CSV (no quoted commas in these files), header → value per row; a BOM on the header is dropped.</summary>
    private static List<Dictionary<string, string>> ReadCsv(string path)
    {
        var lines = File.ReadAllLines(path);
        var header = lines[0].TrimStart('\uFEFF').Split(',');
        return lines.Skip(1).Where(l => l.Length > 0)
            .Select(l => l.Split(',').Select((v, i) => (header[i], v)).ToDictionary(p => p.Item1, p => p.v))
            .ToList();
    }

    private static double Number(string text) => text.Length == 0 ? double.NaN : double.Parse(text, CultureInfo.InvariantCulture);
}
