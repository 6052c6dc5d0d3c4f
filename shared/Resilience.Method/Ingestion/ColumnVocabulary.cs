using Resilience.Method.Catalogs;

namespace Resilience.Method.Ingestion;

/// <summary>The header names that mark key columns, in English and Chinese, compared as <see cref="NameKey"/>s.</summary>
internal static class ColumnVocabulary
{
    /// <summary>City columns, most specific first; among several, the one whose values match the registry best is used.</summary>
    /// <remarks>Codes come first: where the registry knows codes as well as names, a code column is unambiguous.</remarks>
    public static readonly string[] City =
    [
        "cityid", "citycode", "城市代码", "城市编码", "行政区划代码", "adcode", "ctnmid", "code",
        "city", "cityname", "城市", "城市名称", "城市名", "地级市", "地级市名称", "市", "地区", "地区名称", "prefecture", "ctnmen", "ctnm",
    ];

    private static readonly string[] Codes = ["citycode", "城市代码", "城市编码", "行政区划代码", "adcode", "ctnmid", "code"];

    /// <summary>A header naming a column of administrative codes.</summary>
    public static bool IsCode(string? header) => Rank(header, Codes) >= 0;

    public static readonly string[] Year = ["year", "years", "年份", "年度", "年", "统计年度", "统计年份", "年度标识", "年份标识", "sgnyea", "accper", "yr"];

    public static readonly string[] IndicatorName =
        ["indicatorid", "indicator", "indicatorname", "variable", "var", "指标", "指标名称", "指标代码", "item", "series"];

    public static readonly string[] Value = ["value", "val", "值", "数值", "指标值", "amount"];

    public static readonly string[] Unit = ["unit", "units", "单位"];

    /// <summary>Position of the header in <paramref name="vocabulary"/>, or -1.</summary>
    public static int Rank(string? header, string[] vocabulary)
    {
        foreach (var key in NameKey.Variants(header))
        {
            var rank = Array.IndexOf(vocabulary, key);
            if (rank >= 0) return rank;
        }
        return -1;
    }
}

/// <summary>Matches column headers to catalog indicators by id, English name, Chinese name or alias.</summary>
internal sealed class IndicatorMatcher
{
    private readonly Catalog _catalog;
    private readonly Dictionary<string, int> _byKey = new(StringComparer.Ordinal);

    public IndicatorMatcher(Catalog catalog)
    {
        _catalog = catalog;
        // Ids win over names, names over aliases.
        for (var i = 0; i < catalog.Count; i++) _byKey.TryAdd(NameKey.Of(catalog.Indicators[i].Id), i);
        for (var i = 0; i < catalog.Count; i++)
            foreach (var name in new[] { catalog.Indicators[i].NameEn, catalog.Indicators[i].NameZh })
                foreach (var key in NameKey.Variants(name)) _byKey.TryAdd(key, i);
        for (var i = 0; i < catalog.Count; i++)
            foreach (var alias in catalog.Indicators[i].Aliases ?? [])
                foreach (var key in NameKey.Variants(alias)) _byKey.TryAdd(key, i);
    }

    /// <summary>Index of the indicator a header names, or -1.</summary>
    public int Match(string? header)
    {
        if (header is null) return -1;
        var exact = _catalog.IndexOf(header);
        if (exact >= 0) return exact;
        foreach (var key in NameKey.Variants(header))
            if (_byKey.TryGetValue(key, out var index)) return index;
        return -1;
    }
}
