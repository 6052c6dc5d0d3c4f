using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace ResilienceFunctions.Functions;

/// <summary>
/// The API described: the hand-written OpenAPI document (embedded in this assembly) and a readable HTML page
/// generated from it on the server (no scripts, no external resources). Both anonymous, with strong ETags.
/// </summary>
public sealed partial class ApiDocs
{
    public const string ResourceName = "ResilienceFunctions.openapi.json";
    private static readonly Lazy<Representation> OpenApi = new(() => Representation.Of(ReadDocument(), "application/json; charset=utf-8"));
    private static readonly ConcurrentDictionary<string, Representation> Pages = new(StringComparer.Ordinal);

    [Function(nameof(GetOpenApi))]
    public IActionResult GetOpenApi(
        [HttpTrigger(ApiAuthorization.Read, "get", Route = "openapi.json")] HttpRequest request) =>
        Respond(request, OpenApi.Value);

    [Function(nameof(GetApiDocs))]
    public IActionResult GetApiDocs(
        [HttpTrigger(ApiAuthorization.Read, "get", Route = "docs")] HttpRequest request)
    {
        var baseUrl = BaseUrl(request);
        // The page names the base URL in its example requests: one rendering per base URL (a few at most).
        if (!Pages.TryGetValue(baseUrl, out var page))
        {
            page = Representation.Of(Encoding.UTF8.GetBytes(Html(Document(), baseUrl)), "text/html; charset=utf-8");
            if (Pages.Count < 16) Pages[baseUrl] = page;
        }
        request.HttpContext.Response.Headers["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'";
        return Respond(request, page);
    }

    /// <summary>The embedded OpenAPI document, as stored.</summary>
    public static byte[] ReadDocument()
    {
        using var stream = typeof(ApiDocs).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    public static JsonObject Document() => JsonNode.Parse(ReadDocument())!.AsObject();

    private sealed record Representation(byte[] Bytes, string ContentType, string ETag)
    {
        public static Representation Of(byte[] bytes, string contentType) =>
            new(bytes, contentType, "\"" + Convert.ToHexStringLower(SHA256.HashData(bytes))[..32] + "\"");
    }

    private static IActionResult Respond(HttpRequest request, Representation representation)
    {
        var headers = request.HttpContext.Response.Headers;
        headers.ETag = representation.ETag;
        headers.CacheControl = "public, max-age=300, must-revalidate";
        headers["X-Content-Type-Options"] = "nosniff";
        if (request.Headers.IfNoneMatch.Any(v => v is not null && v.Split(',').Select(t => t.Trim()).Any(t => t == representation.ETag || t == "*")))
            return new StatusCodeResult(StatusCodes.Status304NotModified);
        return new FileContentResult(representation.Bytes, representation.ContentType);
    }

    /// <summary>Where the API is, as the caller reached it: scheme, host and the route prefix (the path less <c>/docs</c>).</summary>
    private static string BaseUrl(HttpRequest request)
    {
        var scheme = request.Headers["X-Forwarded-Proto"].FirstOrDefault() is { } forwarded && forwarded is "http" or "https" ? forwarded : request.Scheme;
        var path = (request.PathBase + request.Path).Value ?? "";
        var prefix = path.EndsWith("/docs", StringComparison.OrdinalIgnoreCase) ? path[..^"/docs".Length] : "/api";
        return $"{scheme}://{request.Host.Value}{prefix}";
    }

    // ------------------------------------------------------------------ the HTML page

    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch", "head", "options"];

    /// <summary>The page: title and introduction, a table of contents, each operation, then each schema.</summary>
    public static string Html(JsonObject document, string baseUrl)
    {
        var info = document["info"]!;
        var title = (string?)info["title"] ?? "API";
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(E(title)).Append("</title>\n<style>").Append(Css).Append("</style>\n</head>\n<body>\n<header>\n")
            .Append("<h1>").Append(E(title)).Append("</h1>\n<p class=\"meta\">Version ").Append(E((string?)info["version"] ?? ""))
            .Append(" · base URL <code>").Append(E(baseUrl)).Append("</code> · machine-readable: <a href=\"openapi.json\">openapi.json</a> (OpenAPI ")
            .Append(E((string?)document["openapi"] ?? "")).Append(")</p>\n</header>\n<main>\n");
        if ((string?)info["summary"] is { } summary) html.Append("<p class=\"lead\">").Append(Inline(summary)).Append("</p>\n");

        var operations = Operations(document).ToList();
        html.Append("<nav>\n<h2>Routes</h2>\n<table>\n<thead><tr><th>Method</th><th>Route</th><th>What</th><th>Access</th></tr></thead>\n<tbody>\n");
        foreach (var (path, method, operation) in operations)
            html.Append("<tr><td><span class=\"method ").Append(method).Append("\">").Append(method.ToUpperInvariant()).Append("</span></td><td><a href=\"#")
                .Append(E(Anchor(operation, path, method))).Append("\"><code>").Append(E(path)).Append("</code></a></td><td>")
                .Append(Inline((string?)operation["summary"] ?? "")).Append("</td><td>").Append(NeedsKey(operation) ? "function key" : "anonymous").Append("</td></tr>\n");
        html.Append("</tbody>\n</table>\n</nav>\n");

        if ((string?)info["description"] is { } description)
            html.Append("<section class=\"intro\">\n<h2>Overview</h2>\n").Append(Markdown(description)).Append("</section>\n");

        html.Append("<section>\n<h2>Operations</h2>\n");
        foreach (var (path, method, operation) in operations) AppendOperation(html, document, baseUrl, path, method, operation);
        html.Append("</section>\n");

        if (document["components"]?["schemas"] is JsonObject schemas)
        {
            html.Append("<section>\n<h2>Schemas</h2>\n");
            foreach (var (name, schema) in schemas) AppendSchema(html, document, name, schema!);
            html.Append("</section>\n");
        }
        html.Append("</main>\n<footer>Generated from the OpenAPI document of this function app.</footer>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static IEnumerable<(string Path, string Method, JsonObject Operation)> Operations(JsonObject document)
    {
        foreach (var (path, item) in document["paths"]?.AsObject() ?? [])
            foreach (var method in Methods)
                if (item?[method] is JsonObject operation)
                    yield return (path, method, operation);
    }

    private static string Anchor(JsonObject operation, string path, string method) =>
        "op-" + ((string?)operation["operationId"] ?? method + path.Replace('/', '-'));

    private static bool NeedsKey(JsonObject operation) =>
        operation["security"] is JsonArray requirements && requirements.Any(r => r is JsonObject o && o.Count > 0);

    private static void AppendOperation(StringBuilder html, JsonObject document, string baseUrl, string path, string method, JsonObject operation)
    {
        html.Append("<article id=\"").Append(E(Anchor(operation, path, method))).Append("\">\n<h3><span class=\"method ").Append(method).Append("\">")
            .Append(method.ToUpperInvariant()).Append("</span> <code>").Append(E(path)).Append("</code></h3>\n");
        if ((string?)operation["summary"] is { } summary) html.Append("<p class=\"summary\">").Append(Inline(summary)).Append("</p>\n");
        if ((string?)operation["description"] is { } description) html.Append(Markdown(description));
        if (NeedsKey(operation))
        {
            var schemes = operation["security"]!.AsArray().OfType<JsonObject>().SelectMany(r => r.Select(p => p.Key))
                .Select(name => document["components"]?["securitySchemes"]?[name])
                .Where(s => s is not null).Select(s => $"{(string?)s!["in"]} <code>{E((string?)s["name"] ?? "")}</code>");
            html.Append("<p class=\"auth\">Needs a function key: ").Append(string.Join(" or ", schemes)).Append(".</p>\n");
        }

        var parameters = (operation["parameters"] as JsonArray ?? []).Select(p => Resolve(document, p)).OfType<JsonObject>().ToList();
        if (parameters.Count > 0)
        {
            html.Append("<table class=\"params\">\n<thead><tr><th>Parameter</th><th>In</th><th>Type</th><th>Required</th><th>Description</th></tr></thead>\n<tbody>\n");
            foreach (var parameter in parameters)
            {
                var schema = parameter["schema"];
                html.Append("<tr><td><code>").Append(E((string?)parameter["name"] ?? "")).Append("</code></td><td>").Append(E((string?)parameter["in"] ?? ""))
                    .Append("</td><td>").Append(TypeOf(document, schema)).Append(Constraints(schema)).Append("</td><td>")
                    .Append((bool?)parameter["required"] == true ? "yes" : "no").Append("</td><td>").Append(Inline((string?)parameter["description"] ?? ""));
                if (parameter["example"] is { } sample) html.Append(" <span class=\"example\">Example: <code>").Append(E(Text(sample))).Append("</code></span>");
                html.Append("</td></tr>\n");
            }
            html.Append("</tbody>\n</table>\n");
        }

        html.Append("<table class=\"responses\">\n<thead><tr><th>Status</th><th>Content</th><th>Description</th></tr></thead>\n<tbody>\n");
        foreach (var (status, value) in operation["responses"]?.AsObject() ?? [])
        {
            var response = Resolve(document, value);
            var content = response?["content"] as JsonObject ?? [];
            var types = content.Select(c => $"<code>{E(c.Key)}</code>{(c.Value?["schema"] is { } s && s["$ref"] is not null ? " " + TypeOf(document, s) : "")}");
            html.Append("<tr><td>").Append(E(status)).Append("</td><td>").Append(content.Count == 0 ? "no body" : string.Join("<br>", types))
                .Append("</td><td>").Append(Inline((string?)response?["description"] ?? "")).Append("</td></tr>\n");
        }
        html.Append("</tbody>\n</table>\n");

        var example = (string?)operation["x-example"] ?? path;
        var curl = method == "get"
            ? $"curl -s \"{baseUrl}{example}\""
            : $"curl -s -X {method.ToUpperInvariant()} -H \"x-functions-key: $FUNCTION_KEY\" \"{baseUrl}{example}\"";
        html.Append("<pre class=\"example\"><code>").Append(E(curl)).Append("</code></pre>\n</article>\n");
    }

    private static void AppendSchema(StringBuilder html, JsonObject document, string name, JsonNode schema)
    {
        html.Append("<article id=\"schema-").Append(E(name)).Append("\" class=\"schema\">\n<h3>").Append(E(name)).Append("</h3>\n");
        if ((string?)schema["description"] is { } description) html.Append("<p>").Append(Inline(description)).Append("</p>\n");
        // allOf: the properties of every part, later parts refining earlier ones (as the page envelopes do).
        var properties = new List<(string Name, JsonNode? Schema, bool Required)>();
        var parts = schema["allOf"] is JsonArray all ? all.Select(p => Resolve(document, p)).ToList() : [schema];
        if (schema["allOf"] is JsonArray)
            html.Append("<p>All of: ").Append(string.Join(", ", schema["allOf"]!.AsArray().Select(p => TypeOf(document, p)))).Append(".</p>\n");
        foreach (var part in parts)
        {
            var required = (part?["required"] as JsonArray ?? []).Select(r => (string?)r).ToHashSet();
            foreach (var (property, value) in part?["properties"]?.AsObject() ?? [])
            {
                var index = properties.FindIndex(p => p.Name == property);
                var entry = (property, value, required.Contains(property) || (index >= 0 && properties[index].Required));
                if (index >= 0) properties[index] = entry;
                else properties.Add(entry);
            }
        }
        if (properties.Count > 0)
        {
            html.Append("<table class=\"fields\">\n<thead><tr><th>Field</th><th>Type</th><th>Description</th></tr></thead>\n<tbody>\n");
            foreach (var (property, value, required) in properties)
            {
                var text = (string?)value?["description"] ?? (value?["$ref"] is not null ? (string?)Resolve(document, value)?["description"] : null) ?? "";
                html.Append("<tr><td><code>").Append(E(property)).Append("</code>").Append(required ? "" : " <span class=\"optional\">optional</span>")
                    .Append("</td><td>").Append(TypeOf(document, value)).Append(Constraints(value)).Append("</td><td>").Append(Inline(text)).Append("</td></tr>\n");
            }
            html.Append("</tbody>\n</table>\n");
        }
        else if (schema["additionalProperties"] is { } values)
        {
            html.Append("<p>Type: ").Append(TypeOf(document, schema)).Append(Constraints(values)).Append("</p>\n");
        }
        html.Append("</article>\n");
    }

    private static JsonNode? Resolve(JsonObject document, JsonNode? node)
    {
        for (var depth = 0; depth < 8 && node?["$ref"] is JsonValue reference; depth++)
        {
            var pointer = (string?)reference ?? "";
            if (!pointer.StartsWith("#/", StringComparison.Ordinal)) return null;
            JsonNode? target = document;
            foreach (var segment in pointer[2..].Split('/'))
                target = target?[segment.Replace("~1", "/").Replace("~0", "~")];
            node = target;
        }
        return node;
    }

    /// <summary>A schema's type in a few words, with links to the named schemas.</summary>
    private static string TypeOf(JsonObject document, JsonNode? schema)
    {
        if (schema is null) return "any";
        if ((string?)schema["$ref"] is { } reference)
        {
            var name = reference.Split('/')[^1];
            return reference.StartsWith("#/components/schemas/", StringComparison.Ordinal)
                ? $"<a href=\"#schema-{E(name)}\">{E(name)}</a>"
                : E(name);
        }
        var types = schema["type"] switch
        {
            JsonArray list => list.Select(t => (string?)t ?? "").ToList(),
            JsonValue single => [(string?)single ?? ""],
            _ => schema["allOf"] is not null ? ["object"] : [],
        };
        var described = types.Select(type => type switch
        {
            "array" => "array of " + TypeOf(document, schema["items"]),
            "object" when schema["additionalProperties"] is JsonObject values => "map of " + TypeOf(document, values),
            "string" when (string?)schema["format"] is { } format => $"string ({E(format)})",
            _ => E(type),
        }).ToList();
        return described.Count == 0 ? "any" : string.Join(" | ", described);
    }

    private static string Constraints(JsonNode? schema)
    {
        if (schema is null) return "";
        var parts = new List<string>();
        if (schema["enum"] is JsonArray values) parts.Add("one of " + string.Join(", ", values.Select(v => $"<code>{E(Text(v))}</code>")));
        if (schema["minimum"] is { } min && schema["maximum"] is { } max) parts.Add($"{E(Text(min))} to {E(Text(max))}");
        else if (schema["minimum"] is { } lower) parts.Add($"≥ {E(Text(lower))}");
        else if (schema["maximum"] is { } upper) parts.Add($"≤ {E(Text(upper))}");
        if ((string?)schema["pattern"] is { } pattern) parts.Add($"pattern <code>{E(pattern)}</code>");
        if (schema["default"] is { } fallback) parts.Add($"default <code>{E(Text(fallback))}</code>");
        return parts.Count == 0 ? "" : $"<br><span class=\"constraints\">{string.Join("; ", parts)}</span>";
    }

    private static string Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : node?.ToJsonString() ?? "null";

    /// <summary>The subset of Markdown the document's descriptions use: paragraphs, <c>*</c> lists, <c>`code`</c> and <c>**bold**</c>.</summary>
    private static string Markdown(string text)
    {
        var html = new StringBuilder();
        foreach (var block in text.Replace("\r\n", "\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var lines = block.Split('\n');
            if (lines.All(l => l.StartsWith("* ", StringComparison.Ordinal) || l.StartsWith("- ", StringComparison.Ordinal)))
                html.Append("<ul>\n").AppendJoin("", lines.Select(l => $"<li>{Inline(l[2..])}</li>\n")).Append("</ul>\n");
            else
                html.Append("<p>").Append(Inline(string.Join(' ', lines))).Append("</p>\n");
        }
        return html.ToString();
    }

    private static string Inline(string text)
    {
        var escaped = E(text);
        escaped = CodeSpan().Replace(escaped, "<code>$1</code>");
        return Bold().Replace(escaped, "<strong>$1</strong>");
    }

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex CodeSpan();

    [GeneratedRegex(@"\*\*([^*]+)\*\*")]
    private static partial Regex Bold();

    /// <summary>HTML-escapes text and attribute values.</summary>
    private static string E(string text) => text
        .Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal)
        .Replace("'", "&#39;", StringComparison.Ordinal);

    private const string Css = """

        :root { color-scheme: light dark; --fg: #1b1f24; --muted: #57606a; --line: #d0d7de; --bg: #fff; --code: #f3f4f6; }
        @media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --muted: #9da7b3; --line: #30363d; --bg: #0d1117; --code: #161b22; } }
        * { box-sizing: border-box; }
        body { margin: 0 auto; max-width: 72rem; padding: 1.5rem; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; color: var(--fg); background: var(--bg); }
        h1 { margin: 0 0 .25rem; font-size: 1.7rem; }
        h2 { margin-top: 2.5rem; border-bottom: 1px solid var(--line); padding-bottom: .3rem; }
        h3 { margin: 0 0 .4rem; font-size: 1.05rem; word-break: break-all; }
        a { color: #0969da; text-decoration: none; } a:hover { text-decoration: underline; }
        code, pre { font: .88em/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: var(--code); border-radius: 4px; }
        code { padding: .1em .3em; } pre { padding: .7rem .9rem; overflow-x: auto; } pre code { padding: 0; background: none; }
        table { border-collapse: collapse; width: 100%; margin: .6rem 0; font-size: .92em; }
        th, td { border: 1px solid var(--line); padding: .35rem .55rem; text-align: left; vertical-align: top; }
        th { background: var(--code); }
        article { border: 1px solid var(--line); border-radius: 6px; padding: 1rem 1.1rem; margin: 1rem 0; }
        .meta, .constraints, .example, .optional, footer { color: var(--muted); }
        .constraints, .optional { font-size: .88em; }
        .lead { font-size: 1.08rem; }
        .summary { font-weight: 600; margin: .2rem 0; }
        .auth { border-left: 3px solid #bf8700; padding-left: .6rem; }
        .method { display: inline-block; min-width: 3.6rem; text-align: center; border-radius: 4px; padding: .05rem .4rem; font: 600 .8rem ui-monospace, monospace; color: #fff; background: #57606a; }
        .method.get { background: #1f883d; } .method.post { background: #bf5a00; }
        footer { margin-top: 3rem; font-size: .85em; }

        """;
}
