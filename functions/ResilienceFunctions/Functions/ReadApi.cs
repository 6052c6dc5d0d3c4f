using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Resilience.Storage;

namespace ResilienceFunctions.Functions;

/// <summary>Read endpoints for dashboards. Each binds the route, calls <see cref="ResultsQueries"/>, returns JSON.</summary>
public sealed class ReadApi(ResultsQueries queries)
{
    [Function(nameof(ListDatasets))]
    public async Task<IActionResult> ListDatasets(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "datasets")] HttpRequest request, CancellationToken ct) =>
        Http.Json(await queries.ListDatasetsAsync(ct));

    [Function(nameof(GetDataset))]
    public async Task<IActionResult> GetDataset(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "datasets/{dataset}")] HttpRequest request, string dataset, CancellationToken ct) =>
        Http.Json(await queries.DatasetAsync(dataset, Http.Query(request, "version"), ct));

    [Function(nameof(GetCatalog))]
    public async Task<IActionResult> GetCatalog(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "datasets/{dataset}/catalog")] HttpRequest request, string dataset, CancellationToken ct) =>
        Http.Json(await queries.CatalogAsync(dataset, Http.Query(request, "version"), ct));

    [Function(nameof(GetCities))]
    public async Task<IActionResult> GetCities(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "datasets/{dataset}/cities")] HttpRequest request, string dataset, CancellationToken ct) =>
        Http.Json(await queries.CitiesAsync(dataset, Http.Query(request, "version"), ct));

    [Function(nameof(GetYears))]
    public async Task<IActionResult> GetYears(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "datasets/{dataset}/years")] HttpRequest request, string dataset, CancellationToken ct) =>
        Http.Json(await queries.YearsAsync(dataset, Http.Query(request, "version"), ct));

    [Function(nameof(GetIngestions))]
    public async Task<IActionResult> GetIngestions(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "datasets/{dataset}/ingestions")] HttpRequest request, string dataset, CancellationToken ct) =>
        Http.Json(await queries.IngestionsAsync(dataset, ct));

    [Function(nameof(GetWeights))]
    public async Task<IActionResult> GetWeights(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "datasets/{dataset}/weights")] HttpRequest request, string dataset, CancellationToken ct) =>
        Http.Json(await queries.WeightsAsync(dataset, Http.Query(request, "version"), ct));

    [Function(nameof(GetScores))]
    public async Task<IActionResult> GetScores(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "datasets/{dataset}/scores")] HttpRequest request, string dataset, CancellationToken ct) =>
        Http.Json(await queries.ScoresAsync(dataset, Http.Query(request, "year"), Http.Query(request, "version"), ct));

    [Function(nameof(GetRankings))]
    public async Task<IActionResult> GetRankings(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "datasets/{dataset}/rankings")] HttpRequest request, string dataset, CancellationToken ct) =>
        Http.Json(await queries.RankingsAsync(dataset, Http.Query(request, "year"), Http.Query(request, "version"), ct));

    [Function(nameof(GetCityScores))]
    public async Task<IActionResult> GetCityScores(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "datasets/{dataset}/cities/{city}/scores")] HttpRequest request,
        string dataset, string city, CancellationToken ct) =>
        Http.Json(await queries.CityAsync(dataset, city, Http.Query(request, "version"), ct));

    [Function(nameof(GetStatistics))]
    public async Task<IActionResult> GetStatistics(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "datasets/{dataset}/statistics")] HttpRequest request, string dataset, CancellationToken ct) =>
        Http.Json(await queries.StatisticsAsync(dataset, Http.Query(request, "year"), Http.Query(request, "version"), ct));
}
