using RnnLab.Cli.Progress;
using RnnLab.Experiments;
using RnnLab.Training;

namespace RnnLab.Cli.Commands;

/// <summary>
/// Runs the networks of a run (shared by train and resume), with Ctrl+C checkpointing: all together as
/// one ensemble when ensembleFor supplies one, otherwise one after another.
/// </summary>
internal static class TrainingSession
{
    /// <summary>Trains the run's networks; returns the exit code.</summary>
    public static int Run(RunDirectory run, bool quiet, Func<NetworkDirectory, Trainer?> trainerFor, Func<EnsembleTrainer?>? ensembleFor = null)
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
            foreach (var network in run.Networks)
            {
                var label = run.Seeds is null ? run.Options.Name : $"{run.Options.Name} seed-{network.Index}";
                using var trainer = trainerFor(network);
                if (trainer is null) continue;
                var display = new ProgressDisplay(label, ProgressDisplay.LiveFor(quiet));
                var result = trainer.Run(display.Report, cancel.Token);
                if (result.Outcome == TrainingOutcome.Interrupted)
                {
                    display.Finish();
                    Console.Error.WriteLine($"rnnlab: interrupted at step {result.Step}; a checkpoint was written. Continue with: ./rnnlab resume {run.Path}");
                    return 130;
                }
                var m = result.LastMetrics;
                Console.WriteLine(m is null
                    ? $"{label}: done at step {result.Step}"
                    : $"{label}: {Describe(result.Outcome)} at step {result.Step}: eval loss {m.EvalLoss:G4}, accuracy {m.Accuracy:P1}, {result.StepsPerSecond:F1} steps/s -> {network.FinalModel}");
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
