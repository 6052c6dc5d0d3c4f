using System.Globalization;
using System.Reflection;
using Resilience.Method.Ingestion;

namespace Resilience.Method.Catalogs;

public sealed record CityInfo(
    string Id, string Region, string? NameEn = null, string? NameZh = null, string? Province = null,
    string? ResourceType = null, string? Stage = null, double? Latitude = null, double? Longitude = null);

/// <summary>Cities with their region (NBS four regions) and names; resolves ids and names in data files.</summary>
public sealed class CityRegistry
{
    public const string UnknownRegion = "unknown";
    private readonly Dictionary<string, CityInfo> _byKey = new(StringComparer.OrdinalIgnoreCase);

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
        }
    }

    public IReadOnlyList<CityInfo> Cities { get; }

    /// <summary>Finds a city by id, English name or Chinese name (with or without 市).</summary>
    public CityInfo? Find(string idOrName)
    {
        var key = idOrName.Trim();
        if (_byKey.TryGetValue(key, out var city)) return city;
        return !key.EndsWith('市') && _byKey.TryGetValue(key + "市", out city) ? city : null;
    }

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
                Get(fields, "resource_type"), Get(fields, "stage"), Number(fields, "lat"), Number(fields, "lon")));
        }
        return new CityRegistry(cities);
    }
}
