using Resilience.Method.Assessment;

namespace Resilience.Method.Emissions;

/// <summary>
/// Resilience against carbon emissions (method.md §9) for an assessed panel: yearly CO2 and resilience means with
/// their growth, the Tapio decoupling of the yearly means, of every city-year and of every city over the period.
/// </summary>
/// <remarks>
/// Missing CO2 follows the assessment's imputation option: with <c>linear</c>, a gap in a city's series is filled
/// linearly inside and with the nearest value at the ends (listed in <see cref="EmissionsResult.Imputed"/>); with
/// <c>none</c> the city-year is left out. A city without any CO2 value is left out of the emissions analysis (its
/// emissions cannot be estimated from other cities'), as are emissions of cities or years that were not assessed;
/// warnings say so. The yearly means cover the cities that have both CO2 and resilience that year.
/// </remarks>
public static class EmissionsAnalysis
{
    private const int ListedInWarnings = 10;

    public static EmissionsResult Analyse(AssessmentResult assessment, IEnumerable<EmissionRow> emissions)
    {
        var warnings = new List<string>();
        var cities = assessment.Cities;
        var years = assessment.Years;
        var cityIndex = Index(cities, StringComparer.Ordinal);
        var yearIndex = Index(years, EqualityComparer<int>.Default);

        var resilience = Matrix(cities.Count, years.Count);
        foreach (var row in assessment.Panel) resilience[cityIndex[row.CityId]][yearIndex[row.Year]] = row.Composite;

        var co2 = Matrix(cities.Count, years.Count);
        var notAssessed = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var e in emissions)
        {
            if (cityIndex.TryGetValue(e.CityId, out var c) && yearIndex.TryGetValue(e.Year, out var t))
            {
                if (e.Co2 is { } value) co2[c][t] = value;
            }
            else notAssessed.Add(cityIndex.ContainsKey(e.CityId) ? $"{e.CityId} {e.Year}" : e.CityId);
        }
        if (notAssessed.Count > 0)
            warnings.Add($"emissions of {notAssessed.Count} cities or city-years that were not assessed are ignored: {List(notAssessed)}");

        var imputed = TreatMissing(assessment, co2, warnings);

        var yearly = new List<EmissionsYear>();
        for (var t = 0; t < years.Count; t++)
        {
            double co2Sum = 0, resilienceSum = 0;
            var n = 0;
            for (var c = 0; c < cities.Count; c++)
            {
                if (double.IsNaN(co2[c][t]) || double.IsNaN(resilience[c][t])) continue;
                co2Sum += co2[c][t];
                resilienceSum += resilience[c][t];
                n++;
            }
            double? co2Mean = n > 0 ? co2Sum / n : null, resilienceMean = n > 0 ? resilienceSum / n : null;
            var previous = t > 0 ? yearly[t - 1] : null;
            yearly.Add(new EmissionsYear(years[t], n, co2Mean, n > 0 ? co2Sum : null, resilienceMean,
                Rate(previous?.Co2Mean, co2Mean), Rate(previous?.ResilienceMean, resilienceMean)));
        }

        var tapioYearly = new List<TapioYear>();
        for (var t = 1; t < years.Count; t++)
        {
            if (yearly[t - 1].N == 0 || yearly[t].N == 0) continue;
            var (e, state) = Tapio.Classify(yearly[t].ResilienceGrowth, yearly[t].Co2Growth);
            tapioYearly.Add(new TapioYear(years[t], e, state.Code, state.LabelZh, yearly[t].ResilienceGrowth, yearly[t].Co2Growth));
        }

        var tapioCityYear = new List<TapioCityYear>();
        var tapioCityPeriod = new List<TapioCityPeriod>();
        for (var c = 0; c < cities.Count; c++)
        {
            bool Both(int t) => !double.IsNaN(co2[c][t]) && !double.IsNaN(resilience[c][t]);
            for (var t = 1; t < years.Count; t++)
            {
                if (!Both(t - 1) || !Both(t)) continue;
                double? gR = Growth.Rate(resilience[c][t - 1], resilience[c][t]), gC = Growth.Rate(co2[c][t - 1], co2[c][t]);
                var (e, state) = Tapio.Classify(gR, gC);
                tapioCityYear.Add(new TapioCityYear(cities[c], years[t], e, state.Code, state.LabelZh, gR, gC));
            }
            var first = Enumerable.Range(0, years.Count).FirstOrDefault(Both, -1);
            var last = Enumerable.Range(0, years.Count).LastOrDefault(Both, -1);
            if (first < 0 || first == last) continue;
            double? periodR = Growth.Rate(resilience[c][first], resilience[c][last]), periodC = Growth.Rate(co2[c][first], co2[c][last]);
            var (periodE, periodState) = Tapio.Classify(periodR, periodC);
            tapioCityPeriod.Add(new TapioCityPeriod(cities[c], years[first], years[last], periodE, periodState.Code, periodState.LabelZh,
                periodR, periodC));
        }

        double? co2First = yearly[0].Co2Mean, co2Last = yearly[^1].Co2Mean;
        var aagr = co2First is { } f && co2Last is { } l ? Growth.AverageAnnual(f, l, years[^1] - years[0] + 1) : null;
        return new EmissionsResult(EmissionUnits.Canonical, yearly, tapioYearly, tapioCityYear, tapioCityPeriod, imputed,
            co2First, co2Last, aagr, warnings);
    }

    /// <summary>Fills gaps (imputation <c>linear</c>) and drops cities without any value; returns the filled cells.</summary>
    private static List<ImputedEmission> TreatMissing(AssessmentResult assessment, double[][] co2, List<string> warnings)
    {
        var imputed = new List<ImputedEmission>();
        var withoutValues = new List<string>();
        var leftOut = new List<string>();
        var linear = assessment.Options.Impute == AssessmentOptions.LinearImputation;
        for (var c = 0; c < co2.Length; c++)
        {
            var series = co2[c];
            if (series.All(double.IsNaN))
            {
                withoutValues.Add(assessment.Cities[c]);
                continue;
            }
            var missing = Enumerable.Range(0, series.Length).Where(t => double.IsNaN(series[t])).ToList();
            if (missing.Count == 0) continue;
            if (!linear)
            {
                leftOut.AddRange(missing.Select(t => $"{assessment.Cities[c]} {assessment.Years[t]}"));
                continue;
            }
            SeriesInterpolation.Fill(series, assessment.Years);
            imputed.AddRange(missing.Select(t => new ImputedEmission(assessment.Cities[c], assessment.Years[t], "linear/nearest", series[t])));
        }
        if (withoutValues.Count > 0)
            warnings.Add($"{withoutValues.Count} assessed cities have no CO2 value and are left out of the emissions analysis: {List(withoutValues)}");
        if (leftOut.Count > 0)
            warnings.Add($"impute = none: {leftOut.Count} city-years without CO2 are left out of the emissions analysis: {List(leftOut)}");
        return imputed;
    }

    private static double? Rate(double? previous, double? current) =>
        previous is { } p && current is { } c ? Growth.Rate(p, c) : null;

    private static Dictionary<T, int> Index<T>(IReadOnlyList<T> items, IEqualityComparer<T> comparer) where T : notnull
    {
        var index = new Dictionary<T, int>(comparer);
        for (var i = 0; i < items.Count; i++) index[items[i]] = i;
        return index;
    }

    private static double[][] Matrix(int rows, int columns) =>
        Enumerable.Range(0, rows).Select(_ => Enumerable.Repeat(double.NaN, columns).ToArray()).ToArray();

    private static string List(IEnumerable<string> items)
    {
        var list = items.ToList();
        return string.Join(", ", list.Take(ListedInWarnings)) + (list.Count > ListedInWarnings ? ", ..." : "");
    }
}
