using System.Reflection;
using Resilience.Method.Ingestion;

namespace Resilience.Method.Catalogs;

public enum Direction { Benefit, Cost }

/// <param name="Min">Lowest plausible value (optional): smaller values are let through with a warning.</param>
/// <param name="Max">Highest plausible value (optional), e.g. 100 for a share in %.</param>
/// <param name="Aliases">Other column names that mean this indicator in data files.</param>
public sealed record Indicator(
    string Id, string Dimension, Direction Direction, string? NameEn = null, string? NameZh = null, string? Unit = null,
    double? Min = null, double? Max = null, IReadOnlyList<string>? Aliases = null)
{
    public string DirectionSymbol => Direction == Direction.Benefit ? "+" : "-";
}

/// <summary>An assessment system: indicators grouped in dimensions, each with a direction.</summary>
public sealed class Catalog
{
    private readonly Dictionary<string, int> _indexById;

    public Catalog(IReadOnlyList<Indicator> indicators)
    {
        if (indicators.Count == 0) throw new ArgumentException("A catalog needs at least one indicator.", nameof(indicators));
        Indicators = indicators;
        _indexById = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < indicators.Count; i++)
        {
            if (!_indexById.TryAdd(indicators[i].Id, i))
                throw new ArgumentException($"Indicator '{indicators[i].Id}' appears twice in the catalog.", nameof(indicators));
        }
        Dimensions = indicators.Select(i => i.Dimension).Distinct(StringComparer.Ordinal).ToList();
    }

    public IReadOnlyList<Indicator> Indicators { get; }

    /// <summary>Dimensions in order of first appearance in the catalog.</summary>
    public IReadOnlyList<string> Dimensions { get; }

    public int Count => Indicators.Count;

    /// <summary>Index of an indicator by id (case-insensitive), or -1.</summary>
    public int IndexOf(string id) => _indexById.TryGetValue(id.Trim(), out var i) ? i : -1;

    /// <summary>The default 29-indicator system of method.md §3, shipped inside this assembly.</summary>
    public static Catalog Default { get; } = LoadEmbedded();

    private static Catalog LoadEmbedded()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Resilience.Method.catalog.csv")
            ?? throw new InvalidOperationException("The default catalog resource is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return Parse(reader, "catalog.csv (built-in)");
    }

    /// <summary>Reads <c>indicator_id, dimension, direction[, name_en, name_zh, unit, ...]</c>.</summary>
    /// <exception cref="DataFileException">The file is not a valid catalog; the message names file, row and column.</exception>
    public static Catalog Parse(TextReader text, string fileName)
    {
        using var table = CsvTable.Open(text, fileName) ?? throw new DataFileException(fileName, 1, null, "the catalog is empty");
        foreach (var required in new[] { "indicator_id", "dimension", "direction" })
        {
            if (table.IndexOf(required) < 0)
                throw new DataFileException(fileName, 1, required, $"the catalog has no '{required}' column");
        }
        int idColumn = table.IndexOf("indicator_id"), dimensionColumn = table.IndexOf("dimension"), directionColumn = table.IndexOf("direction");
        int nameEn = table.IndexOf("name_en"), nameZh = table.IndexOf("name_zh"), unit = table.IndexOf("unit");
        int min = table.IndexOf("min"), max = table.IndexOf("max"), aliases = table.IndexOf("aliases");

        var indicators = new List<Indicator>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (table.TryRead(out var fields))
        {
            var id = Field(fields, idColumn) ?? "";
            var dimension = Field(fields, dimensionColumn) ?? "";
            if (id.Length == 0 && dimension.Length == 0) continue;
            if (id.Length == 0) throw new DataFileException(fileName, table.Line, "indicator_id", "the indicator id is empty");
            if (!seen.Add(id)) throw new DataFileException(fileName, table.Line, "indicator_id", $"indicator '{id}' appears twice");
            if (dimension.Length == 0) throw new DataFileException(fileName, table.Line, "dimension", $"indicator '{id}' has no dimension");
            var directionText = Field(fields, directionColumn);
            var direction = ParseDirection(directionText)
                ?? throw new DataFileException(fileName, table.Line, "direction",
                    $"direction '{directionText}' of '{id}' is neither '+' (benefit) nor '-' (cost)");
            indicators.Add(new Indicator(id, dimension.ToLowerInvariant(), direction,
                Field(fields, nameEn), Field(fields, nameZh), Field(fields, unit),
                Bound(fields, min, "min"), Bound(fields, max, "max"),
                Field(fields, aliases)?.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)));
        }
        if (indicators.Count == 0) throw new DataFileException(fileName, 1, null, "the catalog lists no indicator");
        return new Catalog(indicators);

        double? Bound(string[] fields, int index, string column)
        {
            var text = Field(fields, index);
            if (text is null) return null;
            return NumberConventions.Invariant.TryParse(text, out var value) ? value
                : throw new DataFileException(fileName, table.Line, column, $"'{text}' is not a number");
        }
    }

    private static string? Field(string[] fields, int index) =>
        index >= 0 && index < fields.Length && fields[index].Length > 0 ? fields[index] : null;

    private static Direction? ParseDirection(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "+" or "benefit" or "positive" or "正" or "正向" => Direction.Benefit,
        "-" or "−" or "cost" or "negative" or "负" or "负向" => Direction.Cost,
        _ => null,
    };
}
