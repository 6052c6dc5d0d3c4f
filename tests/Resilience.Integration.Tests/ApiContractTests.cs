using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Resilience.Testing;

namespace Resilience.Integration.Tests;

/// <summary>What a dashboard relies on: versions, ETags and 304s, cache headers, CSV, paging and filters.</summary>
[Collection(LocalHostCollection.Name)]
public sealed class ApiContractTests(LocalHostFixture host)
{
    private const string Dataset = "contract";

    private async Task<string> SeedAsync()
    {
        foreach (var year in new[] { 2018, 2019 })
            await host.UploadAsync(Dataset, $"indicators_{year}.csv", File.ReadAllBytes(Fixtures.Method("demo", $"indicators_{year}.csv")));
        await host.UploadAsync(Dataset, "cities.csv", File.ReadAllBytes(Fixtures.Method("demo", "cities.csv")));
        var body = await host.WaitForDatasetAsync(Dataset, "indicators_2018.csv", "indicators_2019.csv", "cities.csv");
        return (string)body["version"]!;
    }

    [Fact]
    public async Task StrongETag_AndIfNoneMatch_Give304_AndTheVersionIsNamed()
    {
        var version = await SeedAsync();
        var first = await host.Http.GetAsync($"api/datasets/{Dataset}/scores?year=2019");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var etag = first.Headers.ETag!;
        Assert.False(etag.IsWeak);
        Assert.Equal(version, first.Headers.GetValues("X-Result-Version").Single());
        Assert.Contains("max-age", first.Headers.CacheControl!.ToString());

        using var conditional = new HttpRequestMessage(HttpMethod.Get, $"api/datasets/{Dataset}/scores?year=2019");
        conditional.Headers.IfNoneMatch.Add(etag);
        var second = await host.Http.SendAsync(conditional);
        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Equal(etag, second.Headers.ETag);

        using var stale = new HttpRequestMessage(HttpMethod.Get, $"api/datasets/{Dataset}/scores?year=2019");
        stale.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"not-the-current-one\""));
        Assert.Equal(HttpStatusCode.OK, (await host.Http.SendAsync(stale)).StatusCode);
    }

    [Fact]
    public async Task PinnedVersion_IsImmutableForCaches()
    {
        var version = await SeedAsync();
        var pinned = await host.Http.GetAsync($"api/datasets/{Dataset}/weights?version={version}");
        Assert.Equal(HttpStatusCode.OK, pinned.StatusCode);
        Assert.Contains("immutable", pinned.Headers.CacheControl!.ToString());
    }

    [Fact]
    public async Task Csv_HasABom_AHeader_AndOneLinePerCity()
    {
        await SeedAsync();
        var response = await host.Http.GetAsync($"api/datasets/{Dataset}/scores?year=2019&format=csv");
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(31, lines.Length);
        var header = lines[0].Split(',');
        Assert.Contains("cityId", header);
        Assert.Contains("dimensions.economic.index", header);
        Assert.Contains("ccdPairClassicD", header);
        var json = await host.GetJsonAsync($"api/datasets/{Dataset}/scores?year=2019");
        var composite = Array.IndexOf(header, "composite");
        Assert.Equal((double)json["items"]![0]!["composite"]!, double.Parse(lines[1].Split(',')[composite], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Parquet_HoldsTheSameTable()
    {
        await SeedAsync();
        var response = await host.Http.GetAsync($"api/datasets/{Dataset}/scores?year=2019&format=parquet");
        Assert.Equal("application/vnd.apache.parquet", response.Content.Headers.ContentType!.MediaType);
        await using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        await using var reader = await Parquet.ParquetReader.CreateAsync(stream);
        using var group = reader.OpenRowGroupReader(0);
        Assert.Equal(30, group.RowCount);
        var fields = reader.Schema.DataFields.ToDictionary(f => f.Name);
        var cities = new string?[30];
        var composite = new double?[30];
        await group.ReadAsync(fields["cityId"], cities.AsMemory());
        await group.ReadAsync<double>(fields["composite"], composite.AsMemory());
        var json = (await host.GetJsonAsync($"api/datasets/{Dataset}/scores?year=2019"))["items"]!.AsArray();
        Assert.Equal(json.Select(i => (string)i!["cityId"]!), cities);
        Assert.Equal(json.Select(i => (double?)(double)i!["composite"]!), composite);
        Assert.Contains("dimensions.economic.index", fields.Keys);
    }

    [Fact]
    public async Task Paging_IsStable_AndCoversEveryCityOnce()
    {
        await SeedAsync();
        var all = await host.GetJsonAsync($"api/datasets/{Dataset}/scores?year=2019");
        Assert.Equal(30, (int)all["total"]!);
        var paged = new List<string>();
        for (var offset = 0; offset < 30; offset += 7)
        {
            var page = await host.GetJsonAsync($"api/datasets/{Dataset}/scores?year=2019&limit=7&offset={offset}");
            Assert.Equal(7, (int)page["limit"]!);
            paged.AddRange(page["items"]!.AsArray().Select(i => (string)i!["cityId"]!));
        }
        Assert.Equal(all["items"]!.AsArray().Select(i => (string)i!["cityId"]!), paged);
    }

    [Fact]
    public async Task Filters_ByRegionDimensionAndCity()
    {
        await SeedAsync();
        var east = await host.GetJsonAsync($"api/datasets/{Dataset}/scores?year=2019&region=east");
        Assert.Equal(8, (int)east["total"]!);
        Assert.All(east["items"]!.AsArray(), i => Assert.Equal("east", (string)i!["region"]!));

        var economic = await host.GetJsonAsync($"api/datasets/{Dataset}/scores?year=2019&dimension=economic");
        Assert.All(economic["items"]!.AsArray(), i => Assert.Equal(["economic"], i!["dimensions"]!.AsObject().Select(d => d.Key)));

        var city = await host.GetJsonAsync($"api/datasets/{Dataset}/scores?city=anshan");
        Assert.Equal([2018, 2019], city["items"]!.AsArray().Select(i => (int)i!["year"]!));

        var ranked = await host.GetJsonAsync($"api/datasets/{Dataset}/rankings?year=2019");
        var composites = ranked["items"]!.AsArray().Select(i => (double)i!["composite"]!).ToList();
        Assert.Equal(composites.OrderByDescending(c => c), composites);
        Assert.Equal(Enumerable.Range(1, 30), ranked["items"]!.AsArray().Select(i => (int)i!["rank"]!));
    }

    [Theory]
    [InlineData("coupling", "ccdPair")]
    [InlineData("obstacles", "obstaclesTop")]
    public async Task YearViews_ServeTheirPartOfEachCity(string resource, string property)
    {
        await SeedAsync();
        var body = await host.GetJsonAsync($"api/datasets/{Dataset}/{resource}?year=2019");
        Assert.Equal(30, body["items"]!.AsArray().Count);
        Assert.All(body["items"]!.AsArray(), i => Assert.NotNull(i![property]));
    }

    [Theory]
    [InlineData("regions", "regions")]
    [InlineData("gaps", "theil")]
    public async Task YearlyViews_ServeEveryYear(string resource, string property)
    {
        await SeedAsync();
        var body = await host.GetJsonAsync($"api/datasets/{Dataset}/{resource}");
        Assert.Equal([2018, 2019], body["items"]!.AsArray().Select(i => (int)i!["year"]!));
        Assert.All(body["items"]!.AsArray(), i => Assert.NotNull(i![property]));
    }

    [Theory]
    [InlineData(LocalHostFixture.AllowedOrigin, true)]
    [InlineData("https://elsewhere.example", false)]
    public async Task Cors_AllowsOnlyConfiguredOrigins(string origin, bool allowed)
    {
        await SeedAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/datasets/{Dataset}/years");
        request.Headers.Add("Origin", origin);
        var response = await host.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(allowed, response.Headers.TryGetValues("Access-Control-Allow-Origin", out var values) && values.Single() == origin);

        using var preflight = new HttpRequestMessage(HttpMethod.Options, $"api/datasets/{Dataset}/years");
        preflight.Headers.Add("Origin", origin);
        preflight.Headers.Add("Access-Control-Request-Method", "GET");
        preflight.Headers.Add("Access-Control-Request-Headers", "if-none-match");
        var answer = await host.Http.SendAsync(preflight);
        Assert.Equal(allowed, answer.Headers.Contains("Access-Control-Allow-Origin"));
    }
}
