using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Resilience.Storage;

namespace ResilienceFunctions.Functions;

/// <summary>The three ways a recomputation starts: after ingestion (queue), once a year (timer), on request (HTTP).</summary>
public sealed class Recompute(ScoringService scoring, ApiResponder responder)
{
    public const string AnnualSchedule = "0 0 3 1 1 *";

    [Function(nameof(RecomputeOnRequest))]
    public Task RecomputeOnRequest(
        [QueueTrigger(StorageOptions.RecomputeQueueName, Connection = StorageOptions.ConnectionSetting)] string message,
        CancellationToken cancellationToken) =>
        scoring.HandleRequestAsync(RecomputeRequests.Parse(message).Dataset, cancellationToken);

    [Function(nameof(AnnualRecompute))]
    public Task AnnualRecompute([TimerTrigger(AnnualSchedule)] TimerInfo timer, CancellationToken cancellationToken) =>
        scoring.RecomputeAllAsync(cancellationToken);

    [Function(nameof(RecomputeDataset))]
    public async Task<IActionResult> RecomputeDataset(
        [HttpTrigger(ApiAuthorization.Write, "post", Route = "datasets/{dataset}/recompute")] HttpRequest request,
        string dataset,
        CancellationToken cancellationToken)
    {
        var outcome = await scoring.RecomputeAsync(dataset, cancellationToken);
        var status = outcome.Status switch
        {
            RecomputeStatus.Completed => 200,
            RecomputeStatus.NotFound => 404,
            RecomputeStatus.Busy or RecomputeStatus.NoData => 409,
            _ => 422,
        };
        return await responder.RespondAsync(request, status == 200
            ? new ApiResponse(200, outcome, outcome.Version)
            : ApiResponse.Problem(status, outcome.Status.ToString(), outcome.Message ?? outcome.Status.ToString()));
    }
}
