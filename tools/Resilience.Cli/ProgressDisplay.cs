namespace Resilience.Cli;

/// <summary>
/// Progress of a long step on stderr: on a terminal one line rewritten in place ("Monte Carlo  37 %"); redirected,
/// a line every 10 %. Safe to report from several threads.
/// </summary>
internal sealed class ProgressDisplay(TextWriter error, string label, bool interactive) : IProgress<double>
{
    private readonly object _lock = new();
    private int _shown;

    public void Report(double value)
    {
        var percent = (int)Math.Floor(Math.Clamp(value, 0, 1) * 100);
        lock (_lock)
        {
            var step = interactive ? percent : percent / 10 * 10;
            if (step <= _shown) return;
            _shown = step;
            if (interactive) error.Write($"\r{label} {step,3} %{(step == 100 ? Environment.NewLine : "")}");
            else error.WriteLine($"{label} {step} %");
            error.Flush();
        }
    }
}
