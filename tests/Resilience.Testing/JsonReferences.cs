using System.Text.Json.Nodes;

namespace Resilience.Testing;

public static class JsonReferences
{
    /// <summary>Follows local <c>$ref</c> pointers (<c>#/components/...</c>) of a JSON document; null if one leads outside it.</summary>
    public static JsonNode? Resolve(JsonObject document, JsonNode? node)
    {
        for (var depth = 0; depth < 16 && node?["$ref"] is JsonValue reference; depth++)
        {
            var pointer = (string)reference!;
            if (!pointer.StartsWith("#/", StringComparison.Ordinal)) return null;
            JsonNode? target = document;
            foreach (var segment in pointer[2..].Split('/')) target = target?[segment.Replace("~1", "/").Replace("~0", "~")];
            node = target;
        }
        return node;
    }
}
