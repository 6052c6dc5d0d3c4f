using Resilience.Method.Tables;
using Resilience.Method.Assessment;
using Resilience.Method.Sensitivity;

namespace Resilience.Cli.Output;

/// <summary>The flat views of a result written as CSV (and, for scores, Parquet): scores, weights, yearly statistics.</summary>
internal static class ResultTables
{
    /// <summary>One row per city-year: composite and rank, dimensions, TOPSIS, CCD, top obstacles, growth, Tapio, sensitivity.</summary>
    public static Table Scores(AssessmentResult result)
    {
        var panel = result.Panel;
        var columns = new List<TableColumn>
        {
            Text("city_id", panel, p => p.CityId),
            Text("region", panel, p => p.Region),
            new IntegerColumn("year", panel.Select(p => p.Year).ToArray()),
            Number("composite", panel, p => p.Composite),
            new IntegerColumn("rank", RanksWithinYears(result)),
        };
        var growth = result.CityGrowth.ToDictionary(g => (g.CityId, g.Year), g => g.Growth);
        columns.Add(Number("growth", panel, p => growth.GetValueOrDefault((p.CityId, p.Year))));
        foreach (var dimension in result.Dimensions)
        {
            columns.Add(Number($"{dimension}_score", panel, p => p.Dimensions[dimension].Score));
            columns.Add(Number($"{dimension}_index", panel, p => p.Dimensions[dimension].Index));
        }
        columns.AddRange(
        [
            Number("topsis", panel, p => p.Topsis.Closeness),
            Number("ccd_classic_d", panel, p => p.Ccd.Classic.D),
            Number("ccd_revised_d", panel, p => p.Ccd.Revised.D),
            new IntegerColumn("ccd_classic_level", panel.Select(p => p.Ccd.Classic.Coordination.Level).ToArray()),
            Number("ccd_pair_classic_d", panel, p => p.CcdPair.Classic.D),
            Number("ccd_pair_revised_d", panel, p => p.CcdPair.Revised.D),
            Text("ccd_pair_lag_type", panel, p => p.CcdPair.LagType),
        ]);
        for (var n = 0; n < result.Options.TopObstacles; n++)
        {
            var index = n;
            columns.Add(Text($"obstacle_{n + 1}", panel, p => index < p.ObstaclesTop.Count ? p.ObstaclesTop[index].IndicatorId : null));
            columns.Add(Number($"obstacle_{n + 1}_degree", panel, p => index < p.ObstaclesTop.Count ? p.ObstaclesTop[index].Degree : null));
        }
        if (result.Emissions is { } emissions)
        {
            var tapio = emissions.TapioCityYear.ToDictionary(t => (t.CityId, t.Year));
            columns.Add(Number("tapio_e", panel, p => tapio.GetValueOrDefault((p.CityId, p.Year))?.E));
            columns.Add(Text("tapio_state", panel, p => tapio.GetValueOrDefault((p.CityId, p.Year))?.State));
        }
        if (result.Sensitivity is { } sensitivity)
        {
            var rows = sensitivity.CityYears;
            foreach (var scheme in sensitivity.Weightings.Select(w => w.Name).Where(n => n != "entropy"))
                columns.Add(new IntegerColumn($"rank_{scheme}", rows.Select(r => r.RankByWeighting[scheme]).ToArray()));
            if (sensitivity.MonteCarlo is not null)
            {
                columns.Add(Number("mc_median_rank", rows, r => r.MedianRank));
                columns.Add(Number("mc_rank_p05", rows, r => r.RankP05));
                columns.Add(Number("mc_rank_p95", rows, r => r.RankP95));
            }
        }
        return new Table("scores", columns);
    }

    /// <summary>One row per normalisation group and indicator; with sensitivity, the equal and CRITIC weights beside.</summary>
    public static Table Weights(AssessmentResult result)
    {
        var rows = result.WeightGroups.SelectMany(g => g.Indicators.Select(i => (Group: g.Group, Indicator: i))).ToList();
        var columns = new List<TableColumn>
        {
            Text("group", rows, r => r.Group),
            Text("indicator_id", rows, r => r.Indicator.IndicatorId),
            Text("dimension", rows, r => r.Indicator.Dimension),
            Text("direction", rows, r => r.Indicator.Direction),
            Number("min", rows, r => r.Indicator.Min),
            Number("max", rows, r => r.Indicator.Max),
            Number("entropy", rows, r => r.Indicator.Entropy),
            Number("divergence", rows, r => r.Indicator.Divergence),
            Number("weight", rows, r => r.Indicator.Weight),
        };
        foreach (var scheme in result.Sensitivity?.Weightings.Where(w => w.Name != "entropy") ?? [])
        {
            var byGroup = scheme.Groups.ToDictionary(g => g.Group, g => g.Weights);
            columns.Add(Number($"weight_{scheme.Name}", rows, r => byGroup[r.Group][r.Indicator.IndicatorId]));
        }
        return new Table("weights", columns);
    }

    /// <summary>One row per year: level, gaps, Theil decomposition, regional means, CO2 and Tapio of the means.</summary>
    public static Table Yearly(AssessmentResult result)
    {
        var years = result.Yearly;
        var columns = new List<TableColumn>
        {
            new IntegerColumn("year", years.Select(y => y.Year).ToArray()),
            new IntegerColumn("n", years.Select(y => y.N).ToArray()),
            Number("mean", years, y => y.Mean),
            Number("growth_mean", years, y => y.GrowthMean),
            Number("sd", years, y => y.Sd),
            Number("cv", years, y => y.Cv),
            Number("min", years, y => y.Min),
            Number("max", years, y => y.Max),
            Number("gini", years, y => y.Gini),
            Number("theil", years, y => y.Theil.Total),
            Number("theil_within", years, y => y.Theil.Within),
            Number("theil_between", years, y => y.Theil.Between),
            Number("theil_between_share", years, y => y.Theil.BetweenShare),
            Number("topsis_mean", years, y => y.TopsisMean),
            Number("ccd_classic_d_mean", years, y => y.CcdMean.ClassicD),
            Number("ccd_revised_d_mean", years, y => y.CcdMean.RevisedD),
            Number("ccd_pair_classic_d_mean", years, y => y.CcdPairMean.ClassicD),
            Number("ccd_pair_revised_d_mean", years, y => y.CcdPairMean.RevisedD),
        };
        foreach (var dimension in result.Dimensions)
            columns.Add(Number($"{dimension}_index_mean", years, y => y.Dimensions[dimension].MeanIndex));
        foreach (var region in years.SelectMany(y => y.RegionalMeans.Keys).Distinct().Order(StringComparer.Ordinal))
            columns.Add(Number($"{region}_mean", years, y => y.RegionalMeans.TryGetValue(region, out var m) ? m.Composite : null));
        if (result.Emissions is { } emissions)
        {
            var co2 = emissions.Yearly.ToDictionary(e => e.Year);
            var tapio = emissions.TapioYearlyMean.ToDictionary(t => t.Year);
            columns.Add(Number("co2_mean", years, y => co2.GetValueOrDefault(y.Year)?.Co2Mean));
            columns.Add(Number("co2_total", years, y => co2.GetValueOrDefault(y.Year)?.Co2Total));
            columns.Add(Number("co2_growth", years, y => co2.GetValueOrDefault(y.Year)?.Co2Growth));
            columns.Add(Number("tapio_e", years, y => tapio.GetValueOrDefault(y.Year)?.E));
            columns.Add(Text("tapio_state", years, y => tapio.GetValueOrDefault(y.Year)?.State));
        }
        return new Table("yearly", columns);
    }

    /// <summary>Baseline rank within each year (1 = highest composite; ties in city order), as in the sensitivity analysis.</summary>
    private static int[] RanksWithinYears(AssessmentResult result)
    {
        var ranks = new int[result.Panel.Count];
        foreach (var year in Enumerable.Range(0, result.Panel.Count).GroupBy(i => result.Panel[i].Year))
        {
            var rows = year.ToArray();
            var yearRanks = Ranking.Descending(rows.Select(i => result.Panel[i].Composite).ToArray());
            for (var k = 0; k < rows.Length; k++) ranks[rows[k]] = yearRanks[k];
        }
        return ranks;
    }

    private static TextColumn Text<T>(string name, IReadOnlyList<T> rows, Func<T, string?> value) => new(name, rows.Select(value).ToArray());

    private static NumberColumn Number<T>(string name, IReadOnlyList<T> rows, Func<T, double?> value) => new(name, rows.Select(value).ToArray());
}
