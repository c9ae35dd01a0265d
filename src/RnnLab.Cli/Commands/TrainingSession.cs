using RnnLab.Cli.Progress;
using RnnLab.Cli.Hosting;
using RnnLab.Experiments;
using RnnLab.Training;

namespace RnnLab.Cli.Commands;

/// <summary>
/// Runs the networks of a run (shared by train and resume), with Ctrl+C checkpointing: all together as
/// one ensemble (one <see cref="Trainer"/> of all of them) when ensembleFor supplies one; for a multi-seed
/// run with more than one job, several networks at once, each in a worker process of its own
/// (<see cref="WorkerProcesses"/>); otherwise one after another in this process.
/// </summary>
/// <summary>How a <see cref="TrainingSession"/> runs and reports.</summary>
internal sealed record TrainingSessionOptions
{
    /// <summary>Plain lines instead of live bars.</summary>
    public bool Quiet { get; init; }
    /// <summary>Networks at once in a multi-seed run (default: one per core).</summary>
    public int? Jobs { get; init; }
    /// <summary>Only these networks (default: the run's).</summary>
    public IReadOnlyList<NetworkDirectory>? Networks { get; init; }
    /// <summary>Report each step on the worker channel, for a parent's bars.</summary>
    public bool ProgressLines { get; init; }
    /// <summary>What messages call the run (default: its config's Name).</summary>
    public string? Name { get; init; }
}

internal static class TrainingSession
{
    /// <summary>
    /// Whether a run can train several networks at once: every multi-seed run. Each network computes the
    /// same numbers in a process of its own as alone, so a run resumed with other --jobs still ends where
    /// it would have.
    /// </summary>
    public static bool Concurrent(RunDirectory run) => run.Seeds is not null;

    /// <summary>
    /// Trains the run's networks, each by the trainer trainerFor gives it (null: nothing left to train), or
    /// all of them by the one ensembleFor gives; returns the exit code.
    /// </summary>
    public static int Run(RunDirectory run, Func<NetworkDirectory, Trainer?> trainerFor, Func<Trainer?>? ensembleFor, TrainingSessionOptions options)
    {
        var (quiet, jobs, networks, progressLines, name) = (options.Quiet, options.Jobs, options.Networks, options.ProgressLines, options.Name);
        using var stop = new StopSignals();
        try
        {
            if (ensembleFor?.Invoke() is { } ensemble)
            {
                using (ensemble) return RunEnsemble(run, quiet, ensemble, stop);
            }
            var todo = networks ?? run.Networks;
            var parallel = networks is null && Concurrent(run) ? jobs ?? ChildProcesses.DefaultJobs(todo.Count) : 1;
            var live = !progressLines && LiveProgress.Available(quiet);
            if (parallel > 1)
                return WorkerProcesses.Run([.. todo.Select(n => new TrainNetworkJob { Label = Label(run, n, name), Run = run.Path, Network = n.Index })], parallel, live, stop);
            if (live) return LiveProgress.Show(todo.Select(n => Label(run, n, name)).ToList(), board => OneAfterAnother(run, todo, trainerFor, stop,
                (network, p) => board.Report(Label(run, network, name), p), board.Message, name));
            return OneAfterAnother(run, todo, trainerFor, stop, (network, p) =>
            {
                if (progressLines) Console.WriteLine(WorkerChannel.Format(network.Index, p));
                else if (p.EvalLoss is not null) Console.WriteLine(PlainLine(Label(run, network, name), p));
            }, Console.WriteLine, name);
        }
        catch (TrainingDivergedException e)
        {
            Console.Error.WriteLine($"rnnlab: {Hosting.ErrorWording.Of(e)}");
            return 1;
        }
    }

    // Trains the networks one after another in this process, reporting each step.
    private static int OneAfterAnother(RunDirectory run, IReadOnlyList<NetworkDirectory> todo, Func<NetworkDirectory, Trainer?> trainerFor,
        StopSignals stop, Action<NetworkDirectory, TrainingProgress> report, Action<string> say, string? name)
    {
        foreach (var network in todo)
        {
            using var trainer = trainerFor(network);
            if (trainer is null) continue;
            var result = trainer.Run(p => report(network, p), stop.Token);
            if (result.Outcome == TrainingOutcome.Interrupted) return Interrupted(run, result.Step, stop.ExitCode);
            say(Summary(Label(run, network, name), network, result));
        }
        return 0;
    }

    private static string PlainLine(string label, TrainingProgress p) => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"{label} step {p.Step}/{p.TotalSteps}  loss {p.Loss:G4}  eval loss {p.EvalLoss:G4}  accuracy {p.Accuracy:P1}  {p.StepsPerSecond:F1} steps/s");

    // name: what the run is called in messages (its config's Name, or a sweep point's name).
    internal static string Label(RunDirectory run, NetworkDirectory network, string? name = null) =>
        run.Seeds is null ? name ?? run.Options.Name : $"{name ?? run.Options.Name} seed-{network.Index}";

    private static string Summary(string label, NetworkDirectory network, TrainingResult result)
    {
        var m = result.LastMetrics;
        return m is null
            ? $"{label}: done at step {result.Step}"
            : $"{label}: {Describe(result.Outcome)} at step {result.Step}: eval loss {m.EvalLoss:G4}, accuracy {m.Accuracy:P1}, {result.StepsPerSecond:F1} steps/s -> {network.FinalModel}";
    }

    private static int Interrupted(RunDirectory run, int step, int code)
    {
        Console.Error.WriteLine($"rnnlab: stopped at step {step}; a checkpoint was written. Continue with: ./rnnlab resume {run.Path}");
        return code;
    }

    private static int RunEnsemble(RunDirectory run, bool quiet, Trainer ensemble, StopSignals stop)
    {
        var label = $"{run.Options.Name} seeds 0-{run.Networks.Count - 1}";
        TrainingResult result = null!;
        if (LiveProgress.Available(quiet))
        {
            LiveProgress.Show([label], board =>
            {
                result = ensemble.Run(p => board.Report(label, p), stop.Token);
                return 0;
            });
        }
        else
        {
            result = ensemble.Run(p => { if (p.EvalLoss is not null) Console.WriteLine(PlainLine(label, p)); }, stop.Token);
        }
        if (result.Outcome == TrainingOutcome.Interrupted)
        {
            Console.Error.WriteLine($"rnnlab: stopped at step {result.Step}; checkpoints were written. Continue with: ./rnnlab resume {run.Path}");
            return stop.ExitCode;
        }
        foreach (var network in run.Networks)
        {
            var m = network.ReadMetrics().LastOrDefault();
            Console.WriteLine(m is null
                ? $"{run.Options.Name} seed-{network.Index}: done at step {result.Step}"
                : $"{run.Options.Name} seed-{network.Index}: {Describe(result.Outcome)} at step {result.Step}: eval loss {m.EvalLoss:G4}, accuracy {m.Accuracy:P1} -> {network.FinalModel}");
        }
        Console.WriteLine($"{label}: trained together, {result.StepsPerSecond:F1} steps/s ({result.StepsPerSecond * run.Networks.Count:F1} network-steps/s)");
        return 0;
    }

    private static string Describe(TrainingOutcome outcome) => outcome switch
    {
        TrainingOutcome.TargetLossReached => "target loss reached",
        TrainingOutcome.TaskLearned => "task learned",
        _ => "finished",
    };
}
