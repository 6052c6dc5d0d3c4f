using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Resilience.Storage;

namespace ResilienceFunctions.Functions;

/// <summary>Read endpoints for dashboards: each binds the route, asks <see cref="ResultsQueries"/>, and responds.</summary>
public sealed class ReadApi(ResultsQueries queries, ApiResponder responder)
{
    private const string Dataset = "datasets/{dataset}";

    [Function(nameof(ListDatasets))]
    public async Task<IActionResult> ListDatasets(
        [HttpTrigger(ApiAuthorization.Read, "get", Route = "datasets")] HttpRequest request, CancellationToken ct) =>
        await responder.RespondAsync(request, await queries.ListDatasetsAsync(ct));

    [Function(nameof(GetDataset))]
    public async Task<IActionResult> GetDataset(
        [HttpTrigger(ApiAuthorization.Read, "get", Route = Dataset)] HttpRequest request, string dataset, CancellationToken ct) =>
        await responder.RespondAsync(request, await queries.DatasetAsync(dataset, ApiResponder.Parameters(request), ct));

    [Function(nameof(GetCatalog))]
    public async Task<IActionResult> GetCatalog(
        [HttpTrigger(ApiAuthorization.Read, "get", Route = Dataset + "/catalog")] HttpRequest request, string dataset, CancellationToken ct) =>
        await responder.RespondAsync(request, await queries.CatalogAsync(dataset, ApiResponder.Parameters(request), ct));

    [Function(nameof(GetCities))]
    public async Task<IActionResult> GetCities(
        [HttpTrigger(ApiAuthorization.Read, "get", Route = Dataset + "/cities")] HttpRequest request, string dataset, CancellationToken ct) =>
        await responder.RespondAsync(request, await queries.CitiesAsync(dataset, ApiResponder.Parameters(request), ct));

    [Function(nameof(GetYears))]
    public async Task<IActionResult> GetYears(
        [HttpTrigger(ApiAuthorization.Read, "get", Route = Dataset + "/years")] HttpRequest request, string dataset, CancellationToken ct) =>
        await responder.RespondAsync(request, await queries.YearsAsync(dataset, ApiResponder.Parameters(request), ct));

    [Function(nameof(GetIngestions))]
    public async Task<IActionResult> GetIngestions(
        [HttpTrigger(ApiAuthorization.Read, "get", Route = Dataset + "/ingestions")] HttpRequest request, string dataset, CancellationToken ct) =>
        await responder.RespondAsync(request, await queries.IngestionsAsync(dataset, ApiResponder.Parameters(request), ct));

    [Function(nameof(GetIngestionReport))]
    public async Task<IActionResult> GetIngestionReport(
        [HttpTrigger(ApiAuthorization.Read, "get", Route = Dataset + "/ingestions/{fileKey}/report")] HttpRequest request,
        string dataset, string fileKey, CancellationToken ct) =>
        await responder.RespondAsync(request, await queries.ReportAsync(dataset, fileKey, ct));

    [Function(nameof(GetWeights))]
    public async Task<IActionResult> GetWeights(
        [HttpTrigger(ApiAuthorization.Read, "get", Route = Dataset + "/weights")] HttpRequest request, string dataset, CancellationToken ct) =>
        await responder.RespondAsync(request, await queries.WeightsAsync(dataset, ApiResponder.Parameters(request), ct));

    [Function(nameof(GetScores))]
    public async Task<IActionResult> GetScores(
        [HttpTrigger(ApiAuthorization.Read, "get", Route = Dataset + "/scores")] HttpRequest request, string dataset, CancellationToken ct) =>
        await responder.RespondAsync(request, await queries.ScoresAsync(dataset, ApiResponder.Parameters(request), ct));

    [Function(nameof(GetRankings))]
    public async Task<IActionResult> GetRankings(
        [HttpTrigger(ApiAuthorization.Read, "get", Route = Dataset + "/rankings")] HttpRequest request, string dataset, CancellationToken ct) =>
        await responder.RespondAsync(request, await queries.RankingsAsync(dataset, ApiResponder.Parameters(request), ct));

    [Function(nameof(GetCityScores))]
    public async Task<IActionResult> GetCityScores(
        [HttpTrigger(ApiAuthorization.Read, "get", Route = Dataset + "/cities/{city}/scores")] HttpRequest request,
        string dataset, string city, CancellationToken ct) =>
        await responder.RespondAsync(request, await queries.CityAsync(dataset, city, ApiResponder.Parameters(request), ct));

    [Function(nameof(GetCoupling))]
    public async Task<IActionResult> GetCoupling(
        [HttpTrigger(ApiAuthorization.Read, "get", Route = Dataset + "/coupling")] HttpRequest request, string dataset, CancellationToken ct) =>
        await responder.RespondAsync(request, await queries.CouplingAsync(dataset, ApiResponder.Parameters(request), ct));

    [Function(nameof(GetObstacles))]
    public async Task<IActionResult> GetObstacles(
        [HttpTrigger(ApiAuthorization.Read, "get", Route = Dataset + "/obstacles")] HttpRequest request, string dataset, CancellationToken ct) =>
        await responder.RespondAsync(request, await queries.ObstaclesAsync(dataset, ApiResponder.Parameters(request), ct));

    [Function(nameof(GetStatistics))]
    public async Task<IActionResult> GetStatistics(
        [HttpTrigger(ApiAuthorization.Read, "get", Route = Dataset + "/statistics")] HttpRequest request, string dataset, CancellationToken ct) =>
        await responder.RespondAsync(request, await queries.StatisticsAsync(dataset, ApiResponder.Parameters(request), ct));

    [Function(nameof(GetRegions))]
    public async Task<IActionResult> GetRegions(
        [HttpTrigger(ApiAuthorization.Read, "get", Route = Dataset + "/regions")] HttpRequest request, string dataset, CancellationToken ct) =>
        await responder.RespondAsync(request, await queries.RegionsAsync(dataset, ApiResponder.Parameters(request), ct));

    [Function(nameof(GetGaps))]
    public async Task<IActionResult> GetGaps(
        [HttpTrigger(ApiAuthorization.Read, "get", Route = Dataset + "/gaps")] HttpRequest request, string dataset, CancellationToken ct) =>
        await responder.RespondAsync(request, await queries.GapsAsync(dataset, ApiResponder.Parameters(request), ct));

    [Function(nameof(GetCarbon))]
    public async Task<IActionResult> GetCarbon(
        [HttpTrigger(ApiAuthorization.Read, "get", Route = Dataset + "/carbon")] HttpRequest request, string dataset, CancellationToken ct) =>
        await responder.RespondAsync(request, await queries.CarbonAsync(dataset, ApiResponder.Parameters(request), ct));

    [Function(nameof(GetCarbonPeriods))]
    public async Task<IActionResult> GetCarbonPeriods(
        [HttpTrigger(ApiAuthorization.Read, "get", Route = Dataset + "/carbon/periods")] HttpRequest request, string dataset, CancellationToken ct) =>
        await responder.RespondAsync(request, await queries.CarbonPeriodsAsync(dataset, ApiResponder.Parameters(request), ct));

    [Function(nameof(GetSensitivity))]
    public async Task<IActionResult> GetSensitivity(
        [HttpTrigger(ApiAuthorization.Read, "get", Route = Dataset + "/sensitivity")] HttpRequest request, string dataset, CancellationToken ct) =>
        await responder.RespondAsync(request, await queries.SensitivityAsync(dataset, ApiResponder.Parameters(request), ct));
}
