using System.Diagnostics;

namespace Resilience.Benchmarks;

/// <summary>A program run to completion: wall time, exit code, stdout, stderr, and the timing lines it printed.</summary>
internal sealed record ExternalRun(TimeSpan Elapsed, int ExitCode, string Output, string Error)
{
    /// <summary>The run's own phase lines ("read ... (123 ms)"), joined.</summary>
    public string Phases => string.Join("; ", Error.Split('\n').Select(l => l.Trim()).Where(l => l.EndsWith("ms)", StringComparison.Ordinal)));

    public static ExternalRun Start(string program, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {program}");
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        process.WaitForExit();
        var elapsed = clock.Elapsed;
        return new ExternalRun(elapsed, process.ExitCode, output.Result, error.Result);
    }
}
