using System.Globalization;
using RnnLab.Experiments;
using RnnLab.Training;

namespace RnnLab.Cli.Commands;

/// <summary>`rnnlab resume`: continues every unfinished network of a run from its newest intact checkpoint.</summary>
public sealed class ResumeCommand : ICommand
{
    /// <inheritdoc />
    public string Name => "resume";

    /// <inheritdoc />
    public string Summary => "continue an interrupted run from its newest intact checkpoint";

    /// <inheritdoc />
    public int Run(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help")
        {
            Console.WriteLine("usage: ./rnnlab resume <run directory> [--jobs N] [--network K] [--quiet]\n  --jobs N     networks of a multi-seed run that train at once, each in a process of its own (default: one per core)\n  --network K  only network K (seed-K) of a multi-seed run");
            return args.Length == 0 ? 2 : 0;
        }
        var quiet = false;
        int? jobs = null;
        string? only = null;
        for (var i = 1; i < args.Length; i++)
        {
            if (args[i] == "--quiet") quiet = true;
            else if (args[i] == "--jobs" && i + 1 < args.Length) jobs = TrainCommand.Jobs(args[++i]);
            else if (args[i] == "--network" && i + 1 < args.Length) only = args[++i];
            else throw new UsageException($"unknown option '{args[i]}'; allowed: --jobs N, --network K, --quiet.");
        }

        var run = RunDirectory.Open(args[0]);
        if (jobs is not null && (!TrainingSession.Concurrent(run) || run.Mode == TrainingMode.Ensemble))
            throw new UsageException("--jobs applies to multi-seed runs of separate networks, which can train at once; this run is a single network or an ensemble.");
        if (jobs is not null && only is not null)
            throw new UsageException("--jobs and --network exclude each other: --network K trains one network.");
        IReadOnlyList<NetworkDirectory>? networks = null;
        if (only is not null)
        {
            if (!int.TryParse(only, NumberStyles.Integer, CultureInfo.InvariantCulture, out var k) || k < 0 || k >= run.Networks.Count || run.Seeds is null)
                throw new UsageException($"--network takes the index of a network of this multi-seed run, 0 to {run.Networks.Count - 1}, got '{only}'.");
            networks = [run.Networks[k]];
        }
        try
        {
            // A run continues in the mode it began in (run.json): an ensemble together, separate networks apart.
            Func<EnsembleTrainer?>? together = networks is null && run.Mode == TrainingMode.Ensemble && run.Networks.All(n => !File.Exists(n.FinalModel))
                ? () => EnsembleTrainer.TryResume(run.Options, run.Networks)
                : null;
            using var start = run.ReadStartingWeights();
            return TrainingSession.Run(run, quiet, jobs, network =>
            {
                if (File.Exists(network.FinalModel))
                {
                    Console.WriteLine($"{network.Path}: already finished ({network.FinalModel}).");
                    return null;
                }
                // A network that never reached its first checkpoint starts (again) from its seed; one that
                // never started at all (train handing its networks to processes) just starts.
                if (network.Checkpoints().Count == 0)
                {
                    if (File.Exists(network.InitialModel)) Console.WriteLine($"{network.Path}: no checkpoint yet; starting it from the beginning.");
                    return Trainer.Start(run.Options, network, start);
                }
                return Trainer.Resume(run.Options, network, warning => Console.Error.WriteLine($"rnnlab resume: {warning}"));
            }, together, networks);
        }
        catch (InvalidOperationException e)
        {
            Console.Error.WriteLine($"rnnlab resume: {e.Message}");
            return 1;
        }
    }
}
