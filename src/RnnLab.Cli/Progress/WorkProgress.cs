using Spectre.Console;

namespace RnnLab.Cli.Progress;

/// <summary>
/// One live bar per network for the long analyses (`analyze`: its conditions searched; `compare`: the
/// networks compared), drawn with Spectre.Console on a terminal. As for training's bars
/// (<see cref="LiveProgress"/>), the board redraws only on the working thread, when work is reported:
/// an automatic refresh would allocate on a thread of its own while TorchSharp calls run. Lines the work
/// prints (a table of results) are kept and printed below the bars when they are done.
/// </summary>
public sealed class WorkProgress
{
    private readonly Dictionary<string, ProgressTask> _tasks = new();
    private readonly List<string> _messages = [];
    private ProgressContext? _context;

    /// <summary>Draws a bar for each (label, steps of work) while body runs, then the kept lines; returns what body returns.</summary>
    public static int Show(IReadOnlyList<(string Label, int Total)> items, Func<WorkProgress, int> body)
    {
        var board = new WorkProgress();
        var code = 0;
        AnsiConsole.Progress()
            .AutoRefresh(false)
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                board._context = context;
                foreach (var (label, total) in items)
                    board._tasks[label] = context.AddTask(Markup.Escape($"{label}  waiting"), autoStart: false, maxValue: Math.Max(1, total));
                context.Refresh();
                code = body(board);
                context.Refresh();
            });
        foreach (var message in board._messages) Console.WriteLine(message);
        return code;
    }

    /// <summary>One more step of a network's work is done; note says which (a condition, a time).</summary>
    public void Advance(string label, string note)
    {
        var task = _tasks[label];
        if (!task.IsStarted) task.StartTask();
        task.Increment(1);
        task.Description = Markup.Escape($"{label}  {note}");
        if (task.Value >= task.MaxValue) task.StopTask();
        _context?.Refresh();
    }

    /// <summary>Marks a network's work as started, so its elapsed time counts from now.</summary>
    public void Begin(string label, string note)
    {
        var task = _tasks[label];
        if (!task.IsStarted) task.StartTask();
        task.Description = Markup.Escape($"{label}  {note}");
        _context?.Refresh();
    }

    /// <summary>A network's work is all done.</summary>
    public void Finish(string label, string note)
    {
        var task = _tasks[label];
        if (!task.IsStarted) task.StartTask();
        task.Value = task.MaxValue;
        task.Description = Markup.Escape($"{label}  {note}");
        task.StopTask();
        _context?.Refresh();
    }

    /// <summary>Keeps a line to print when the bars are done.</summary>
    public void Message(string line) => _messages.Add(line);
}
