using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Resilience.Testing;
using Xunit.Abstractions;

namespace Resilience.Integration.Tests;

/// <summary>
/// Hostile input in every path and query parameter of every route of the OpenAPI document: injection strings for
/// the table filters, path traversal, very long strings, unicode and control characters, numbers out of range,
/// duplicate and empty parameters. Never a 5xx, problems as problem+json, and never another dataset's data.
/// Deterministic and bounded (fewer than 5,000 requests).
/// </summary>
[Collection(LocalHostCollection.Name)]
public sealed class FuzzTests(LocalHostFixture host, ITestOutputHelper output)
{
    private const string Target = "fuzz-a";
    private const string Other = "fuzz-b";
    private const int MaxRequests = 5000;

    /// <summary>A hostile value: <c>Raw</c> is percent-encoded when sent; <c>Encoded</c> values go as they are.</summary>
    private sealed record Hostile(string Name, string? Raw = null, string? Encoded = null)
    {
        public string Wire => Encoded ?? Uri.EscapeDataString(Raw!);
        public bool IsInjection { get; init; }
    }

    private static readonly Hostile[] Values =
    [
        new("odata: ne", "x' or PartitionKey ne 'y") { IsInjection = true },
        new("odata: 1 eq 1", "' or 1 eq 1 or '") { IsInjection = true },
        new("odata: ge", Target + "' or PartitionKey ge 'a") { IsInjection = true },
        new("odata: parenthesis", "') or true or ('") { IsInjection = true },
        new("key separator", Target + "|20000101T000000000Z|year|2019") { IsInjection = true },
        new("sql", "'; DROP TABLE datasets; --") { IsInjection = true },
        new("traversal", "../../../../etc/passwd"),
        new("traversal backslash", "..\\..\\windows\\win.ini"),
        new("traversal encoded", Encoded: "%2E%2E%2F%2E%2E%2Fdatasets"),
        new("traversal double-encoded", Encoded: "%252E%252E%252F"),
        new("10 KB", new string('A', 10 * 1024)),
        new("2,000 characters", new string('b', 2000)),
        new("chinese", "中文城市"),
        new("emoji", "😀🏙️👨‍👩‍👧"),
        new("rtl override", "\u202Eanshan\u202C"),
        new("rtl mark", "\u200F2019"),
        new("nul", "\0"),
        new("controls", "\u0001\u001f\u007f"),
        new("crlf", "\r\nX-Injected: 1"),
        new("invalid utf-8", Encoded: "%FF%FE%C0%AF"),
        new("markup", "<script>alert(1)</script>"),
        new("negative", "-1"),
        new("huge", "99999999999"),
        new("1e400", "1e400"),
        new("NaN", "NaN"),
        new("Infinity", "Infinity"),
        new("int overflow", "-2147483649"),
        new("signed year", "+2019"),
        new("arabic-indic digits", "٢٠١٩"),
        new("wildcard", "*"),
    ];

    private sealed record Outcome(string Method, string Url, int Status, string? MediaType, string Body);

    private async Task SeedAsync()
    {
        foreach (var dataset in new[] { Target, Other })
            foreach (var year in new[] { 2018, 2019 })
                await host.UploadAsync(dataset, $"indicators_{year}.csv", File.ReadAllBytes(Fixtures.Method("demo", $"indicators_{year}.csv")));
        foreach (var dataset in new[] { Target, Other })
            await host.WaitForDatasetAsync(dataset, "indicators_2018.csv", "indicators_2019.csv");
    }

    [Fact]
    public async Task HostileParameters_NeverCauseA5xx_OrServeAnotherDataset()
    {
        await SeedAsync();
        var otherVersion = (string)(await host.GetJsonAsync($"api/datasets/{Other}"))["version"]!;
        var document = await ServedOpenApi.LoadAsync(host.Http);
        var requests = new List<(HttpMethod Method, string Url, string? Key, bool InjectedDataset)>();

        foreach (var (path, method, operation) in ServedOpenApi.Operations(document))
        {
            var parameters = (operation["parameters"] as JsonArray ?? []).Select(p => ServedOpenApi.Resolve(document, p)!).ToList();
            var example = ServedOpenApi.ForDataset((string)operation["x-example"]!, Target);
            var (examplePath, exampleQuery) = Split(example);
            var baseline = Query(exampleQuery);
            if (method == "post")
            {
                foreach (var value in Values)
                {
                    var url = path.Replace("{dataset}", value.Wire);
                    requests.Add((HttpMethod.Post, url, LocalHostFixture.MasterKey, value.IsInjection));
                    requests.Add((HttpMethod.Post, url, null, false));
                    requests.Add((HttpMethod.Post, $"{examplePath}?code={value.Wire}", null, false));
                }
                requests.Add((HttpMethod.Post, examplePath, null, false));
                requests.Add((HttpMethod.Post, examplePath, LocalHostFixture.MasterKey, false));
                requests.Add((HttpMethod.Post, $"{examplePath}?code=", null, false));
                continue;
            }

            // Path parameters: one at a time, the others as in the example.
            foreach (var name in parameters.Where(p => (string)p["in"]! == "path").Select(p => (string)p["name"]!))
                foreach (var value in Values)
                {
                    var url = Substitute(path, name, value.Wire) + Render(baseline);
                    requests.Add((HttpMethod.Get, url, null, name == "dataset" && value.IsInjection));
                }

            // Query parameters: each hostile value in each parameter, the others as in the example.
            var queryNames = parameters.Where(p => (string)p["in"]! == "query").Select(p => (string)p["name"]!).ToList();
            foreach (var name in queryNames)
            {
                var values = name == "version" ? Values.Append(new Hostile("other dataset's version", otherVersion)) : Values;
                foreach (var value in values)
                    requests.Add((HttpMethod.Get, examplePath + Render(With(baseline, name, value.Wire)), null, false));
                // Duplicates, empty values, a name without a value.
                var sample = Uri.EscapeDataString(parameters.First(p => (string)p["name"]! == name)["example"]?.ToString() ?? "x");
                requests.Add((HttpMethod.Get, examplePath + Render([.. With(baseline, name, sample), (name, Values[0].Wire)]), null, false));
                requests.Add((HttpMethod.Get, examplePath + Render(With(baseline, name, "")), null, false));
                requests.Add((HttpMethod.Get, examplePath + Render([.. baseline.Where(p => p.Name != name), (name, null)]), null, false));
            }
            // Parameters the route does not read, naming the other dataset.
            requests.Add((HttpMethod.Get, examplePath + Render([.. baseline, ("dataset", Other)]), null, false));
            requests.Add((HttpMethod.Get, examplePath + Render([.. baseline, ("$filter", Uri.EscapeDataString($"PartitionKey eq '{Other}'"))]), null, false));
        }
        Assert.True(requests.Count < MaxRequests, $"{requests.Count} requests: keep the fuzzing bounded");

        var clock = Stopwatch.StartNew();
        var outcomes = new ConcurrentBag<(Outcome Outcome, bool InjectedDataset)>();
        await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (r, ct) =>
        {
            using var request = new HttpRequestMessage(r.Method, new Uri(host.BaseAddress, "api" + r.Url));
            if (r.Key is not null) request.Headers.Add("x-functions-key", r.Key);
            using var response = await host.Http.SendAsync(request, ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            outcomes.Add((new Outcome(r.Method.Method, r.Url, (int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, body), r.InjectedDataset));
        });
        output.WriteLine($"{requests.Count} requests in {clock.ElapsedMilliseconds} ms; statuses: " +
            string.Join(", ", outcomes.GroupBy(o => o.Outcome.Status).OrderBy(g => g.Key).Select(g => $"{g.Key}×{g.Count()}")));

        var failures = new List<string>();
        foreach (var (outcome, injectedDataset) in outcomes.OrderBy(o => o.Outcome.Url, StringComparer.Ordinal))
        {
            var where = $"{outcome.Method} /api{Cut(outcome.Url, 160)} → {outcome.Status}";
            if (outcome.Status is < 200 or >= 500) failures.Add($"{where}: {Cut(outcome.Body, 300)}");
            if (outcome.Status >= 400 && outcome.Body.Length > 0 && outcome.MediaType != "application/problem+json")
                failures.Add($"{where}: a problem as {outcome.MediaType}");
            if (injectedDataset && outcome.Status is not (400 or 404 or 414))
                failures.Add($"{where}: an injection string as dataset name must give 400 or 404");
            if (outcome.Url.StartsWith("/datasets/", StringComparison.Ordinal) && Leaks(outcome))
                failures.Add($"{where}: serves data of '{Other}': {Cut(outcome.Body, 300)}");
        }
        Assert.True(failures.Count == 0, $"{failures.Count} of {outcomes.Count} responses wrong:\n" + string.Join('\n', failures.Take(40)) +
            $"\nHost log: {host.LogPath}");
    }

    /// <summary>
    /// Whether a response to a request for the target dataset shows the other one. A request that itself names the
    /// other dataset may see the name echoed in a problem; its data (blob names, a body of that dataset) never.
    /// </summary>
    private static bool Leaks(Outcome outcome)
    {
        var named = outcome.Url.Contains(Other, StringComparison.Ordinal) || Uri.UnescapeDataString(outcome.Url).Contains(Other, StringComparison.Ordinal);
        if (!named) return outcome.Body.Contains(Other, StringComparison.Ordinal);
        if (outcome.Body.Contains(Other + "/", StringComparison.Ordinal)) return true;
        if (outcome.Status is >= 200 and < 300 && outcome.MediaType == "application/json" && JsonNode.Parse(outcome.Body) is JsonObject body
            && (string?)body["dataset"] is { } dataset && dataset != Target)
            return true;
        return false;
    }

    private static (string Path, string Query) Split(string url)
    {
        var q = url.IndexOf('?');
        return q < 0 ? (url, "") : (url[..q], url[(q + 1)..]);
    }

    private static List<(string Name, string? Value)> Query(string query) =>
        query.Length == 0 ? [] : query.Split('&').Select(p => p.Split('=', 2)).Select(p => (p[0], p.Length > 1 ? p[1] : null)).ToList();

    private static List<(string Name, string? Value)> With(List<(string Name, string? Value)> query, string name, string? value) =>
        [.. query.Where(p => p.Name != name), (name, value)];

    private static string Render(IEnumerable<(string Name, string? Value)> query)
    {
        var parts = query.Select(p => p.Value is null ? p.Name : $"{p.Name}={p.Value}").ToList();
        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }

    /// <summary>The route with one path parameter hostile and the others as in the examples.</summary>
    private static string Substitute(string path, string name, string wire) =>
        path.Replace("{" + name + "}", wire).Replace("{dataset}", Target).Replace("{city}", "anshan");

    private static string Cut(string text, int length) => text.Length <= length ? text : text[..length] + "…";
}
