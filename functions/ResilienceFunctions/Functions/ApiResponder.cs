using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Resilience.Method.Tables;
using Resilience.Storage;

namespace ResilienceFunctions.Functions;

/// <summary>
/// Turns an <see cref="ApiResponse"/> into the HTTP answer, in one place for every route: JSON (camelCase) or
/// <c>?format=csv</c> of the <c>items</c>, problem+json for errors, strong ETags with <c>If-None-Match</c> → 304,
/// Cache-Control for versioned data, and the rendered bytes kept in memory per result version.
/// </summary>
public sealed class ApiResponder
{
    public const string VersionHeader = "X-Result-Version";
    private readonly BoundedCache<Rendered> _rendered = new(capacity: 500);

    /// <summary>A rendered body, with its gzip form made once, the first time a client accepts it.</summary>
    private sealed record Rendered(byte[] Bytes, string ContentType, string ETag)
    {
        private byte[]? _gzip;

        public byte[] Gzip => _gzip ??= Compress(Bytes);

        // Another representation, so another strong validator.
        public string GzipETag => ETag[..^1] + "-gz\"";

        private static byte[] Compress(byte[] bytes)
        {
            using var output = new MemoryStream();
            using (var gzip = new System.IO.Compression.GZipStream(output, System.IO.Compression.CompressionLevel.Optimal)) gzip.Write(bytes);
            return output.ToArray();
        }
    }

    public static ReadParameters Parameters(HttpRequest request) =>
        ReadParameters.From(name => request.Query.TryGetValue(name, out var values) ? values.ToString() : null);

    public async Task<IActionResult> RespondAsync(HttpRequest request, ApiResponse response)
    {
        var headers = request.HttpContext.Response.Headers;
        var format = request.Query.TryGetValue("format", out var f) ? f.ToString().ToLowerInvariant() : "json";
        if (format is not ("json" or "csv" or "parquet"))
            response = ApiResponse.Problem(400, "Invalid format", $"format must be json, csv or parquet, not '{(format.Length > 20 ? format[..20] : format)}'.");

        if (response.Status != 200) return Problem(headers, response);

        var key = response.CacheKey is null ? null : response.CacheKey + "\u001f" + format;
        if (key is null || !_rendered.TryGet(key, out var rendered))
        {
            var loaded = await response.LoadAsync(request.HttpContext.RequestAborted);
            if (loaded.Status != 200) return Problem(headers, loaded);
            var body = JsonSerializer.SerializeToNode(loaded.Body, JsonDefaults.Web);
            if (format != "json" && body?["items"] is not JsonArray)
                return Problem(headers, ApiResponse.Problem(400, "Invalid format", $"format={format} applies to list resources (those with items)."));
            rendered = await RenderAsync(body, format);
            if (key is not null) _rendered.Set(key, rendered);
        }

        // Worth it for lists (tens of KB of JSON); tiny bodies go as they are.
        var gzip = rendered.Bytes.Length > 1024 && request.Headers.AcceptEncoding.Any(v => v?.Contains("gzip", StringComparison.OrdinalIgnoreCase) == true);
        var etag = gzip ? rendered.GzipETag : rendered.ETag;
        headers.ETag = etag;
        headers.Vary = "Accept-Encoding";
        if (response.Version is { } version) headers[VersionHeader] = version;
        // A pinned version never changes; the current one moves when a recomputation completes.
        headers.CacheControl = !HttpMethods.IsGet(request.Method) ? "no-store"
            : response.Pinned ? "public, max-age=31536000, immutable"
            : "public, max-age=5, must-revalidate";
        if (request.Headers.IfNoneMatch.Any(v => v is not null && v.Split(',').Select(t => t.Trim()).Any(t => t == etag || t == "*")))
            return new StatusCodeResult(StatusCodes.Status304NotModified);
        if (!gzip) return new FileContentResult(rendered.Bytes, rendered.ContentType);
        headers.ContentEncoding = "gzip";
        return new FileContentResult(rendered.Gzip, rendered.ContentType);
    }

    private static ContentResult Problem(IHeaderDictionary headers, ApiResponse problem)
    {
        headers.CacheControl = "no-store";
        return new ContentResult
        {
            Content = JsonSerializer.Serialize(problem.Body, JsonDefaults.Web),
            ContentType = "application/problem+json; charset=utf-8",
            StatusCode = problem.Status,
        };
    }

    private static async Task<Rendered> RenderAsync(JsonNode? body, string format)
    {
        byte[] bytes;
        string contentType;
        if (format == "json")
        {
            bytes = JsonSerializer.SerializeToUtf8Bytes(body, JsonDefaults.Web);
            contentType = "application/json; charset=utf-8";
        }
        else
        {
            using var output = new MemoryStream();
            var table = ItemsTable((JsonArray)body!["items"]!);
            if (format == "csv") await TableWriters.WriteCsvAsync(table, output);
            else await TableWriters.WriteParquetAsync(table, output);
            bytes = output.ToArray();
            contentType = format == "csv" ? "text/csv; charset=utf-8" : "application/vnd.apache.parquet";
        }
        var etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(bytes))[..32] + "\"";
        return new Rendered(bytes, contentType, etag);
    }

    /// <summary>
    /// The items of a list as a flat table: nested objects and arrays become dotted column names; a column whose
    /// values are all numbers (or missing) is numeric, any other is text.
    /// </summary>
    private static Table ItemsTable(JsonArray items)
    {
        var rows = items.Select(item =>
        {
            var row = new Dictionary<string, JsonValue?>(StringComparer.Ordinal);
            Flatten(item, item is JsonObject ? "" : "value", row);
            return row;
        }).ToList();
        var names = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in rows)
            foreach (var name in row.Keys)
                if (seen.Add(name)) names.Add(name);
        var columns = names.Select(name =>
        {
            var values = rows.Select(r => r.GetValueOrDefault(name)).ToList();
            return values.All(v => v is null || v.GetValueKind() == JsonValueKind.Number)
                ? (TableColumn)new NumberColumn(name, values.Select(v => v?.GetValue<double>()).ToArray())
                : new TextColumn(name, values.Select(v => v is null ? null : v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : v.ToJsonString()).ToArray());
        }).ToList();
        return new Table("items", columns);
    }

    private static void Flatten(JsonNode? node, string prefix, Dictionary<string, JsonValue?> row)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o) Flatten(value, prefix.Length == 0 ? key : $"{prefix}.{key}", row);
                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++) Flatten(a[i], $"{prefix}.{i}", row);
                break;
            case JsonValue v:
                row[prefix] = v;
                break;
            default:
                row[prefix] = null;
                break;
        }
    }
}

