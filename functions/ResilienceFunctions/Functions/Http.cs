using Microsoft.AspNetCore.Mvc;
using Resilience.Storage;

namespace ResilienceFunctions.Functions;

/// <summary>One place that turns an <see cref="ApiResponse"/> into an HTTP result (camelCase JSON, problem+json on errors).</summary>
internal static class Http
{
    public static IActionResult Json(ApiResponse response) => new JsonResult(response.Body, JsonDefaults.Web)
    {
        StatusCode = response.Status,
        ContentType = response.Body is ProblemBody ? "application/problem+json; charset=utf-8" : "application/json; charset=utf-8",
    };

    public static string? Query(Microsoft.AspNetCore.Http.HttpRequest request, string name) =>
        request.Query.TryGetValue(name, out var values) ? values.ToString() : null;
}
