using RnnLab.Cli.Progress;
using RnnLab.Experiments;
using RnnLab.Training;

namespace RnnLab.Cli.Commands;

/// <summary>
/// Runs the networks of a run (shared by train and resume), with Ctrl+C checkpointing: all together as
/// one ensemble when ensembleFor supplies one; for a multi-seed run with more than one job, several
/// networks at once, each in a process of its own (<see cref="NetworkProcesses"/>); otherwise one after
/// another in this process.
/// </summary>
internal static class TrainingSession
{
    /// <summary>
    /// Whether a run can train several networks at once: every multi-seed run. Each network computes the
    /// same numbers in a process of its own as alone, so a run resumed with other --jobs still ends where
    /// it would have.
    /// </summary>
    public static bool Concurrent(RunDirectory run) => run.Seeds is not null;

    /// <summary>Networks at once by default: one per core, at most the number of networks.</summary>
    public static int DefaultJobs(int networks) => Math.Max(1, Math.Min(Environment.ProcessorCount, networks));

    /// <summary>
    /// Trains the run's networks (only those given, when networks is set); returns the exit code. jobs:
    /// networks at once in a concurrent run (default: one per core).
    /// </summary>
    public static int Run(RunDirectory run, bool quiet, int? jobs, Func<NetworkDirectory, Trainer?> trainerFor, Func<EnsembleTrainer?>? ensembleFor = null,
        IReadOnlyList<NetworkDirectory>? networks = null)
    {
        using var cancel = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            if (ensembleFor?.Invoke() is { } ensemble)
            {
                using (ensemble) return RunEnsemble(run, quiet, ensemble, cancel.Token);
            }
            var todo = networks ?? run.Networks;
            var parallel = networks is null && Concurrent(run) ? jobs ?? DefaultJobs(todo.Count) : 1;
            if (parallel > 1) return NetworkProcesses.Run(run, todo, parallel, cancel.Token);
            foreach (var network in todo)
            {
                using var trainer = trainerFor(network);
                if (trainer is null) continue;
                var label = Label(run, network);
                var display = new ProgressDisplay(label, ProgressDisplay.LiveFor(quiet));
                var result = trainer.Run(display.Report, cancel.Token);
                if (result.Outcome == TrainingOutcome.Interrupted)
                {
                    display.Finish();
                    return Interrupted(run, result.Step);
                }
                Console.WriteLine(Summary(label, network, result));
            }
            return 0;
        }
        catch (TrainingDivergedException e)
        {
            Console.Error.WriteLine($"rnnlab: {e.Message}");
            return 1;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    private static string Label(RunDirectory run, NetworkDirectory network) =>
        run.Seeds is null ? run.Options.Name : $"{run.Options.Name} seed-{network.Index}";

    private static string Summary(string label, NetworkDirectory network, TrainingResult result)
    {
        var m = result.LastMetrics;
        return m is null
            ? $"{label}: done at step {result.Step}"
            : $"{label}: {Describe(result.Outcome)} at step {result.Step}: eval loss {m.EvalLoss:G4}, accuracy {m.Accuracy:P1}, {result.StepsPerSecond:F1} steps/s -> {network.FinalModel}";
    }

    private static int Interrupted(RunDirectory run, int step)
    {
        Console.Error.WriteLine($"rnnlab: interrupted at step {step}; a checkpoint was written. Continue with: ./rnnlab resume {run.Path}");
        return 130;
    }

    private static int RunEnsemble(RunDirectory run, bool quiet, EnsembleTrainer ensemble, CancellationToken cancel)
    {
        var label = $"{run.Options.Name} seeds 0-{run.Networks.Count - 1}";
        var display = new ProgressDisplay(label, ProgressDisplay.LiveFor(quiet));
        var result = ensemble.Run(display.Report, cancel);
        if (result.Outcome == TrainingOutcome.Interrupted)
        {
            display.Finish();
            Console.Error.WriteLine($"rnnlab: interrupted at step {result.Step}; checkpoints were written. Continue with: ./rnnlab resume {run.Path}");
            return 130;
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

    private static string Describe(TrainingOutcome outcome) => outcome == TrainingOutcome.TargetLossReached ? "target loss reached" : "finished";
}
