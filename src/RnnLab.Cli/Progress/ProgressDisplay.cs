using System.Globalization;
using RnnLab.Training;

namespace RnnLab.Cli.Progress;

/// <summary>
/// Shows training progress: a live bar (step, loss, accuracy, steps/s, ETA) redrawn in place on a
/// terminal, or one plain line per evaluation when output is redirected or --quiet is given.
/// </summary>
public sealed class ProgressDisplay(string label, bool live)
{
    private double? _accuracy;
    private double? _evalLoss;
    private DateTime _lastDraw = DateTime.MinValue;

    /// <summary>Whether to draw a live bar: only on a terminal and when not quiet.</summary>
    public static bool LiveFor(bool quiet) => !quiet && !Console.IsOutputRedirected;

    /// <summary>Handles one report.</summary>
    public void Report(TrainingProgress p)
    {
        if (p.EvalLoss is { } e) _evalLoss = e;
        if (p.Accuracy is { } a) _accuracy = a;
        if (live)
        {
            var now = DateTime.UtcNow;
            if ((now - _lastDraw).TotalMilliseconds < 100 && p.Step != p.TotalSteps) return;
            _lastDraw = now;
            Console.Write("\r" + Bar(p) + "\u001b[K");
            if (p.Step == p.TotalSteps) Console.WriteLine();
        }
        else if (p.EvalLoss is not null)
        {
            Console.WriteLine(Line(p));
        }
    }

    /// <summary>Ends a live bar's line.</summary>
    public void Finish()
    {
        if (live) Console.WriteLine();
    }

    private string Line(TrainingProgress p) => string.Create(CultureInfo.InvariantCulture,
        $"{label} step {p.Step}/{p.TotalSteps}  loss {p.Loss:G4}  eval loss {_evalLoss:G4}  accuracy {_accuracy:P1}  {p.StepsPerSecond:F1} steps/s");

    private string Bar(TrainingProgress p)
    {
        const int width = 24;
        var filled = (int)Math.Round(width * (double)p.Step / p.TotalSteps);
        var eta = p.StepsPerSecond > 0 ? TimeSpan.FromSeconds((p.TotalSteps - p.Step) / p.StepsPerSecond) : TimeSpan.Zero;
        var accuracy = _accuracy is { } a ? a.ToString("P1", CultureInfo.InvariantCulture) : "-";
        return string.Create(CultureInfo.InvariantCulture,
            $"{label} [{new string('#', filled)}{new string('.', width - filled)}] {p.Step}/{p.TotalSteps}  loss {p.Loss:G4}  acc {accuracy}  {p.StepsPerSecond:F1} steps/s  ETA {eta:hh\\:mm\\:ss}");
    }
}
