using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.Azure.Functions.Worker;

namespace ResilienceFunctions.LocalHost;

/// <summary>Keys for Function and Admin authorization levels, from configuration (never from the repository).</summary>
public sealed class KeyOptions
{
    /// <summary>Accepted for Function level.</summary>
    public List<string> FunctionKeys { get; set; } = [];

    /// <summary>Accepted for Function and Admin levels.</summary>
    public string? MasterKey { get; set; }
}

/// <summary>Maps every HTTP function to an ASP.NET Core endpoint with the same route, methods and authorization level.</summary>
public static class HttpRoutes
{
    public static void Map(WebApplication app, IReadOnlyList<FunctionDescriptor> functions, string routePrefix)
    {
        foreach (var function in functions.Where(f => f.Kind == TriggerKind.Http))
        {
            var route = "/" + string.Join('/', new[] { routePrefix.Trim('/'), (function.Http.Route ?? function.Name).Trim('/') }.Where(s => s.Length > 0));
            var methods = (function.Http.Methods ?? ["get"]).Select(m => m.ToUpperInvariant()).ToArray();
            app.MapMethods(route, methods, context => HandleAsync(context, function)).WithName(function.Name);
        }
    }

    private static async Task HandleAsync(HttpContext context, FunctionDescriptor function)
    {
        var keys = context.RequestServices.GetRequiredService<KeyOptions>();
        if (!IsAuthorized(context.Request, function.Http.AuthLevel, keys))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }
        var bindingData = context.Request.RouteValues.ToDictionary(v => v.Key, v => Convert.ToString(v.Value, System.Globalization.CultureInfo.InvariantCulture) ?? "");
        var invoker = context.RequestServices.GetRequiredService<FunctionInvoker>();
        var result = await invoker.InvokeAsync(function, context.Request, bindingData, context.RequestAborted);
        switch (result)
        {
            case IActionResult action:
                await action.ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor()));
                break;
            case IResult minimal:
                await minimal.ExecuteAsync(context);
                break;
            default:
                context.Response.StatusCode = StatusCodes.Status204NoContent;
                break;
        }
    }

    public static bool IsAuthorized(HttpRequest request, AuthorizationLevel level, KeyOptions keys)
    {
        if (level == AuthorizationLevel.Anonymous) return true;
        var supplied = request.Headers["x-functions-key"].FirstOrDefault() ?? request.Query["code"].FirstOrDefault();
        if (string.IsNullOrEmpty(supplied)) return false;
        var accepted = level == AuthorizationLevel.Admin ? [keys.MasterKey] : keys.FunctionKeys.Append(keys.MasterKey);
        return accepted.Any(k => !string.IsNullOrEmpty(k) && FixedTimeEquals(k, supplied));
    }

    private static bool FixedTimeEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));
}
