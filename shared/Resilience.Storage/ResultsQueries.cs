using System.Globalization;
using System.Text.Json.Nodes;

namespace Resilience.Storage;

/// <summary>An HTTP-neutral answer: status code and body (serialised as camelCase JSON by the caller).</summary>
public sealed record ApiResponse(int Status, object? Body)
{
    public static ApiResponse Ok(object body) => new(200, body);

    public static ApiResponse Problem(int status, string title, string detail) =>
        new(status, new ProblemBody("about:blank", title, status, detail));
}

/// <summary>RFC 9457 problem details.</summary>
public sealed record ProblemBody(string Type, string Title, int Status, string Detail);

/// <summary>
/// Everything the read API serves, resolved against one result version: the current one, or the one pinned by
/// <c>?version=</c>. Parameters arrive as raw strings and are validated here, in one place.
/// </summary>
public sealed class ResultsQueries(DatasetStore datasets, IngestionStore ingestions, ResultStore results)
{
    private const int MaxCityLength = 128;

    public async Task<ApiResponse> ListDatasetsAsync(CancellationToken ct)
    {
        var list = await datasets.ListAsync(ct);
        return ApiResponse.Ok(new
        {
            items = list.OrderBy(d => d.Name, StringComparer.Ordinal).Select(d => new
            {
                dataset = d.Name,
                version = d.CurrentVersion,
                scoredAt = d.ScoredAt,
                upToDate = d.IsUpToDate,
            }),
        });
    }

    public Task<ApiResponse> DatasetAsync(string dataset, string? version, CancellationToken ct) =>
        WithVersionAsync(dataset, version, ct, async (v, manifest) => ApiResponse.Ok(new
        {
            dataset, version = v, createdAt = manifest!["createdAt"], summary = manifest["summary"], options = manifest["options"],
            years = manifest["years"], dimensions = manifest["dimensions"], cityCount = (manifest["cities"] as JsonArray)?.Count,
            imputedCells = manifest["imputedCells"], warnings = manifest["warnings"], inputs = manifest["inputs"],
        }));

    public Task<ApiResponse> CatalogAsync(string dataset, string? version, CancellationToken ct) =>
        WithVersionAsync(dataset, version, ct, (v, manifest) =>
            Task.FromResult(ApiResponse.Ok(new { dataset, version = v, items = manifest!["catalog"] })));

    public Task<ApiResponse> CitiesAsync(string dataset, string? version, CancellationToken ct) =>
        WithVersionAsync(dataset, version, ct, (v, manifest) =>
            Task.FromResult(ApiResponse.Ok(new { dataset, version = v, items = manifest!["cities"] })));

    public Task<ApiResponse> YearsAsync(string dataset, string? version, CancellationToken ct) =>
        WithVersionAsync(dataset, version, ct, (v, manifest) =>
            Task.FromResult(ApiResponse.Ok(new { dataset, version = v, items = manifest!["years"] })));

    public Task<ApiResponse> WeightsAsync(string dataset, string? version, CancellationToken ct) =>
        WithVersionAsync(dataset, version, ct, async (v, _) =>
            ApiResponse.Ok(new { dataset, version = v, weights = await results.GetWeightsAsync(dataset, v, ct) }));

    public async Task<ApiResponse> IngestionsAsync(string dataset, CancellationToken ct)
    {
        if (!DatasetName.IsValid(dataset)) return InvalidDataset(dataset);
        var state = await datasets.GetAsync(dataset, ct);
        var records = await ingestions.ListAsync(dataset, ct);
        if (state is null && records.Count == 0) return UnknownDataset(dataset);
        return ApiResponse.Ok(new
        {
            dataset,
            version = state?.CurrentVersion,
            items = records.Select(r => new
            {
                r.BlobName, kind = r.Kind, r.ContentHash, status = r.Status, r.Rows, r.ErrorCount, r.WarningCount,
                r.IngestedAt, inUse = r.ActiveContentHash, r.Problems,
            }),
        });
    }

    public Task<ApiResponse> ScoresAsync(string dataset, string? year, string? version, CancellationToken ct) =>
        WithYearAsync(dataset, year, version, ct, (v, y, rows) =>
            ApiResponse.Ok(new { dataset, version = v, year = y, items = rows }));

    public Task<ApiResponse> RankingsAsync(string dataset, string? year, string? version, CancellationToken ct) =>
        WithYearAsync(dataset, year, version, ct, (v, y, rows) =>
        {
            var ranked = rows.OrderByDescending(r => r["composite"]!.GetValue<double>())
                .ThenBy(r => r["cityId"]!.GetValue<string>(), StringComparer.Ordinal)
                .Select((r, i) => new
                {
                    rank = i + 1,
                    cityId = r["cityId"]!.GetValue<string>(),
                    region = r["region"]!.GetValue<string>(),
                    composite = r["composite"]!.GetValue<double>(),
                    topsis = r["topsis"]!["closeness"]!.GetValue<double>(),
                    ccdClassicD = r["ccd"]!["classic"]!["d"]!.GetValue<double>(),
                });
            return ApiResponse.Ok(new { dataset, version = v, year = y, items = ranked });
        });

    public Task<ApiResponse> CityAsync(string dataset, string city, string? version, CancellationToken ct) =>
        WithVersionAsync(dataset, version, ct, async (v, _) =>
        {
            if (string.IsNullOrWhiteSpace(city) || city.Length > MaxCityLength)
                return ApiResponse.Problem(400, "Invalid city", $"The city must be 1–{MaxCityLength} characters.");
            var rows = await results.GetCityAsync(dataset, v, city, ct);
            return rows.Count == 0
                ? ApiResponse.Problem(404, "Unknown city", $"Dataset '{dataset}' (version {v}) has no city '{city}'.")
                : ApiResponse.Ok(new { dataset, version = v, cityId = city, items = rows });
        });

    public Task<ApiResponse> StatisticsAsync(string dataset, string? year, string? version, CancellationToken ct) =>
        WithVersionAsync(dataset, version, ct, async (v, manifest) =>
        {
            var rows = await results.GetYearlyAsync(dataset, v, ct);
            if (year is not null)
            {
                if (ParseYear(year) is not { } y) return InvalidYear(year);
                rows = rows.Where(r => r["year"]!.GetValue<int>() == y).ToList();
                if (rows.Count == 0) return UnknownYear(dataset, v, y);
            }
            return ApiResponse.Ok(new { dataset, version = v, summary = manifest!["summary"], items = rows });
        });

    private Task<ApiResponse> WithYearAsync(string dataset, string? year, string? version, CancellationToken ct,
        Func<string, int, List<JsonNode>, ApiResponse> answer) =>
        WithVersionAsync(dataset, version, ct, async (v, _) =>
        {
            if (year is null) return ApiResponse.Problem(400, "Missing year", "Add ?year=YYYY to the request.");
            if (ParseYear(year) is not { } y) return InvalidYear(year);
            var rows = await results.GetYearAsync(dataset, v, y, ct);
            return rows.Count == 0 ? UnknownYear(dataset, v, y) : answer(v, y, rows);
        });

    private async Task<ApiResponse> WithVersionAsync(string dataset, string? version, CancellationToken ct,
        Func<string, JsonNode?, Task<ApiResponse>> answer)
    {
        if (!DatasetName.IsValid(dataset)) return InvalidDataset(dataset);
        if (version is not null && (version.Length > 40 || !version.All(c => char.IsAsciiLetterOrDigit(c))))
            return ApiResponse.Problem(400, "Invalid version", "A version is a string of letters and digits such as 20261203T164431123Z.");
        var state = await datasets.GetAsync(dataset, ct);
        if (state is null) return UnknownDataset(dataset);
        var chosen = version ?? state.CurrentVersion;
        if (chosen is null)
            return ApiResponse.Problem(409, "No results yet", $"Dataset '{dataset}' has no complete result version yet.");
        if (version is not null && !state.Versions.Contains(version))
            return ApiResponse.Problem(404, "Unknown version", $"Dataset '{dataset}' has no version '{version}'; kept: {string.Join(", ", state.Versions)}.");
        var manifest = await results.GetManifestAsync(dataset, chosen, ct);
        if (manifest is null)
            return ApiResponse.Problem(404, "Unknown version", $"Version '{chosen}' of dataset '{dataset}' is no longer stored.");
        return await answer(chosen, manifest);
    }

    private static int? ParseYear(string text) =>
        text.Length <= 4 && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is >= 1900 and <= 2100 ? y : null;

    private static ApiResponse InvalidYear(string year) =>
        ApiResponse.Problem(400, "Invalid year", $"'{Truncate(year)}' is not a year between 1900 and 2100.");

    private static ApiResponse UnknownYear(string dataset, string version, int year) =>
        ApiResponse.Problem(404, "Unknown year", $"Dataset '{dataset}' (version {version}) has no results for {year}.");

    private static ApiResponse InvalidDataset(string dataset) =>
        ApiResponse.Problem(400, "Invalid dataset name", $"'{Truncate(dataset)}' is not a dataset name ({DatasetName.Rule}).");

    private static ApiResponse UnknownDataset(string dataset) =>
        ApiResponse.Problem(404, "Unknown dataset", $"There is no dataset '{dataset}'.");

    private static string Truncate(string text) => text.Length <= 64 ? text : text[..64] + "…";
}
