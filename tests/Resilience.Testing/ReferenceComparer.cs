using System.Text.Json;
using System.Text.Json.Nodes;

namespace Resilience.Testing;

/// <summary>
/// Compares a result tree with a reference JSON tree: every number to an absolute tolerance, every string and
/// null exactly, object keys matched without regard to case or underscores (so camelCase meets snake_case).
/// </summary>
public static class ReferenceComparer
{
    public static JsonSerializerOptions SnakeCase { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
    };

    /// <summary>Returns every difference (empty when equal); <paramref name="ignore"/> lists paths not compared.</summary>
    public static List<string> Compare(JsonNode? expected, JsonNode? actual, double tolerance, params string[] ignore)
    {
        var differences = new List<string>();
        Walk(expected, actual, "$", tolerance, ignore, differences);
        return differences;
    }

    /// <summary>Number of numeric leaves compared, to show a comparison really looked at something.</summary>
    public static int CountNumbers(JsonNode? node) => node switch
    {
        JsonObject o => o.Sum(p => CountNumbers(p.Value)),
        JsonArray a => a.Sum(CountNumbers),
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => 1,
        _ => 0,
    };

    private static string Key(string name) => name.Replace("_", "").ToLowerInvariant();

    private static void Walk(JsonNode? expected, JsonNode? actual, string path, double tolerance, string[] ignore, List<string> differences)
    {
        if (ignore.Contains(path)) return;
        if (differences.Count > 50) return;
        switch (expected)
        {
            case null:
                if (actual is not null && actual.GetValueKind() != JsonValueKind.Null) differences.Add($"{path}: expected null, got {actual.ToJsonString()}");
                return;
            case JsonObject eo:
                if (actual is not JsonObject ao)
                {
                    differences.Add($"{path}: expected an object, got {actual?.ToJsonString() ?? "nothing"}");
                    return;
                }
                var byKey = ao.ToDictionary(p => Key(p.Key), p => p.Value);
                foreach (var (name, value) in eo)
                {
                    var childPath = $"{path}.{name}";
                    if (ignore.Contains(childPath)) continue;
                    if (!byKey.TryGetValue(Key(name), out var actualValue)) differences.Add($"{childPath}: missing");
                    else Walk(value, actualValue, childPath, tolerance, ignore, differences);
                }
                return;
            case JsonArray ea:
                if (actual is not JsonArray aa || aa.Count != ea.Count)
                {
                    differences.Add($"{path}: expected an array of {ea.Count}, got {(actual as JsonArray)?.Count.ToString() ?? actual?.ToJsonString()}");
                    return;
                }
                for (var i = 0; i < ea.Count; i++) Walk(ea[i], aa[i], $"{path}[{i}]", tolerance, ignore, differences);
                return;
            case JsonValue ev:
                if (ev.GetValueKind() == JsonValueKind.Number)
                {
                    var e = ev.GetValue<double>();
                    if (actual is not JsonValue av || av.GetValueKind() != JsonValueKind.Number) differences.Add($"{path}: expected {e}, got {actual?.ToJsonString() ?? "nothing"}");
                    else if (Math.Abs(av.GetValue<double>() - e) > tolerance) differences.Add($"{path}: expected {e:R}, got {av.GetValue<double>():R}");
                }
                else if (!JsonNode.DeepEquals(ev, actual)) differences.Add($"{path}: expected {ev.ToJsonString()}, got {actual?.ToJsonString() ?? "nothing"}");
                return;
        }
    }
}
