using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Resilience.Storage;

/// <summary>
/// An HTTP-neutral answer: status, body (serialised as camelCase JSON, or its <c>items</c> as CSV/Parquet), the result
/// version it was read from, and a cache key when the body depends only on immutable data (a given version).
/// </summary>
public sealed record ApiResponse(int Status, object? Body, string? Version = null, bool Pinned = false, string? CacheKey = null)
{
    /// <summary>
    /// Builds the body on demand: a response with a <see cref="CacheKey"/> is only built when its rendering is not
    /// cached already. It may turn out to be a problem (an unknown year, say), which is never cached.
    /// </summary>
    public Func<CancellationToken, Task<ApiResponse>>? Loader { get; init; }

    public async Task<ApiResponse> LoadAsync(CancellationToken ct) => Loader is null ? this : await Loader(ct);

    public static ApiResponse Problem(int status, string title, string detail) =>
        new(status, new ProblemBody("about:blank", title, status, detail));
}

/// <summary>RFC 9457 problem details.</summary>
public sealed record ProblemBody(string Type, string Title, int Status, string Detail);

/// <summary>Query parameters of the read API, as raw strings; validated in <see cref="ResultsQueries"/>.</summary>
public sealed record ReadParameters(
    string? Version = null, string? Year = null, string? City = null, string? Region = null, string? Dimension = null,
    string? Limit = null, string? Offset = null, string? Detail = null)
{
    public static readonly string[] Names = ["version", "year", "city", "region", "dimension", "limit", "offset", "detail"];

    public static ReadParameters From(Func<string, string?> query) => new(
        query("version"), query("year"), query("city"), query("region"), query("dimension"), query("limit"), query("offset"),
        query("detail"));

    public bool Full => string.Equals(Detail, "full", StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// Everything the read API serves, resolved against one result version: the current one, or the one pinned by
/// <c>?version=</c>. Parameters are validated here, in one place; lists are paged in a stable order.
/// </summary>
public sealed class ResultsQueries(DatasetStore datasets, IngestionStore ingestions, ResultStore results, IngestionReportStore reports)
{
    public const int DefaultLimit = 1000;
    public const int MaxLimit = 10_000;
    private const int MaxTextLength = 128;

    public async Task<ApiResponse> ListDatasetsAsync(CancellationToken ct)
    {
        var list = await datasets.ListAsync(ct);
        return new ApiResponse(200, new
        {
            items = list.OrderBy(d => d.Name, StringComparer.Ordinal).Select(d => new
            {
                dataset = d.Name,
                version = d.CurrentVersion,
                scoredAt = d.ScoredAt,
                upToDate = d.IsUpToDate,
                versions = d.Versions,
                recomputeFailure = d.RecomputeFailure is null ? null : new { message = d.RecomputeFailure, at = d.RecomputeFailedAt },
            }),
        });
    }

    public Task<ApiResponse> DatasetAsync(string dataset, ReadParameters p, CancellationToken ct) =>
        WithVersionAsync(dataset, p, "dataset", ct, (v, manifest) => Task.FromResult<object>(new
        {
            dataset, version = v,
            createdAt = manifest.GetProperty("createdAt"),
            summary = manifest.GetProperty("summary"),
            options = manifest.GetProperty("options"),
            years = manifest.GetProperty("years"),
            dimensions = manifest.GetProperty("dimensions"),
            cityCount = manifest.GetProperty("cities").GetArrayLength(),
            imputedCells = manifest.GetProperty("imputedCells"),
            warnings = manifest.GetProperty("warnings"),
            inputs = manifest.GetProperty("inputs"),
        }));

    public Task<ApiResponse> CatalogAsync(string dataset, ReadParameters p, CancellationToken ct) =>
        WithVersionAsync(dataset, p, "catalog", ct, (v, manifest) =>
            Task.FromResult<object>(new { dataset, version = v, items = manifest.GetProperty("catalog") }));

    public Task<ApiResponse> CitiesAsync(string dataset, ReadParameters p, CancellationToken ct) =>
        WithVersionAsync(dataset, p, "cities", ct, (v, manifest) =>
        {
            var cities = manifest.GetProperty("cities").EnumerateArray().ToList();
            if (p.Region is { } region) cities = cities.Where(c => Is(c, "region", region)).ToList();
            return Task.FromResult<object>(Page(new { dataset, version = v }, cities, p));
        });

    public Task<ApiResponse> YearsAsync(string dataset, ReadParameters p, CancellationToken ct) =>
        WithVersionAsync(dataset, p, "years", ct, (v, manifest) =>
            Task.FromResult<object>(new { dataset, version = v, items = manifest.GetProperty("years") }));

    public Task<ApiResponse> WeightsAsync(string dataset, ReadParameters p, CancellationToken ct) =>
        WithVersionAsync(dataset, p, "weights", ct, async (v, _) =>
        {
            var weights = (await results.GetWeightsAsync(dataset, v, ct))!.Value;
            return new
            {
                dataset, version = v, group = weights.GetProperty("group"), n = weights.GetProperty("n"), k = weights.GetProperty("k"),
                dimensionWeights = weights.GetProperty("dimensionWeights"), items = weights.GetProperty("indicators"),
            };
        });

    public async Task<ApiResponse> IngestionsAsync(string dataset, ReadParameters p, CancellationToken ct)
    {
        if (!DatasetName.IsValid(dataset)) return InvalidDataset(dataset);
        if (InvalidPaging(p) is { } bad) return bad;
        var state = await datasets.GetAsync(dataset, ct);
        var records = await ingestions.ListAsync(dataset, ct);
        if (state is null && records.Count == 0) return UnknownDataset(dataset);
        var items = records.Select(r => new
        {
            r.BlobName, r.FileKey, kind = r.Kind, r.ContentHash, status = r.Status, r.Rows, r.ErrorCount, r.WarningCount,
            r.IngestedAt, inUse = r.ActiveContentHash, r.Failure,
            report = r.Report is null ? null : $"/api/datasets/{dataset}/ingestions/{r.FileKey}/report",
            r.Problems,
        }).ToList();
        return new ApiResponse(200, Page(new { dataset, version = state?.CurrentVersion }, items, p), state?.CurrentVersion);
    }

    /// <summary>
    /// The report of a file's last ingestion: how it was read (format, sheet, header row, layout, columns, cities
    /// matched and not) and its problems as <c>items</c> (so <c>?format=csv</c> gives the problems as a table).
    /// </summary>
    public async Task<ApiResponse> ReportAsync(string dataset, string fileKey, CancellationToken ct)
    {
        if (!DatasetName.IsValid(dataset)) return InvalidDataset(dataset);
        if (fileKey.Length != 32 || !fileKey.All(char.IsAsciiHexDigitLower))
            return ApiResponse.Problem(400, "Invalid file key", "fileKey is the 32-character hexadecimal key listed by /ingestions.");
        var record = await ingestions.GetAsync(dataset, fileKey, ct);
        if (record?.Report is null)
            return ApiResponse.Problem(404, "No report", $"Dataset '{dataset}' has no ingestion report for file key '{fileKey}'.");
        var bytes = await reports.ReadAsync(dataset, record.Report, ct);
        if (bytes is null) return ApiResponse.Problem(404, "No report", $"The report of '{record.BlobName}' is no longer stored.");
        var report = JsonSerializer.Deserialize<IngestionReport>(bytes, JsonDefaults.Web)!;
        return new ApiResponse(200, new
        {
            report.Dataset, report.File, fileKey, report.Status, record.Failure, report.IngestedAt, report.ContentHash, report.Bytes,
            report.ErrorCount, report.WarningCount, report.Read, total = report.Problems.Count, items = report.Problems,
        });
    }

    /// <summary>
    /// City-year results: of a year (<c>?year=</c>) or of a city (<c>?city=</c>), optionally one region or dimension.
    /// By default the indices a dashboard plots; <c>?detail=full</c> adds coupling, obstacles and imputed cells.
    /// </summary>
    public Task<ApiResponse> ScoresAsync(string dataset, ReadParameters p, CancellationToken ct) =>
        RowsAsync(dataset, p, "scores", ct, p.Full ? row => row : Compact);

    private static object Compact(JsonElement row) => new
    {
        cityId = row.GetProperty("cityId"), year = row.GetProperty("year"), region = row.GetProperty("region"),
        composite = row.GetProperty("composite"), growth = row.GetProperty("growth"), dimensions = row.GetProperty("dimensions"),
        topsis = row.GetProperty("topsis").GetProperty("closeness"),
        ccdClassicD = row.GetProperty("ccd").GetProperty("classic").GetProperty("d"),
        ccdPairClassicD = row.GetProperty("ccdPair").GetProperty("classic").GetProperty("d"),
    };

    /// <summary>Coupling coordination of every city in a year: the four dimensions and the pair.</summary>
    public Task<ApiResponse> CouplingAsync(string dataset, ReadParameters p, CancellationToken ct) =>
        RowsAsync(dataset, p, "coupling", ct, row => new
        {
            cityId = row.GetProperty("cityId"), year = row.GetProperty("year"), region = row.GetProperty("region"),
            ccd = row.GetProperty("ccd"), ccdPair = row.GetProperty("ccdPair"),
        });

    /// <summary>Obstacle degrees (top indicators and by dimension) of every city in a year.</summary>
    public Task<ApiResponse> ObstaclesAsync(string dataset, ReadParameters p, CancellationToken ct) =>
        RowsAsync(dataset, p, "obstacles", ct, row => new
        {
            cityId = row.GetProperty("cityId"), year = row.GetProperty("year"), region = row.GetProperty("region"),
            obstaclesTop = row.GetProperty("obstaclesTop"), obstaclesByDimension = row.GetProperty("obstaclesByDimension"),
        });

    /// <summary>Carbon comparison of every city in a year: CO2 growth against resilience growth and the Tapio state.</summary>
    public Task<ApiResponse> CarbonAsync(string dataset, ReadParameters p, CancellationToken ct) =>
        WithCarbonAsync(dataset, p, "carbon", ct, async (v, carbon) =>
        {
            var page = (JsonObject)(await RowsBodyAsync(dataset, v, p, row => new
            {
                cityId = row.GetProperty("cityId"), year = row.GetProperty("year"), region = row.GetProperty("region"),
                composite = row.GetProperty("composite"), carbon = row.TryGetProperty("carbon", out var c) ? c : default(JsonElement?),
            }, ct));
            var yearly = await results.GetYearlyAsync(dataset, v, ct);
            page["summary"] = JsonSerializer.SerializeToNode(carbon, JsonDefaults.Web);
            page["yearly"] = new JsonArray([.. yearly.Where(y => p.Year is null || y.GetProperty("year").GetInt32() == ParseYear(p.Year))
                .Select(y => JsonSerializer.SerializeToNode(new { year = y.GetProperty("year"), carbon = y.GetProperty("carbon") }, JsonDefaults.Web))]);
            return page;
        });

    /// <summary>Tapio decoupling of every city over the whole period.</summary>
    public Task<ApiResponse> CarbonPeriodsAsync(string dataset, ReadParameters p, CancellationToken ct) =>
        WithCarbonAsync(dataset, p, "carbon-periods", ct, async (v, carbon) =>
        {
            IEnumerable<JsonElement> periods = await results.GetCarbonPeriodsAsync(dataset, v, ct);
            if (p.City is { } city) periods = periods.Where(x => x.GetProperty("cityId").GetString() == city);
            return Page(new { dataset, version = v, summary = carbon }, periods.ToList(), p);
        });

    /// <summary>Rank stability of every city in a year under alternative and perturbed weights, with the dataset-level figures.</summary>
    public Task<ApiResponse> SensitivityAsync(string dataset, ReadParameters p, CancellationToken ct) =>
        WithVersionAsync(dataset, p, "sensitivity", ct, async (v, _) =>
        {
            var meta = await results.GetMetaAsync(dataset, v, "sensitivity", ct)
                ?? throw new NotFoundException("No sensitivity analysis", $"Version {v} of '{dataset}' has no sensitivity analysis.");
            var page = (JsonObject)(await RowsBodyAsync(dataset, v, p, row => new
            {
                cityId = row.GetProperty("cityId"), year = row.GetProperty("year"), region = row.GetProperty("region"),
                composite = row.GetProperty("composite"), sensitivity = row.GetProperty("sensitivity"),
            }, ct));
            page["weightings"] = JsonSerializer.SerializeToNode(meta.GetProperty("weightings"), JsonDefaults.Web);
            page["monteCarlo"] = JsonSerializer.SerializeToNode(meta.GetProperty("monteCarlo"), JsonDefaults.Web);
            return page;
        });

    private Task<ApiResponse> WithCarbonAsync(string dataset, ReadParameters p, string resource, CancellationToken ct,
        Func<string, JsonElement, Task<object>> body) =>
        WithVersionAsync(dataset, p, resource, ct, async (v, _) =>
        {
            var carbon = await results.GetMetaAsync(dataset, v, "carbon", ct)
                ?? throw new NotFoundException("No emissions", $"Dataset '{dataset}' (version {v}) has no emissions: upload them to emissions/{dataset}/.");
            return await body(v, carbon);
        });

    public Task<ApiResponse> RankingsAsync(string dataset, ReadParameters p, CancellationToken ct)
    {
        if (p.Year is null) return Task.FromResult(MissingYear());
        return RowsAsync(dataset, p with { City = null }, "rankings", ct, row => row, ranked: true);
    }

    public Task<ApiResponse> CityAsync(string dataset, string city, ReadParameters p, CancellationToken ct) =>
        RowsAsync(dataset, p with { City = city, Year = null, Region = null }, "city", ct, p.Full ? row => row : Compact);

    public Task<ApiResponse> StatisticsAsync(string dataset, ReadParameters p, CancellationToken ct) =>
        YearlyAsync(dataset, p, "statistics", ct, row => row);

    /// <summary>Regional means of the composite and the dimension indices, per year.</summary>
    public Task<ApiResponse> RegionsAsync(string dataset, ReadParameters p, CancellationToken ct) =>
        YearlyAsync(dataset, p, "regions", ct, row => new { year = row.GetProperty("year"), regions = row.GetProperty("regionalMeans") });

    /// <summary>The gap between cities per year: SD, CV, Gini and Theil with its regional decomposition.</summary>
    public Task<ApiResponse> GapsAsync(string dataset, ReadParameters p, CancellationToken ct) =>
        YearlyAsync(dataset, p, "gaps", ct, row => new
        {
            year = row.GetProperty("year"), n = row.GetProperty("n"), mean = row.GetProperty("mean"), sd = row.GetProperty("sd"),
            cv = row.GetProperty("cv"), gini = row.GetProperty("gini"), theil = row.GetProperty("theil"),
        });

    private Task<ApiResponse> YearlyAsync(string dataset, ReadParameters p, string resource, CancellationToken ct, Func<JsonElement, object> project) =>
        WithVersionAsync(dataset, p, resource, ct, async (v, manifest) =>
        {
            IEnumerable<JsonElement> rows = await results.GetYearlyAsync(dataset, v, ct);
            if (p.Year is not null)
            {
                var year = ParseYear(p.Year)!.Value;
                rows = rows.Where(r => r.GetProperty("year").GetInt32() == year).ToList();
                if (!rows.Any()) throw new NotFoundException("Unknown year", $"Dataset '{dataset}' (version {v}) has no results for {year}.");
            }
            return new { dataset, version = v, summary = manifest.GetProperty("summary"), items = rows.Select(project) };
        });

    private Task<ApiResponse> RowsAsync(string dataset, ReadParameters p, string resource, CancellationToken ct,
        Func<JsonElement, object> project, bool ranked = false) =>
        WithVersionAsync(dataset, p, resource, ct, (v, _) => RowsBodyAsync(dataset, v, p, project, ct, ranked));

    /// <summary>The city-year rows of a year or of a city, filtered, projected and paged.</summary>
    private async Task<object> RowsBodyAsync(string dataset, string v, ReadParameters p, Func<JsonElement, object> project,
        CancellationToken ct, bool ranked = false)
    {
        IReadOnlyList<JsonElement> rows;
        if (p.City is { } city)
        {
            rows = await results.GetCityAsync(dataset, v, city, ct);
            if (rows.Count == 0) throw new NotFoundException("Unknown city", $"Dataset '{dataset}' (version {v}) has no city '{city}'.");
            if (p.Year is not null) rows = rows.Where(r => r.GetProperty("year").GetInt32() == ParseYear(p.Year)).ToList();
        }
        else if (p.Year is null) throw new BadRequestException("Missing year", "Add ?year=YYYY (or ?city=ID for a time series).");
        else
        {
            var year = ParseYear(p.Year)!.Value;
            rows = await results.GetYearAsync(dataset, v, year, ct);
            if (rows.Count == 0) throw new NotFoundException("Unknown year", $"Dataset '{dataset}' (version {v}) has no results for {year}.");
        }
        if (p.Region is { } region) rows = rows.Where(r => Is(r, "region", region)).ToList();
        if (ranked)
        {
            var order = rows.OrderByDescending(r => r.GetProperty("composite").GetDouble())
                .ThenBy(r => r.GetProperty("cityId").GetString(), StringComparer.Ordinal).ToList();
            var items = order.Select((r, i) => (object)new
            {
                rank = i + 1, cityId = r.GetProperty("cityId"), region = r.GetProperty("region"),
                composite = r.GetProperty("composite"), topsis = r.GetProperty("topsis").GetProperty("closeness"),
                ccdClassicD = r.GetProperty("ccd").GetProperty("classic").GetProperty("d"),
            }).ToList();
            return Page(new { dataset, version = v, year = ParseYear(p.Year!) }, items, p);
        }
        var projected = p.Dimension is { } dimension
            ? rows.Select(r => OneDimension(r, dimension)).Select(project).ToList()
            : rows.Select(project).ToList();
        return Page(new { dataset, version = v, year = p.Year is null ? (int?)null : ParseYear(p.Year), cityId = p.City }, projected, p);
    }

    /// <summary>Validates the common parameters, resolves the version, and builds the body (or the matching problem).</summary>
    private async Task<ApiResponse> WithVersionAsync(string dataset, ReadParameters p, string resource, CancellationToken ct,
        Func<string, JsonElement, Task<object>> body)
    {
        if (!DatasetName.IsValid(dataset)) return InvalidDataset(dataset);
        if (Validate(p) is { } invalid) return invalid;
        var state = await datasets.GetRecentAsync(dataset, ct);
        if (state is null) return UnknownDataset(dataset);
        var version = p.Version ?? state.CurrentVersion;
        if (version is null) return ApiResponse.Problem(409, "No results yet", $"Dataset '{dataset}' has no complete result version yet.");
        if (p.Version is not null && !state.Versions.Contains(p.Version))
        {
            // The pointer may have moved since it was last read: ask the table before saying no.
            state = await datasets.GetAsync(dataset, ct);
            if (state is null || !state.Versions.Contains(p.Version))
                return ApiResponse.Problem(404, "Unknown version", $"Dataset '{dataset}' has no version '{p.Version}'; kept: {string.Join(", ", state?.Versions ?? [])}.");
        }
        if (await results.GetManifestAsync(dataset, version, ct) is not { } manifest)
            return ApiResponse.Problem(404, "Unknown version", $"Version '{version}' of dataset '{dataset}' is no longer stored.");
        var cacheKey = string.Join('\u001f', [dataset, version, resource, .. new[] { p.Year, p.City, p.Region, p.Dimension, p.Limit, p.Offset, p.Full ? "full" : "" }.Select(x => x ?? "")]);
        return new ApiResponse(200, null, version, p.Version is not null, cacheKey)
        {
            Loader = async loadCt =>
            {
                try
                {
                    return new ApiResponse(200, await body(version, manifest), version, p.Version is not null, cacheKey);
                }
                catch (NotFoundException e)
                {
                    return ApiResponse.Problem(404, e.Title, e.Message);
                }
                catch (BadRequestException e)
                {
                    return ApiResponse.Problem(400, e.Title, e.Message);
                }
            },
        };
    }

    private static ApiResponse? Validate(ReadParameters p)
    {
        if (p.Version is not null && (p.Version.Length is 0 or > 40 || !p.Version.All(char.IsAsciiLetterOrDigit)))
            return ApiResponse.Problem(400, "Invalid version", "A version is a string of letters and digits such as 20261203T164431123Z.");
        if (p.Year is not null && ParseYear(p.Year) is null)
            return ApiResponse.Problem(400, "Invalid year", $"'{Truncate(p.Year)}' is not a year between 1900 and 2100.");
        foreach (var (name, value) in new[] { ("city", p.City), ("region", p.Region), ("dimension", p.Dimension) })
            if (value is not null && (value.Length is 0 or > MaxTextLength || value.Any(char.IsControl)))
                return ApiResponse.Problem(400, $"Invalid {name}", $"The {name} must be 1–{MaxTextLength} printable characters.");
        if (p.Detail is not null && !p.Full && !string.Equals(p.Detail, "summary", StringComparison.OrdinalIgnoreCase))
            return ApiResponse.Problem(400, "Invalid detail", "detail must be 'summary' (the default) or 'full'.");
        return InvalidPaging(p);
    }

    private static ApiResponse? InvalidPaging(ReadParameters p)
    {
        if (p.Limit is not null && (ParseInt(p.Limit) is not { } limit || limit < 1 || limit > MaxLimit))
            return ApiResponse.Problem(400, "Invalid limit", $"limit must be a whole number from 1 to {MaxLimit}.");
        if (p.Offset is not null && (ParseInt(p.Offset) is not { } offset || offset < 0))
            return ApiResponse.Problem(400, "Invalid offset", "offset must be a whole number from 0.");
        return null;
    }

    /// <summary>A page of a list: <c>total</c>, <c>offset</c>, <c>limit</c> and <c>items</c> beside the header fields.</summary>
    private static object Page<T>(object header, IReadOnlyList<T> items, ReadParameters p)
    {
        var limit = p.Limit is null ? DefaultLimit : ParseInt(p.Limit)!.Value;
        var offset = p.Offset is null ? 0 : ParseInt(p.Offset)!.Value;
        var page = new JsonObject();
        foreach (var (key, value) in JsonSerializer.SerializeToNode(header, JsonDefaults.Web)!.AsObject())
            if (value is not null) page[key] = value.DeepClone();
        page["total"] = items.Count;
        page["offset"] = offset;
        page["limit"] = limit;
        page["items"] = JsonSerializer.SerializeToNode(items.Skip(offset).Take(limit), JsonDefaults.Web);
        return page;
    }

    private static JsonElement OneDimension(JsonElement row, string dimension)
    {
        var node = JsonObject.Create(row)!;
        var dimensions = node["dimensions"]!.AsObject();
        var match = dimensions.Select(d => d.Key).FirstOrDefault(k => string.Equals(k, dimension, StringComparison.OrdinalIgnoreCase))
            ?? throw new NotFoundException("Unknown dimension", $"There is no dimension '{dimension}'; there are: {string.Join(", ", dimensions.Select(d => d.Key))}.");
        node["dimensions"] = new JsonObject { [match] = dimensions[match]!.DeepClone() };
        return JsonSerializer.SerializeToElement(node);
    }

    private static bool Is(JsonElement row, string property, string value) =>
        string.Equals(row.GetProperty(property).GetString(), value, StringComparison.OrdinalIgnoreCase);

    private static int? ParseYear(string text) =>
        ParseInt(text) is { } y && y is >= 1900 and <= 2100 ? y : null;

    private static int? ParseInt(string text) =>
        text.Length is > 0 and <= 9 && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    private static ApiResponse MissingYear() => ApiResponse.Problem(400, "Missing year", "Add ?year=YYYY to the request.");

    private static ApiResponse InvalidDataset(string dataset) =>
        ApiResponse.Problem(400, "Invalid dataset name", $"'{Truncate(dataset)}' is not a dataset name ({DatasetName.Rule}).");

    private static ApiResponse UnknownDataset(string dataset) =>
        ApiResponse.Problem(404, "Unknown dataset", $"There is no dataset '{dataset}'.");

    private static string Truncate(string text) => text.Length <= 64 ? text : text[..64] + "…";

    private sealed class NotFoundException(string title, string message) : Exception(message)
    {
        public string Title { get; } = title;
    }

    private sealed class BadRequestException(string title, string message) : Exception(message)
    {
        public string Title { get; } = title;
    }
}
