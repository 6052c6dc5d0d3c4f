using System.Text.Json;
using System.Text.Json.Serialization;

namespace Resilience.Storage;

public static class JsonDefaults
{
    /// <summary>camelCase JSON, as stored in results and served by the API.</summary>
    public static JsonSerializerOptions Web { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}
