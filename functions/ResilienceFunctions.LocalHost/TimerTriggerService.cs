using Microsoft.Azure.Functions.Worker;
using NCrontab;

namespace ResilienceFunctions.LocalHost;

/// <summary>Runs the app's timer functions on their NCRONTAB schedules (6 fields, UTC), as the Functions host does.</summary>
public sealed class TimerTriggerService(
    IReadOnlyList<FunctionDescriptor> functions, FunctionInvoker invoker, IConfiguration configuration, ILogger<TimerTriggerService> logger)
    : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(functions.Where(f => f.Kind == TriggerKind.Timer).Select(f => RunAsync(f, stoppingToken)));

    public static CrontabSchedule Parse(string expression) =>
        CrontabSchedule.Parse(expression, new CrontabSchedule.ParseOptions { IncludingSeconds = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length == 6 });

    private async Task RunAsync(FunctionDescriptor function, CancellationToken ct)
    {
        var expression = ResolveSchedule(function.Timer.Schedule, configuration);
        var schedule = Parse(expression);
        if (function.Timer.RunOnStartup) await InvokeAsync(function, ct);
        while (!ct.IsCancellationRequested)
        {
            var next = schedule.GetNextOccurrence(DateTime.UtcNow);
            logger.LogInformation("Timer {Function} ({Schedule}) next runs at {Next:u}", function.Name, expression, next);
            // Task.Delay takes at most ~24 days: wait in steps.
            while (DateTime.UtcNow < next)
            {
                var wait = next - DateTime.UtcNow;
                try { await Task.Delay(wait > TimeSpan.FromDays(1) ? TimeSpan.FromDays(1) : wait, ct); }
                catch (OperationCanceledException) { return; }
            }
            await InvokeAsync(function, ct);
        }
    }

    /// <summary>A schedule written as <c>%Setting%</c> comes from configuration, as in the Functions host.</summary>
    public static string ResolveSchedule(string schedule, IConfiguration configuration)
    {
        if (!(schedule.Length > 2 && schedule.StartsWith('%') && schedule.EndsWith('%'))) return schedule;
        var setting = schedule[1..^1];
        return configuration[setting] ?? throw new InvalidOperationException($"The timer schedule setting '{setting}' is not configured.");
    }

    private async Task InvokeAsync(FunctionDescriptor function, CancellationToken ct)
    {
        try
        {
            await invoker.InvokeAsync(function, new TimerInfo(), new Dictionary<string, string>(), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Timer function {Function} failed", function.Name);
        }
    }
}
