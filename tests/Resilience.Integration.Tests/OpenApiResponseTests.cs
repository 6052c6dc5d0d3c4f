using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Resilience.Testing;

namespace Resilience.Integration.Tests;

/// <summary>
/// Real responses of every GET route (successes and problems) checked against the OpenAPI document the app serves:
/// status and content type documented for the operation, body valid against the response schema.
/// </summary>
[Collection(LocalHostCollection.Name)]
public sealed class OpenApiResponseTests(LocalHostFixture host)
{
    private const string Dataset = "openapi-shapes";

    private async Task<string> SeedAsync()
    {
        foreach (var year in new[] { 2018, 2019 })
            await host.UploadAsync(Dataset, $"indicators_{year}.csv", File.ReadAllBytes(Fixtures.Method("demo", $"indicators_{year}.csv")));
        await host.UploadAsync(Dataset, "emissions.csv", File.ReadAllBytes(Fixtures.Method("demo", "emissions.csv")), container: "emissions");
        var body = await host.WaitForDatasetAsync(Dataset, "indicators_2018.csv", "indicators_2019.csv", "emissions.csv");
        // A rejected file too, so that ingestion records with problems are checked against their schema.
        var bad = Encoding.UTF8.GetString(File.ReadAllBytes(Fixtures.Method("demo", "indicators_2019.csv"))).Split('\n');
        var cells = bad[1].Split(',');
        cells[^1] = "not-a-number";
        bad[1] = string.Join(',', cells);
        await host.UploadAsync(Dataset, "indicators_rejected.csv", Encoding.UTF8.GetBytes(string.Join('\n', bad)));
        await host.WaitForAsync($"api/datasets/{Dataset}/ingestions", b => (int)b["total"]! == 4, TimeSpan.FromSeconds(60));
        return (string)body["version"]!;
    }

    [Fact]
    public async Task EveryGetRoute_AnswersAsTheDocumentSays()
    {
        var version = await SeedAsync();
        var document = await ServedOpenApi.LoadAsync(host.Http);
        var validator = new SchemaValidator(document);
        var cases = new List<(string OperationId, string Url, int Status)>();
        foreach (var (path, method, operation) in ServedOpenApi.Operations(document).Where(o => o.Method == "get"))
        {
            var example = (string?)operation["x-example"];
            Assert.False(example is null, $"GET {path} has no x-example");
            if (path is "/openapi.json" or "/docs") continue; // not JSON data: checked below
            cases.Add(((string)operation["operationId"]!, ServedOpenApi.ForDataset(example!, Dataset), 200));
        }
        cases.AddRange(
        [
            ("GetDataset", $"/datasets/{Dataset}?version={version}", 200),
            ("GetCities", $"/datasets/{Dataset}/cities?region=east&limit=2&offset=1", 200),
            ("GetScores", $"/datasets/{Dataset}/scores?city=anshan", 200),
            ("GetScores", $"/datasets/{Dataset}/scores?year=2019&detail=full", 200),
            ("GetScores", $"/datasets/{Dataset}/scores?city=anshan&detail=FULL&dimension=economic", 200),
            ("GetCityScores", $"/datasets/{Dataset}/cities/anshan/scores?detail=full", 200),
            ("GetScores", $"/datasets/{Dataset}/scores?year=2019&detail=everything", 400),
            ("GetScores", $"/datasets/{Dataset}/scores?year=2018&region=west&dimension=ECOLOGICAL&limit=3&offset=1", 200),
            ("GetRankings", $"/datasets/{Dataset}/rankings?year=2018&region=east", 200),
            ("GetCityScores", $"/datasets/{Dataset}/cities/anshan/scores?dimension=social", 200),
            ("GetCoupling", $"/datasets/{Dataset}/coupling?city=anshan", 200),
            ("GetObstacles", $"/datasets/{Dataset}/obstacles?year=2018&region=northeast", 200),
            ("GetStatistics", $"/datasets/{Dataset}/statistics?year=2019", 200),
            ("GetRegions", $"/datasets/{Dataset}/regions?year=2018", 200),
            ("GetGaps", $"/datasets/{Dataset}/gaps?year=2019&version={version}", 200),
            ("GetIngestions", $"/datasets/{Dataset}/ingestions?limit=2&offset=1", 200),
            ("ListDatasets", "/datasets?format=xml", 400),
            ("GetDataset", "/datasets/no-such-dataset-here", 404),
            ("GetDataset", $"/datasets/{Uri.EscapeDataString("bad name!")}", 400),
            ("GetDataset", $"/datasets/{Dataset}?version=nope1", 404),
            ("GetCatalog", $"/datasets/{Dataset}/catalog?format=xml", 400),
            ("GetCities", $"/datasets/{Dataset}/cities?limit=0", 400),
            ("GetYears", $"/datasets/{Dataset}/years?version=not-letters", 400),
            ("GetIngestions", "/datasets/no-such-dataset-here/ingestions", 404),
            ("GetIngestions", $"/datasets/{Dataset}/ingestions?offset=-1", 400),
            ("GetWeights", $"/datasets/{Dataset}/weights?version=20000101T000000000Z", 404),
            ("GetScores", $"/datasets/{Dataset}/scores", 400),
            ("GetScores", $"/datasets/{Dataset}/scores?year=1950", 404),
            ("GetScores", $"/datasets/{Dataset}/scores?year=2019&dimension=nope", 404),
            ("GetRankings", $"/datasets/{Dataset}/rankings", 400),
            ("GetCityScores", $"/datasets/{Dataset}/cities/nowhere/scores", 404),
            ("GetCoupling", $"/datasets/{Dataset}/coupling?year=20x9", 400),
            ("GetObstacles", $"/datasets/{Dataset}/obstacles?year=2019&limit=10001", 400),
            ("GetStatistics", $"/datasets/{Dataset}/statistics?year=2000", 404),
            ("GetRegions", $"/datasets/{Dataset}/regions?format=xml", 400),
            ("GetGaps", "/datasets/no-such-dataset-here/gaps", 404),
        ]);

        var failures = new List<string>();
        var validated = new HashSet<(string, int)>();
        foreach (var (operationId, url, status) in cases)
        {
            var (path, operation) = ServedOpenApi.Operation(document, operationId);
            var response = await host.Http.GetAsync("api" + url);
            var text = await response.Content.ReadAsStringAsync();
            var where = $"GET {url} ({operationId})";
            if ((int)response.StatusCode != status)
            {
                failures.Add($"{where}: {(int)response.StatusCode}, expected {status}: {Cut(text)}");
                continue;
            }
            var documented = ServedOpenApi.Resolve(document, operation["responses"]?[status.ToString(CultureInfo.InvariantCulture)]);
            if (documented is null)
            {
                failures.Add($"{where}: status {status} is not documented for {path}");
                continue;
            }
            var mediaType = response.Content.Headers.ContentType?.MediaType ?? "";
            var schema = documented["content"]?[mediaType]?["schema"];
            if (schema is null)
            {
                failures.Add($"{where}: content type '{mediaType}' is not documented for {status}");
                continue;
            }
            failures.AddRange(validator.Validate(JsonNode.Parse(text), schema).Select(e => $"{where}: {e}"));
            if (status == 200 && response.Headers.ETag is null) failures.Add($"{where}: no ETag");
            validated.Add((operationId, status));
        }
        Assert.True(failures.Count == 0, $"{failures.Count} mismatches:\n" + string.Join('\n', failures.Take(40)));

        var getOperations = ServedOpenApi.Operations(document).Where(o => o.Method == "get" && o.Path is not ("/openapi.json" or "/docs"))
            .Select(o => (string)o.Operation["operationId"]!).ToList();
        Assert.All(getOperations, id => Assert.Contains((id, 200), validated));
        Assert.Contains(validated, v => v.Item2 == 400);
        Assert.Contains(validated, v => v.Item2 == 404);
    }

    [Fact]
    public async Task Csv_And_NotModified_AreServedWhereDocumented()
    {
        await SeedAsync();
        var document = await ServedOpenApi.LoadAsync(host.Http);
        var failures = new List<string>();
        foreach (var (path, _, operation) in ServedOpenApi.Operations(document).Where(o => o.Method == "get"))
        {
            var url = "api" + ServedOpenApi.ForDataset((string)operation["x-example"]!, Dataset);
            var first = await host.Http.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            using (var conditional = new HttpRequestMessage(HttpMethod.Get, url))
            {
                conditional.Headers.IfNoneMatch.Add(first.Headers.ETag!);
                var second = await host.Http.SendAsync(conditional);
                if (second.StatusCode != HttpStatusCode.NotModified) failures.Add($"{url}: {(int)second.StatusCode} to If-None-Match");
                else if (operation["responses"]?["304"] is null) failures.Add($"{path}: 304 served but not documented");
            }
            var csvDocumented = operation["responses"]?["200"]?["content"]?["text/csv"] is not null;
            if (!csvDocumented) continue;
            var csv = await host.Http.GetAsync(url + (url.Contains('?') ? "&" : "?") + "format=csv");
            var bytes = await csv.Content.ReadAsByteArrayAsync();
            if (csv.StatusCode != HttpStatusCode.OK || csv.Content.Headers.ContentType?.MediaType != "text/csv" || bytes.Length < 3 || bytes[0] != 0xEF)
                failures.Add($"{url} as CSV: {(int)csv.StatusCode} {csv.Content.Headers.ContentType}");
        }
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public async Task Recompute_AnswersAsTheDocumentSays()
    {
        await SeedAsync();
        var document = await ServedOpenApi.LoadAsync(host.Http);
        var validator = new SchemaValidator(document);
        var (_, operation) = ServedOpenApi.Operation(document, "RecomputeDataset");
        var failures = new List<string>();
        foreach (var (url, key, expected) in new[]
        {
            ($"api/datasets/{Dataset}/recompute", LocalHostFixture.MasterKey, new[] { 200, 409 }),
            ($"api/datasets/{Dataset}/recompute", null, new[] { 401 }),
            ($"api/datasets/{Dataset}/recompute", "wrong-key", new[] { 401 }),
            ("api/datasets/no-such-dataset-here/recompute", LocalHostFixture.MasterKey, new[] { 404 }),
        })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url);
            if (key is not null) request.Headers.Add("x-functions-key", key);
            var response = await host.Http.SendAsync(request);
            var status = (int)response.StatusCode;
            var text = await response.Content.ReadAsStringAsync();
            var documented = ServedOpenApi.Resolve(document, operation["responses"]?[status.ToString(CultureInfo.InvariantCulture)]);
            if (!expected.Contains(status) || documented is null)
            {
                failures.Add($"POST {url} ({key ?? "no key"}): {status} {Cut(text)}");
                continue;
            }
            if (documented["content"] is not JsonObject content)
            {
                if (text.Length > 0) failures.Add($"POST {url}: {status} documented without a body, has one");
                continue;
            }
            var schema = content[response.Content.Headers.ContentType?.MediaType ?? ""]?["schema"];
            if (schema is null) failures.Add($"POST {url}: {status} content type {response.Content.Headers.ContentType} not documented");
            else failures.AddRange(validator.Validate(JsonNode.Parse(text), schema).Select(e => $"POST {url}: {e}"));
        }
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public async Task OpenApiJson_IsServed_WithAStrongETag()
    {
        var response = await host.Http.GetAsync("api/openapi.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.False(response.Headers.ETag!.IsWeak);
        var document = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("3.1.0", (string)document["openapi"]!);
        using var conditional = new HttpRequestMessage(HttpMethod.Get, "api/openapi.json");
        conditional.Headers.IfNoneMatch.Add(response.Headers.ETag);
        Assert.Equal(HttpStatusCode.NotModified, (await host.Http.SendAsync(conditional)).StatusCode);
    }

    [Fact]
    public async Task DocsPage_IsSelfContainedHtml_ThatMentionsEveryRoute()
    {
        var document = await ServedOpenApi.LoadAsync(host.Http);
        var response = await host.Http.GetAsync("api/docs");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType.CharSet);
        var html = await response.Content.ReadAsStringAsync();
        foreach (var (path, method, operation) in ServedOpenApi.Operations(document))
        {
            Assert.Contains($"<code>{path}</code>", html);
            Assert.Contains($"id=\"op-{(string)operation["operationId"]!}\"", html);
            Assert.Contains($"<span class=\"method {method}\">{method.ToUpperInvariant()}</span>", html);
        }
        Assert.Contains($"curl -s &quot;{host.BaseAddress}api/datasets/demo/scores?year=2019&quot;", html);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("src=", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        using var conditional = new HttpRequestMessage(HttpMethod.Get, "api/docs");
        conditional.Headers.IfNoneMatch.Add(response.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await host.Http.SendAsync(conditional)).StatusCode);
    }

    [Fact]
    public async Task Validator_RejectsWrongTypes_MissingProperties_AndBadNestedItems()
    {
        await SeedAsync();
        var document = await ServedOpenApi.LoadAsync(host.Http);
        var validator = new SchemaValidator(document);
        var schema = JsonNode.Parse("""{"$ref": "#/components/schemas/ScoresPage"}""")!;
        var summaryItem = JsonNode.Parse("""{"$ref": "#/components/schemas/CityYearSummary"}""")!;
        var fullItem = JsonNode.Parse("""{"$ref": "#/components/schemas/CityYearScore"}""")!;
        var summary = await host.GetJsonAsync($"api/datasets/{Dataset}/scores?year=2019&limit=2");
        var page = await host.GetJsonAsync($"api/datasets/{Dataset}/scores?year=2019&limit=2&detail=full");
        Assert.Empty(validator.Validate(summary, schema));
        Assert.Empty(validator.Validate(page, schema));
        // Each detail level is exactly one of the two item schemas.
        Assert.All(summary["items"]!.AsArray(), i => Assert.Empty(validator.Validate(i, summaryItem)));
        Assert.All(summary["items"]!.AsArray(), i => Assert.NotEmpty(validator.Validate(i, fullItem)));
        Assert.All(page["items"]!.AsArray(), i => Assert.Empty(validator.Validate(i, fullItem)));
        Assert.All(page["items"]!.AsArray(), i => Assert.NotEmpty(validator.Validate(i, summaryItem)));
        var noPairD = summary.DeepClone();
        noPairD["items"]![0]!.AsObject().Remove("ccdPairClassicD");
        Assert.Contains(validator.Validate(noPairD, schema), e => e.Contains("ccdPairClassicD", StringComparison.Ordinal));

        (string Mutation, Action<JsonNode> Apply, string Expected)[] mutations =
        [
            ("total as a string", p => p["total"] = "2", "$.total"),
            ("no items", p => p.AsObject().Remove("items"), "items"),
            ("no composite", p => p["items"]![0]!.AsObject().Remove("composite"), "$.items[0]"),
            ("composite as a string", p => p["items"]![0]!["composite"] = "0.3", "$.items[0].composite"),
            ("coordination level 11", p => p["items"]![1]!["ccd"]!["revised"]!["coordination"]!["level"] = 11, "$.items[1].ccd.revised.coordination.level"),
            ("unknown Chinese label", p => p["items"]![0]!["ccdPair"]!["fan"]!["couplingStage"]!["labelZh"] = "未知", "$.items[0].ccdPair.fan.couplingStage.labelZh"),
            ("dimension index null", p => p["items"]![0]!["dimensions"]!["economic"]!["index"] = null, "$.items[0].dimensions.economic.index"),
            ("obstacle without degree", p => p["items"]![0]!["obstaclesTop"]![0]!.AsObject().Remove("degree"), "$.items[0].obstaclesTop[0]"),
            ("year as a fraction", p => p["items"]![0]!["year"] = 2019.5, "$.items[0].year"),
            ("limit out of range", p => p["limit"] = 0, "$.limit"),
            ("u not an array", p => p["items"]![0]!["ccd"]!["u"] = 0.5, "$.items[0].ccd.u"),
        ];
        foreach (var (mutation, apply, expected) in mutations)
        {
            var copy = page.DeepClone();
            apply(copy);
            var errors = validator.Validate(copy, schema);
            Assert.True(errors.Any(e => e.Contains(expected, StringComparison.Ordinal)), $"{mutation}: expected an error at {expected}, got: {string.Join("; ", errors)}");
        }
    }

    [Fact]
    public async Task Document_UsesOnlySchemaKeywordsTheValidatorChecks()
    {
        var document = await ServedOpenApi.LoadAsync(host.Http);
        var unsupported = new SortedSet<string>();
        void Walk(JsonNode? schema, string at)
        {
            if (schema is not JsonObject o) return;
            foreach (var (key, value) in o)
            {
                if (!SchemaValidator.Keywords.Contains(key)) unsupported.Add($"{at}: {key}");
                switch (key)
                {
                    case "properties": foreach (var (name, property) in value!.AsObject()) Walk(property, $"{at}/properties/{name}"); break;
                    case "items" or "additionalProperties": Walk(value, $"{at}/{key}"); break;
                    case "allOf" or "oneOf" or "anyOf": for (var i = 0; i < value!.AsArray().Count; i++) Walk(value[i], $"{at}/{key}/{i}"); break;
                }
            }
        }
        foreach (var (name, schema) in document["components"]!["schemas"]!.AsObject()) Walk(schema, name);
        Assert.True(unsupported.Count == 0, string.Join('\n', unsupported));
    }

    private static string Cut(string text) => text.Length <= 300 ? text : text[..300] + "…";
}

/// <summary>The OpenAPI document as the app serves it, and ways through it.</summary>
internal static class ServedOpenApi
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch", "head", "options"];

    public static async Task<JsonObject> LoadAsync(HttpClient http)
    {
        var response = await http.GetAsync("api/openapi.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    public static IEnumerable<(string Path, string Method, JsonObject Operation)> Operations(JsonObject document)
    {
        foreach (var (path, item) in document["paths"]!.AsObject())
            foreach (var method in Methods)
                if (item?[method] is JsonObject operation)
                    yield return (path, method, operation);
    }

    public static (string Path, JsonObject Operation) Operation(JsonObject document, string operationId) =>
        Operations(document).Where(o => (string?)o.Operation["operationId"] == operationId).Select(o => (o.Path, o.Operation)).Single();

    /// <summary>The example request of an operation (relative to /api), for another dataset than the example's.</summary>
    /// <summary>
    /// An example URL moved to another dataset. The report example names the file key of the example dataset's
    /// indicators_2019.csv (keys hash the blob name); it becomes the key of the same file in <paramref name="dataset"/>.
    /// </summary>
    public static string ForDataset(string example, string dataset)
    {
        var prefix = Regex.Match(example, "^/datasets/([^/?]+)");
        if (!prefix.Success) return example;
        var moved = "/datasets/" + dataset + example[prefix.Length..];
        return Regex.Replace(moved, "/ingestions/([0-9a-f]{32})/", key =>
        {
            Assert.Equal(ReportExampleKey(prefix.Groups[1].Value), key.Groups[1].Value);
            return $"/ingestions/{ReportExampleKey(dataset)}/";
        });
    }

    private static string ReportExampleKey(string dataset) =>
        Resilience.Storage.IngestionStore.FileKey(new Azure.Storage.Blobs.BlobClient(
            new Uri($"http://127.0.0.1:10000/devstoreaccount1/indicators/{dataset}/indicators_2019.csv")));

    public static JsonNode? Resolve(JsonObject document, JsonNode? node) => JsonReferences.Resolve(document, node);
}

/// <summary>
/// A JSON Schema (2020-12) validator for the keywords the document uses: $ref into the document, allOf, oneOf, anyOf, type (with
/// null and integer), enum, required, properties, additionalProperties, items, minItems, minimum, maximum, minLength,
/// maxLength, pattern and format date-time. Annotations (description, default, example, title) are ignored.
/// </summary>
internal sealed class SchemaValidator(JsonObject document)
{
    public static readonly HashSet<string> Keywords =
    [
        "$ref", "allOf", "oneOf", "anyOf", "type", "enum", "required", "properties", "additionalProperties", "items", "minItems",
        "minimum", "maximum", "minLength", "maxLength", "pattern", "format", "description", "default", "example", "title",
    ];

    public List<string> Validate(JsonNode? instance, JsonNode schema)
    {
        var errors = new List<string>();
        Check(instance, schema, "$", errors, 0);
        return errors;
    }

    private void Check(JsonNode? value, JsonNode? schema, string at, List<string> errors, int depth)
    {
        if (schema is null) return;
        if (depth > 100)
        {
            errors.Add($"{at}: schema nesting deeper than 100");
            return;
        }
        if (schema is JsonValue boolean && boolean.TryGetValue<bool>(out var allowed))
        {
            if (!allowed) errors.Add($"{at}: not allowed here");
            return;
        }
        foreach (var (key, _) in schema.AsObject())
            if (!Keywords.Contains(key)) errors.Add($"{at}: the validator does not know the keyword '{key}'");

        if (schema["$ref"] is JsonValue reference)
        {
            if (ServedOpenApi.Resolve(document, schema) is { } target) Check(value, target, at, errors, depth + 1);
            else errors.Add($"{at}: unresolved reference {reference}");
        }
        if (schema["allOf"] is JsonArray all)
            foreach (var part in all) Check(value, part, at, errors, depth + 1);
        foreach (var keyword in new[] { "oneOf", "anyOf" })
        {
            if (schema[keyword] is not JsonArray alternatives) continue;
            var results = alternatives.Select(a =>
            {
                var branch = new List<string>();
                Check(value, a, at, branch, depth + 1);
                return branch;
            }).ToList();
            var matches = results.Count(r => r.Count == 0);
            if (matches == 0 || (keyword == "oneOf" && matches > 1))
            {
                var closest = results.OrderBy(r => r.Count).First();
                errors.Add($"{at}: matches {matches} of the {alternatives.Count} {keyword} schemas" +
                    (matches == 0 ? "; closest: " + string.Join("; ", closest) : ""));
            }
        }

        var kind = Kind(value);
        if (schema["type"] is { } type)
        {
            var types = type is JsonArray list ? list.Select(t => (string)t!).ToList() : [(string)type!];
            if (!types.Any(t => t == kind || (t == "number" && kind == "integer")))
            {
                errors.Add($"{at}: {kind} {Show(value)} is not {string.Join(" or ", types)}");
                return;
            }
        }
        if (schema["enum"] is JsonArray options && !options.Any(o => JsonNode.DeepEquals(o, value)))
            errors.Add($"{at}: {Show(value)} is not one of {options.ToJsonString()}");

        switch (value)
        {
            case JsonValue v when kind == "string":
                var text = v.GetValue<string>();
                var length = text.EnumerateRunes().Count();
                if (schema["minLength"] is { } minLength && length < (int)minLength) errors.Add($"{at}: shorter than {minLength}");
                if (schema["maxLength"] is { } maxLength && length > (int)maxLength) errors.Add($"{at}: longer than {maxLength}");
                if ((string?)schema["pattern"] is { } pattern && !Regex.IsMatch(text, pattern)) errors.Add($"{at}: '{text}' does not match {pattern}");
                if ((string?)schema["format"] == "date-time" && !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                    errors.Add($"{at}: '{text}' is not a date-time");
                break;
            case JsonValue v when kind is "number" or "integer":
                var number = Number(v);
                if (schema["minimum"] is { } minimum && number < (double)minimum) errors.Add($"{at}: {number} < minimum {minimum}");
                if (schema["maximum"] is { } maximum && number > (double)maximum) errors.Add($"{at}: {number} > maximum {maximum}");
                break;
            case JsonArray array:
                if (schema["minItems"] is { } minItems && array.Count < (int)minItems) errors.Add($"{at}: fewer than {minItems} items");
                if (schema["items"] is { } items)
                    for (var i = 0; i < array.Count; i++) Check(array[i], items, $"{at}[{i}]", errors, depth + 1);
                break;
            case JsonObject o:
                foreach (var required in schema["required"] as JsonArray ?? [])
                    if (!o.ContainsKey((string)required!)) errors.Add($"{at}: required property '{required}' is missing");
                var properties = schema["properties"] as JsonObject;
                foreach (var (name, property) in o)
                {
                    if (properties?[name] is { } propertySchema) Check(property, propertySchema, $"{at}.{name}", errors, depth + 1);
                    else if (schema["additionalProperties"] is { } additional) Check(property, additional, $"{at}.{name}", errors, depth + 1);
                }
                break;
        }
    }

    private static string Kind(JsonNode? value) => value switch
    {
        null => "null",
        JsonObject => "object",
        JsonArray => "array",
        JsonValue v => v.GetValueKind() switch
        {
            System.Text.Json.JsonValueKind.String => "string",
            System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False => "boolean",
            System.Text.Json.JsonValueKind.Number => Number(v) is var d && Math.Floor(d) == d && double.IsFinite(d) ? "integer" : "number",
            _ => "null",
        },
        _ => "unknown",
    };

    private static double Number(JsonValue value) => double.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);

    private static string Show(JsonNode? value)
    {
        var text = value?.ToJsonString() ?? "null";
        return text.Length <= 60 ? text : text[..60] + "…";
    }
}
