using System.Diagnostics;

namespace Resilience.Benchmarks;

/// <summary>Elapsed time and allocated bytes of one call, after a full collection.</summary>
internal static class Measure
{
    public static (TimeSpan Elapsed, T Result) Time<T>(Func<T> action)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var clock = Stopwatch.StartNew();
        var result = action();
        return (clock.Elapsed, result);
    }

    public static long Allocated<T>(Func<T> action)
    {
        var before = GC.GetTotalAllocatedBytes(precise: true);
        GC.KeepAlive(action());
        return GC.GetTotalAllocatedBytes(precise: true) - before;
    }
}

/// <summary>Pins the process to its first allowed core while alive (Linux and Windows; elsewhere a no-op), then restores the affinity.</summary>
internal sealed class OneCore : IDisposable
{
    private readonly nint? _previous;

    private OneCore(nint? previous) => _previous = previous;

    public static OneCore Pin()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsWindows()) return new OneCore(null);
        var process = Process.GetCurrentProcess();
        var previous = process.ProcessorAffinity;
        process.ProcessorAffinity = previous & -previous; // lowest set bit
        return new OneCore(previous);
    }

    public void Dispose()
    {
        if (_previous is { } previous && (OperatingSystem.IsLinux() || OperatingSystem.IsWindows()))
            Process.GetCurrentProcess().ProcessorAffinity = previous;
    }
}
