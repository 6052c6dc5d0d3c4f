using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace ResilienceFunctions.LocalHost;

/// <summary>Creates the function class from DI and calls the method, binding parameters the way the worker would.</summary>
public sealed class FunctionInvoker(IServiceProvider services, ILogger<FunctionInvoker> logger)
{
    public async Task<object?> InvokeAsync(
        FunctionDescriptor function, object triggerValue, IReadOnlyDictionary<string, string> bindingData, CancellationToken ct)
    {
        using var scope = services.CreateScope();
        var instance = function.Method.IsStatic ? null : ActivatorUtilities.CreateInstance(scope.ServiceProvider, function.Class);
        var arguments = function.Method.GetParameters().Select(p => Bind(function, p, triggerValue, bindingData, ct)).ToArray();
        using var logScope = logger.BeginScope(new Dictionary<string, object> { ["function"] = function.Name });
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var returned = function.Method.Invoke(instance, arguments);
        object? result = null;
        if (returned is Task task)
        {
            await task;
            result = task.GetType().IsGenericType ? task.GetType().GetProperty("Result")!.GetValue(task) : null;
        }
        else result = returned;
        logger.LogDebug("Executed {Function} in {Ms:F0} ms", function.Name, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return result;
    }

    /// <summary>Fails at start-up, not at the first event, if a function takes a parameter the local host cannot bind.</summary>
    public static void Validate(FunctionDescriptor function)
    {
        foreach (var p in function.Method.GetParameters())
        {
            if (p == function.TriggerParameter || p.ParameterType == typeof(CancellationToken)) continue;
            if (p.ParameterType == typeof(FunctionContext))
                throw new InvalidOperationException($"{function.Name}: the local host cannot supply FunctionContext; use DI loggers instead.");
            if (p.ParameterType != typeof(string) && p.ParameterType != typeof(int))
                throw new InvalidOperationException($"{function.Name}: parameter '{p.Name}' of type {p.ParameterType.Name} cannot be bound locally.");
        }
    }

    private static object? Bind(FunctionDescriptor function, System.Reflection.ParameterInfo p, object triggerValue,
        IReadOnlyDictionary<string, string> bindingData, CancellationToken ct)
    {
        if (p == function.TriggerParameter) return triggerValue;
        if (p.ParameterType == typeof(CancellationToken)) return ct;
        bindingData.TryGetValue(p.Name!, out var text);
        if (p.ParameterType == typeof(int))
            return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number : 0;
        return text;
    }
}
