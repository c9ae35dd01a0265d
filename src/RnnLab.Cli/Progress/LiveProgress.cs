using System.Globalization;
using RnnLab.Training;
using Spectre.Console;

namespace RnnLab.Cli.Progress;

/// <summary>
/// One live bar per network (step, loss, accuracy, steps/s, ETA) on a terminal, drawn with Spectre.Console,
/// for however many networks train at once, and a summary table when they are done. The board refreshes
/// only when a report arrives, on the reporting thread: an automatic refresh would run a thread of its own
/// that allocates while the trainer is inside TorchSharp calls (TorchSharp 0.107's Scalar race: docs/engine.md). Lines other than progress are kept and
/// printed below the table.
/// </summary>
public sealed class LiveProgress
{
    private readonly object _gate = new();
    private readonly Dictionary<string, ProgressTask> _tasks = new();
    private readonly Dictionary<string, (TrainingProgress last, double? eval, double? accuracy)> _state = new();
    private readonly List<string> _messages = [];
    private ProgressContext? _context;
    private DateTime _lastRefresh = DateTime.MinValue;

    /// <summary>Whether output goes to a terminal that can redraw (and --quiet was not given).</summary>
    public static bool Available(bool quiet) => !quiet && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    /// <summary>Draws bars for the labels while body runs, then the summary table; returns what body returns.</summary>
    public static int Show(IReadOnlyList<string> labels, Func<LiveProgress, int> body)
    {
        var board = new LiveProgress();
        var code = 0;
        AnsiConsole.Progress()
            .AutoRefresh(false)
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                board._context = context;
                foreach (var label in labels) board._tasks[label] = context.AddTask(Markup.Escape($"{label}  waiting"), autoStart: false, maxValue: 1);
                context.Refresh();
                code = body(board);
                context.Refresh();
            });
        board.Summary();
        foreach (var message in board._messages) Console.WriteLine(message);
        return code;
    }

    /// <summary>Updates a network's bar.</summary>
    public void Report(string label, TrainingProgress p)
    {
        lock (_gate)
        {
            var (_, eval, accuracy) = _state.GetValueOrDefault(label);
            _state[label] = (p, p.EvalLoss ?? eval, p.Accuracy ?? accuracy);
            var task = _tasks[label];
            if (!task.IsStarted) task.StartTask();
            task.MaxValue = p.TotalSteps;
            task.Value = p.Step;
            task.Description = Markup.Escape(Describe(label, _state[label]));
            var now = DateTime.UtcNow;
            if ((now - _lastRefresh).TotalMilliseconds < 100 && p.Step != p.TotalSteps) return;
            _lastRefresh = now;
            _context?.Refresh();
        }
    }

    /// <summary>Keeps a line to print when the bars are done.</summary>
    public void Message(string line)
    {
        lock (_gate) _messages.Add(line);
    }

    private static string Describe(string label, (TrainingProgress last, double? eval, double? accuracy) s) => string.Create(CultureInfo.InvariantCulture,
        $"{label}  step {s.last.Step}/{s.last.TotalSteps}  loss {s.last.Loss:G4}  acc {(s.accuracy is { } a ? a.ToString("P1", CultureInfo.InvariantCulture) : "-")}  {s.last.StepsPerSecond:F1} steps/s");

    private void Summary()
    {
        var table = new Table().AddColumns("network", "step", "loss", "eval loss", "accuracy", "steps/s");
        foreach (var (label, task) in _tasks)
        {
            if (!_state.TryGetValue(label, out var s))
            {
                table.AddRow(Markup.Escape(label), "not started", "-", "-", "-", "-");
                continue;
            }
            string F(double? v, string format) => v is { } x ? x.ToString(format, CultureInfo.InvariantCulture) : "-";
            table.AddRow(Markup.Escape(label), $"{s.last.Step}/{s.last.TotalSteps}", F(s.last.Loss, "G4"), F(s.eval, "G4"), F(s.accuracy, "P1"), F(s.last.StepsPerSecond, "F1"));
        }
        AnsiConsole.Write(table);
    }
}
