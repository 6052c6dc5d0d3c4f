using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Resilience.Method.Assessment;

namespace Resilience.Cli;

/// <summary>
/// result.json: the whole <see cref="AssessmentResult"/> in snake_case, as the reference files name things. Source-generated
/// (no reflection at run time), which matters for a panel of 60,000 city-years (over 100 MB of JSON). Chinese labels
/// are written as UTF-8 text, not \u escapes.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(AssessmentResult))]
internal sealed partial class ResultJson : JsonSerializerContext
{
    private static readonly ResultJson Unescaped = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    public static async Task WriteAsync(AssessmentResult result, string path)
    {
        await using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1 << 16);
        await JsonSerializer.SerializeAsync(stream, result, Unescaped.AssessmentResult);
    }
}
