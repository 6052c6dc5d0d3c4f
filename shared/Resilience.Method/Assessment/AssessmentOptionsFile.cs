using System.Globalization;
using System.Text;
using System.Text.Json;
using Resilience.Method.Catalogs;

namespace Resilience.Method.Assessment;

/// <summary>
/// Reads a dataset's configuration file: one JSON object whose keys are the <see cref="AssessmentOptions"/> properties
/// in camelCase (snake_case is accepted too, as in the reference files' <c>config</c> block). Keys left out keep their
/// defaults. Format: docs/configuration.md.
/// </summary>
public static class AssessmentOptionsFile
{
    private delegate AssessmentOptions Apply(AssessmentOptions options, JsonElement value);

    private static readonly (string Key, Apply Apply)[] Keys =
    [
        ("mode", (o, v) => o with { Mode = Text(v) }),
        ("shift", (o, v) => o with { Shift = Number(v) }),
        ("scoreUnshifted", (o, v) => o with { ScoreUnshifted = Boolean(v) }),
        ("impute", (o, v) => o with { Impute = Text(v) }),
        ("composite", (o, v) => o with { Composite = Text(v) }),
        ("ccdInput", (o, v) => o with { CcdInput = Text(v) }),
        ("ccdTWeights", (o, v) => o with { CcdTWeights = v.ValueKind == JsonValueKind.Array ? NumberList(v) : Text(v) }),
        ("ccdPair", (o, v) => o with { CcdPair = v.ValueKind == JsonValueKind.Array ? NameList(v) : Text(v) }),
        ("sdDdof", (o, v) => o with { SdDdof = Integer(v) }),
        ("topObstacles", (o, v) => o with { TopObstacles = Integer(v) }),
        ("maxFileBytes", (o, v) => o with { MaxFileBytes = v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var bytes) ? bytes : throw new FormatException($"expected a whole number, got {Describe(v)}") }),
        ("headerSearchRows", (o, v) => o with { HeaderSearchRows = Integer(v) }),
        ("maxErrors", (o, v) => o with { MaxErrors = Integer(v) }),
        ("maxProblemsKept", (o, v) => o with { MaxProblemsKept = Integer(v) }),
    ];

    public static AssessmentOptions Read(string path, Catalog? catalog = null) =>
        Parse(File.ReadAllText(path), Path.GetFileName(path), catalog);

    /// <param name="catalog">If given, the options are also checked against it (number of T-weights).</param>
    /// <exception cref="DataFileException">Invalid JSON, an unknown or repeated key, or a bad value; the message names the key and its line.</exception>
    public static AssessmentOptions Parse(string json, string fileName, Catalog? catalog = null)
    {
        var bytes = Encoding.UTF8.GetBytes(json.TrimStart('\uFEFF'));
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var options = AssessmentOptions.Default;
        var lineOfKey = new Dictionary<string, long>(StringComparer.Ordinal);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                throw new DataFileException(fileName, 1, null, "the configuration must be one JSON object ({ \"key\": value, ... })");
            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                var name = reader.GetString()!;
                var line = LineOf(bytes, reader.TokenStartIndex);
                var entry = Keys.FirstOrDefault(k => Normalise(k.Key) == Normalise(name));
                if (entry.Key is null)
                    throw new DataFileException(fileName, line, name,
                        $"unknown option; the options are {string.Join(", ", Keys.Select(k => k.Key))}");
                if (!lineOfKey.TryAdd(entry.Key, line))
                    throw new DataFileException(fileName, line, name, $"'{entry.Key}' is given twice");
                reader.Read();
                using var value = JsonDocument.ParseValue(ref reader);
                try
                {
                    options = entry.Apply(options, value.RootElement);
                }
                catch (FormatException e)
                {
                    throw new DataFileException(fileName, line, name, e.Message);
                }
            }
        }
        catch (JsonException e)
        {
            throw new DataFileException(fileName, (e.LineNumber ?? 0) + 1, null, $"not valid JSON ({e.Message})");
        }

        var problem = options.Check(catalog).FirstOrDefault();
        if (problem is not null)
            throw new DataFileException(fileName, lineOfKey.GetValueOrDefault(problem.Key, 1), problem.Key, problem.Message);
        return options;
    }

    private static string Normalise(string key) => key.Replace("_", "").Replace("-", "").ToLowerInvariant();

    private static long LineOf(byte[] bytes, long offset)
    {
        long line = 1;
        for (var i = 0; i < offset && i < bytes.Length; i++)
            if (bytes[i] == (byte)'\n') line++;
        return line;
    }

    private static string Text(JsonElement v) =>
        v.ValueKind == JsonValueKind.String ? v.GetString()!.Trim() : throw new FormatException($"expected a string, got {Describe(v)}");

    private static double Number(JsonElement v) =>
        v.ValueKind == JsonValueKind.Number ? v.GetDouble() : throw new FormatException($"expected a number, got {Describe(v)}");

    private static int Integer(JsonElement v) =>
        v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) ? i : throw new FormatException($"expected a whole number, got {Describe(v)}");

    private static bool Boolean(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw new FormatException($"expected true or false, got {Describe(v)}"),
    };

    private static string NumberList(JsonElement v) =>
        string.Join(",", v.EnumerateArray().Select(e => Number(e).ToString("R", CultureInfo.InvariantCulture)));

    private static string NameList(JsonElement v) => string.Join(",", v.EnumerateArray().Select(Text));

    private static string Describe(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.String => $"the string \"{v.GetString()}\"",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        _ => v.GetRawText(),
    };
}
