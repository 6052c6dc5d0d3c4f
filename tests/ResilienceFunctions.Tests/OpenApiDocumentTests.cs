using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using Resilience.Storage;
using Resilience.Testing;
using ResilienceFunctions.Functions;

namespace ResilienceFunctions.Tests;

/// <summary>
/// The hand-written OpenAPI document (embedded in the function app) is valid OpenAPI 3.1 and describes exactly the HTTP
/// functions of the app as the Functions host reads them (functions.metadata): routes, methods and authorization levels.
/// </summary>
public class OpenApiDocumentTests
{
    private static readonly string Configuration = Path.GetFileName(Path.GetDirectoryName(AppContext.BaseDirectory.TrimEnd('/'))!);

    private static JsonObject Document() => ApiDocs.Document();

    /// <summary>(METHOD, /route, authLevel, function name) of every HTTP function in functions.metadata.</summary>
    private static List<(string Method, string Path, string AuthLevel, string Name)> MetadataRoutes()
    {
        var path = Path.Combine(Fixtures.RepoRoot, "functions", "ResilienceFunctions", "bin", Configuration, "net10.0", "functions.metadata");
        Assert.True(File.Exists(path), $"functions.metadata not built at {path}");
        var routes = new List<(string, string, string, string)>();
        foreach (var function in JsonNode.Parse(File.ReadAllText(path))!.AsArray())
            foreach (var binding in function!["bindings"]!.AsArray().Where(b => (string)b!["type"]! == "httpTrigger"))
                foreach (var method in binding!["methods"]!.AsArray())
                    routes.Add((((string)method!).ToUpperInvariant(), "/" + ((string?)binding["route"] ?? (string)function["name"]!).Trim('/'),
                        (string)binding["authLevel"]!, (string)function["name"]!));
        return routes;
    }

    /// <summary>(METHOD, path, authLevel, operationId) of every operation in the document; the level follows from its security.</summary>
    private static List<(string Method, string Path, string AuthLevel, string Name)> DocumentedRoutes()
    {
        var routes = new List<(string, string, string, string)>();
        foreach (var (path, item) in Document()["paths"]!.AsObject())
            foreach (var (method, operation) in item!.AsObject().Where(p => p.Key is "get" or "post" or "put" or "delete" or "patch" or "head" or "options"))
            {
                // No top-level security: an operation without requirements (or with "security": []) is anonymous.
                var requirements = operation!["security"] as JsonArray ?? [];
                var schemes = requirements.OfType<JsonObject>().SelectMany(r => r.Select(p => p.Key)).ToHashSet();
                var level = schemes.Count == 0 ? "Anonymous"
                    : schemes.SetEquals(["functionKeyHeader", "functionKeyQuery"]) ? "Function"
                    : "unknown security " + string.Join(",", schemes);
                routes.Add((method.ToUpperInvariant(), path, level, (string)operation["operationId"]!));
            }
        return routes;
    }

    [Fact]
    public async Task Document_ParsesAndValidates_WithMicrosoftOpenApi()
    {
        using var stream = new MemoryStream(ApiDocs.ReadDocument());
        var (document, diagnostic) = await OpenApiDocument.LoadAsync(stream, "json", new OpenApiReaderSettings());
        Assert.NotNull(document);
        Assert.Equal(OpenApiSpecVersion.OpenApi3_1, diagnostic!.SpecificationVersion);

        var validator = new OpenApiValidator(ValidationRuleSet.GetDefaultRuleSet());
        new OpenApiWalker(validator).Walk(document);
        var errors = diagnostic.Errors.Select(e => "reader error: " + e)
            .Concat(validator.Errors.Select(e => "validation error: " + e)).ToList();
        // Warnings include references that point nowhere: they count as failures too.
        var warnings = diagnostic.Warnings.Select(w => "reader warning: " + w)
            .Concat(validator.Warnings.Select(w => "validation warning: " + w)).ToList();
        Assert.True(errors.Count == 0 && warnings.Count == 0,
            $"{errors.Count} errors, {warnings.Count} warnings:\n" + string.Join('\n', errors.Concat(warnings)));

        Assert.Equal(MetadataRoutes().Count, document.Paths.Sum(p => p.Value.Operations?.Count ?? 0));
    }

    [Fact]
    public void EveryHttpFunction_IsDocumented_WithItsRouteMethodAndAuthLevel_AndNothingElseIs()
    {
        var metadata = MetadataRoutes();
        var documented = DocumentedRoutes();
        Assert.True(metadata.Count >= 18, $"only {metadata.Count} HTTP routes in functions.metadata");
        var missing = metadata.Except(documented).Select(r => $"not in the document: {r}");
        var extra = documented.Except(metadata).Select(r => $"not a function (or not with this method, level or name): {r}");
        var differences = missing.Concat(extra).ToList();
        Assert.True(differences.Count == 0, string.Join('\n', differences));
    }

    [Fact]
    public void Server_IsTheRoutePrefixOfHostJson()
    {
        var host = JsonNode.Parse(File.ReadAllText(Path.Combine(Fixtures.RepoRoot, "host.json")))!;
        var prefix = (string?)host["extensions"]?["http"]?["routePrefix"] ?? "api";
        Assert.Equal("/" + prefix, (string)Document()["servers"]![0]!["url"]!);
    }

    [Fact]
    public void Parameters_AreThoseOfTheRoute_AndQueryParametersAreOnesTheApiReads()
    {
        var document = Document();
        var readable = ReadParameters.Names.Append("format").ToHashSet();
        var problems = new List<string>();
        foreach (var (path, item) in document["paths"]!.AsObject())
            foreach (var (method, operation) in item!.AsObject())
            {
                var parameters = (operation!["parameters"] as JsonArray ?? []).Select(p => Resolve(document, p)!).ToList();
                var inPath = System.Text.RegularExpressions.Regex.Matches(path, "{([^}]+)}").Select(m => m.Groups[1].Value).Order();
                var declared = parameters.Where(p => (string)p["in"]! == "path").Select(p => (string)p["name"]!).Order();
                if (!inPath.SequenceEqual(declared)) problems.Add($"{method} {path}: path parameters {string.Join(",", declared)}");
                foreach (var query in parameters.Where(p => (string)p["in"]! == "query").Select(p => (string)p["name"]!))
                    if (!readable.Contains(query)) problems.Add($"{method} {path}: query parameter '{query}' is not read by the API");
                if (method == "get" && path.StartsWith("/datasets/", StringComparison.Ordinal) && (operation["responses"]?["304"] is null))
                    problems.Add($"{method} {path}: no 304 response");
            }
        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public void EveryReference_PointsIntoTheDocument()
    {
        var document = Document();
        var broken = new List<string>();
        void Walk(JsonNode? node, string at)
        {
            switch (node)
            {
                case JsonObject o:
                    if (o["$ref"] is JsonValue reference && Resolve(document, o) is null) broken.Add($"{at}: {reference}");
                    foreach (var (key, value) in o) Walk(value, $"{at}/{key}");
                    break;
                case JsonArray a:
                    for (var i = 0; i < a.Count; i++) Walk(a[i], $"{at}/{i}");
                    break;
            }
        }
        Walk(document, "#");
        Assert.True(broken.Count == 0, string.Join('\n', broken));
    }

    [Fact]
    public void ClassLabels_AreTheMethodsLabels_InEnglishAndChinese()
    {
        var schemas = Document()["components"]!["schemas"]!;
        string[] Enum(string schema, string property) => schemas[schema]!["properties"]![property]!["enum"]!.AsArray().Select(v => (string)v!).ToArray();
        Assert.Equal(10, Enum("CoordinationClass", "label").Length);
        Assert.Equal(10, Enum("CoordinationClass", "labelZh").Length);
        foreach (var (d, level) in new[] { (0.05, 1), (0.55, 6), (0.95, 10) })
        {
            var expected = Resilience.Method.Assessment.Coupling.Coordination(d);
            Assert.Equal(level, expected.Level);
            Assert.Equal(expected.Label, Enum("CoordinationClass", "label")[level - 1]);
            Assert.Equal(expected.LabelZh, Enum("CoordinationClass", "labelZh")[level - 1]);
        }
        foreach (var c in new[] { 0.1, 0.4, 0.6, 0.9 })
        {
            var stage = Resilience.Method.Assessment.Coupling.Stage(c);
            Assert.Contains(stage.Label, Enum("CouplingStage", "label"));
            Assert.Contains(stage.LabelZh, Enum("CouplingStage", "labelZh"));
        }
    }

    [Fact]
    public void DocsPage_ShowsEveryOperation_AndLoadsNothingFromElsewhere()
    {
        var document = Document();
        var html = ApiDocs.Html(document, "https://resilience.example/api");
        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.Contains("<meta charset=\"utf-8\">", html);
        foreach (var (method, path, _, name) in DocumentedRoutes())
        {
            Assert.Contains($"id=\"op-{name}\"", html);
            Assert.Contains($"<code>{path}</code>", html);
        }
        foreach (var (schema, _) in document["components"]!["schemas"]!.AsObject()) Assert.Contains($"id=\"schema-{schema}\"", html);
        Assert.Contains("curl -s &quot;https://resilience.example/api/datasets/demo/scores?year=2019&quot;", html);
        Assert.Contains("x-functions-key", html);
        Assert.Contains("勉强协调", html);
        foreach (var external in new[] { "<script", "src=", "<link", "@import", "url(", "href=\"http", "href=\"//" })
            Assert.DoesNotContain(external, html, StringComparison.OrdinalIgnoreCase);
    }

    private static JsonNode? Resolve(JsonObject document, JsonNode? node) => JsonReferences.Resolve(document, node);
}
