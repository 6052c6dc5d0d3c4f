namespace Resilience.Benchmarks;

/// <summary>Lines printed to stderr as they come and again, together, on stdout at the end.</summary>
internal sealed class Report
{
    private readonly List<string> _lines = [];

    public void Line(string line)
    {
        _lines.Add(line);
        Console.Error.WriteLine(line);
    }

    public void Print()
    {
        Console.WriteLine();
        Console.WriteLine("== Resilience benchmark ==");
        foreach (var line in _lines) Console.WriteLine(line);
    }
}

/// <summary>Monte Carlo progress on stderr in steps of 10 %.</summary>
internal sealed class ConsoleProgress(string label) : IProgress<double>
{
    private int _shown = -1;

    public void Report(double value)
    {
        var percent = (int)(value * 100) / 10 * 10;
        if (Interlocked.Exchange(ref _shown, percent) != percent) Console.Error.Write($"\r{label} {percent,3} %{(percent == 100 ? "\n" : "")}");
    }
}
