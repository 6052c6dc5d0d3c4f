using System.Globalization;
using System.Reflection;
using Resilience.Method.Ingestion;

namespace Resilience.Method.Catalogs;

public sealed record CityInfo(
    string Id, string Region, string? NameEn = null, string? NameZh = null, string? Province = null,
    string? ResourceType = null, string? Stage = null, double? Latitude = null, double? Longitude = null,
    string? ProvinceZh = null, string? Code = null);

/// <summary>
/// Cities with their region (NBS four regions) and names; resolves the ids, names and codes found in data files:
/// id, English name or pinyin in any spelling ("Xi'an", "Xian", "Beijing (city)", "Turpan Prefecture"), Chinese name
/// with or without 市 or with its province in front ("内蒙古鄂尔多斯"), and the 6-digit administrative code when the
/// cities file has a <c>code</c> column (Beijing's 110000 and 110100 both match).
/// </summary>
public sealed class CityRegistry
{
    public const string UnknownRegion = "unknown";
    private readonly Dictionary<string, CityInfo> _byKey = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, CityInfo> _byLooseKey = new(StringComparer.Ordinal);
    private readonly HashSet<string> _provinces = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<CityInfo>> _ambiguous = new(StringComparer.OrdinalIgnoreCase);

    public CityRegistry(IReadOnlyList<CityInfo> cities)
    {
        Cities = cities;
        // Ids first, so that an id never loses to somebody else's name.
        foreach (var city in cities) _byKey.TryAdd(city.Id, city);
        foreach (var city in cities)
        {
            if (city.NameEn is { } en) _byKey.TryAdd(en, city);
            if (city.NameZh is { } zh)
            {
                _byKey.TryAdd(zh, city);
                if (zh.EndsWith('市') && zh.Length > 1) _byKey.TryAdd(zh[..^1], city);
            }
            if (city.Code is { } code) foreach (var form in CodeForms(code)) _byKey.TryAdd(form, city);
        }
        foreach (var city in cities)
        {
            foreach (var key in new[] { city.Id, city.NameEn }.Select(LatinKey).Where(k => k.Length > 0)) _byLooseKey.TryAdd(key, city);
            if (city.NameEn is { } qualified && qualified.Contains('(')) _byLooseKey.TryAdd(LettersOf(qualified), city);
            if (ShortZh(city.NameZh) is { } zh && ShortZh(city.ProvinceZh) is { } province) _byLooseKey.TryAdd(province + zh, city);
            foreach (var p in new[] { ShortZh(city.ProvinceZh), LatinKey(city.Province) }) if (!string.IsNullOrEmpty(p)) _provinces.Add(p);
        }
        foreach (var p in ProvinceNames) _provinces.Add(p);

        // A name two cities share (Yichun: 伊春 and 宜春; Suzhou: 苏州 and 宿州) must not pick one of them silently.
        foreach (var group in cities.SelectMany(c => new[] { c.NameEn, LatinKey(c.NameEn) }.Where(n => !string.IsNullOrEmpty(n)).Distinct().Select(n => (Name: n!, City: c)))
                     .GroupBy(x => x.Name, StringComparer.OrdinalIgnoreCase)
                     // "Suzhou (Anhui)": the registry qualifies the name because another city shares it, even if only one is listed.
                     .Where(g => g.Select(x => x.City.Id).Distinct().Count() > 1 || g.Any(x => QualifiedAgainstAnotherCity(x.City.NameEn!) && x.Name == LatinKey(x.City.NameEn))))
        {
            _ambiguous[group.Key] = group.Select(x => x.City).Distinct().ToList();
            if (_byKey.TryGetValue(group.Key, out var taken) && !string.Equals(taken.Id, group.Key, StringComparison.OrdinalIgnoreCase)) _byKey.Remove(group.Key);
            _byLooseKey.Remove(group.Key);
        }
    }

    /// <summary>
    /// "Suzhou (Anhui)" tells the city from another of its name; "Jilin (city)" only from its province, which a city
    /// column never means (the Chinese "吉林" is the city too).
    /// </summary>
    private static bool QualifiedAgainstAnotherCity(string nameEn) =>
        NameKey.InParentheses(nameEn) is { } qualifier && NameKey.Of(qualifier) is not ("city" or "shi" or "市" or "prefecture" or "prefecture-level city");

    /// <summary>The cities a name could mean when it names more than one (an English name without province), else null.</summary>
    public IReadOnlyList<CityInfo>? Ambiguous(string name)
    {
        var key = name.Trim();
        if (_ambiguous.TryGetValue(key, out var cities)) return cities;
        var latin = LatinKey(key);
        return latin.Length > 0 && _ambiguous.TryGetValue(latin, out cities) ? cities : null;
    }

    public IReadOnlyList<CityInfo> Cities { get; }

    /// <summary>Finds a city by id, name, pinyin, province-prefixed Chinese name or code (see the class summary).</summary>
    public CityInfo? Find(string idOrName)
    {
        var key = idOrName.Trim();
        // A province ("吉林省", "Jilin(province)") is never the city of the same name.
        if (key.Length == 0 || key.EndsWith('省') || key.EndsWith("自治区", StringComparison.Ordinal) || IsEnglishProvince(key)) return null;
        if (_byKey.TryGetValue(key, out var city)) return city;
        if (!key.EndsWith('市') && _byKey.TryGetValue(key + "市", out city)) return city;
        var latin = LatinKey(key);
        if (latin.Length > 0 && _byLooseKey.TryGetValue(latin, out city)) return city;
        var zh = ShortZh(key);
        if (zh is not null && (_byKey.TryGetValue(zh, out city) || _byLooseKey.TryGetValue(zh, out city))) return city;
        return null;
    }

    /// <summary>True for a province (or autonomous region) name rather than a city: "河北省", "Hebei", "河北省 / Hebei".</summary>
    public bool IsProvince(string name)
    {
        var parts = name.Split('/', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return parts.Length > 0 && parts.All(p => Find(p) is null
            && (_provinces.Contains(NameKey.Of(p)) || _provinces.Contains(LatinKey(p)) || p.EndsWith('省') || p.EndsWith("自治区")
                || IsEnglishProvince(p)));
    }

    /// <summary>"Hainan(province)", "Hebei Province", but not "... Autonomous Prefecture of Southwest Guizhou Province".</summary>
    private static bool IsEnglishProvince(string name)
    {
        var key = NameKey.Of(name);
        return (key.EndsWith("(province)", StringComparison.Ordinal) || key.EndsWith("province", StringComparison.Ordinal))
            && !key.Contains("prefecture", StringComparison.Ordinal) && !key.Contains("city", StringComparison.Ordinal);
    }

    /// <summary>The registered cities whose names are closest to an unmatched name, best first.</summary>
    public IReadOnlyList<string> Closest(string name, int count = 3)
    {
        var latin = LatinKey(name);
        var zh = ShortZh(name) ?? "";
        return Cities
            .Select(c => (City: c, Distance: Math.Min(
                latin.Length > 0 ? new[] { c.Id, c.NameEn }.Select(LatinKey).Where(k => k.Length > 0).Select(k => NameKey.Distance(latin, k)).DefaultIfEmpty(int.MaxValue).Min() : int.MaxValue,
                zh.Length > 0 && ShortZh(c.NameZh) is { } czh ? NameKey.Distance(zh, czh) * 3 : int.MaxValue)))
            // Only names that are really close: a typo, a missing suffix, another romanisation.
            .Where(x => x.Distance <= Math.Max(2, Math.Max(latin.Length, 3 * zh.Length) / 3))
            .OrderBy(x => x.Distance).ThenBy(x => x.City.Id, StringComparer.Ordinal)
            .Take(count)
            .Select(x => x.City.NameZh is { } czh ? $"{x.City.Id} ({czh})" : x.City.Id)
            .ToList();
    }

    private static string LettersOf(string name) => new(NameKey.Of(name).Where(char.IsAsciiLetterLower).ToArray());

    /// <summary>Latin names compared loosely: letters only, without "(city)", "city", "prefecture", "shi", "league".</summary>
    private static string LatinKey(string? name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Any(c => c > 0x2FF)) return "";
        var key = NameKey.Of(NameKey.WithoutParentheses(name));
        key = new string(key.Where(char.IsAsciiLetterLower).ToArray());
        foreach (var suffix in new[] { "prefecture", "prefeture", "league", "city", "shi", "diqu", "meng", "zhou" })
            if (key.Length > suffix.Length + 2 && key.EndsWith(suffix, StringComparison.Ordinal)) return key[..^suffix.Length];
        return key;
    }

    /// <summary>A Chinese name without spaces, 市/省/自治区/地区/盟 suffixes: "  石家庄市" → "石家庄"; null for a latin name.</summary>
    private static string? ShortZh(string? name)
    {
        if (string.IsNullOrWhiteSpace(name) || !name.Any(c => c > 0x2FF)) return null;
        var key = NameKey.Of(name);
        foreach (var suffix in new[] { "壮族自治区", "回族自治区", "维吾尔自治区", "自治区", "特别行政区", "自治州", "市", "省", "地区", "盟" })
        {
            if (key.Length <= suffix.Length + 1 || !key.EndsWith(suffix, StringComparison.Ordinal)) continue;
            key = key[..^suffix.Length];
            // "延边朝鲜族自治州" → "延边", "黔南布依族苗族自治州" → "黔南": the short name without the peoples.
            if (suffix == "自治州")
                for (var stripped = true; stripped;)
                {
                    stripped = false;
                    foreach (var people in Peoples)
                        if (key.Length > people.Length + 1 && key.EndsWith(people, StringComparison.Ordinal))
                        {
                            key = key[..^people.Length];
                            stripped = true;
                        }
                }
            break;
        }
        return key;
    }

    /// <summary>"110000" and "110100" are both Beijing: municipalities are written either way.</summary>
    private static IEnumerable<string> CodeForms(string code)
    {
        var digits = code.Trim();
        yield return digits;
        if (digits.Length == 6 && digits.All(char.IsAsciiDigit))
        {
            if (digits.EndsWith("0000")) yield return digits[..2] + "0100";
            if (digits.EndsWith("0100") && digits[..2] is "11" or "12" or "31" or "50") yield return digits[..2] + "0000";
        }
    }

    private static readonly string[] Peoples =
    [
        "朝鲜族", "布依族", "苗族", "侗族", "土家族", "彝族", "哈尼族", "傣族", "白族", "傈僳族", "景颇族", "壮族", "藏族", "羌族",
        "回族", "蒙古族", "蒙古", "哈萨克", "柯尔克孜", "撒拉族", "土族", "黎族",
    ];

    private static readonly string[] ProvinceNames =
    [
        "河北", "山西", "内蒙古", "辽宁", "吉林", "黑龙江", "江苏", "浙江", "安徽", "福建", "江西", "山东", "河南",
        "湖北", "湖南", "广东", "广西", "海南", "四川", "贵州", "云南", "西藏", "陕西", "甘肃", "青海", "宁夏", "新疆",
        "hebei", "shanxi", "innermongolia", "neimenggu", "liaoning", "heilongjiang", "jiangsu", "zhejiang", "anhui", "fujian",
        "jiangxi", "shandong", "henan", "hubei", "hunan", "guangdong", "guangxi", "hainan", "sichuan", "guizhou", "yunnan", "tibet",
        "xizang", "shaanxi", "gansu", "qinghai", "ningxia", "xinjiang",
    ];

    /// <summary>The 126 prefecture-level resource-based cities of the 2013 national plan, shipped inside this assembly.</summary>
    public static CityRegistry Default { get; } = LoadEmbedded();

    private static CityRegistry LoadEmbedded()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Resilience.Method.resource_cities.csv")
            ?? throw new InvalidOperationException("The city registry resource is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return Parse(reader, "resource_cities.csv (built-in)");
    }

    /// <summary>Reads <c>city_id, region[, name_en, name_zh, province_en, resource_type, stage, lat, lon, ...]</c>.</summary>
    public static CityRegistry Parse(TextReader text, string fileName)
    {
        using var table = CsvTable.Open(text, fileName) ?? throw new DataFileException(fileName, 1, null, "the cities file is empty");
        var idColumn = new[] { "city_id", "city" }.Select(table.IndexOf).FirstOrDefault(i => i >= 0, -1);
        if (idColumn < 0) throw new DataFileException(fileName, 1, "city_id", "the cities file has no 'city_id' column");
        var regionColumn = table.IndexOf("region");
        if (regionColumn < 0) throw new DataFileException(fileName, 1, "region", "the cities file has no 'region' column");
        string? Get(string[] fields, string column)
        {
            var index = table.IndexOf(column);
            return index >= 0 && index < fields.Length && fields[index].Length > 0 ? fields[index] : null;
        }
        double? Number(string[] fields, string column) =>
            Get(fields, column) is { } t && double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null;

        var cities = new List<CityInfo>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (table.TryRead(out var fields))
        {
            var id = idColumn < fields.Length ? fields[idColumn] : "";
            if (id.Length == 0) continue;
            if (!seen.Add(id)) throw new DataFileException(fileName, table.Line, table.Headers[idColumn], $"city '{id}' appears twice");
            var region = regionColumn < fields.Length ? fields[regionColumn] : "";
            if (region.Length == 0) throw new DataFileException(fileName, table.Line, "region", $"city '{id}' has no region");
            cities.Add(new CityInfo(id, region.ToLowerInvariant(),
                Get(fields, "name_en"), Get(fields, "name_zh"), Get(fields, "province_en"),
                Get(fields, "resource_type"), Get(fields, "stage"), Number(fields, "lat"), Number(fields, "lon"),
                Get(fields, "province_zh"), Get(fields, "code") ?? Get(fields, "admin_code") ?? Get(fields, "city_code")));
        }
        return new CityRegistry(cities);
    }
}
