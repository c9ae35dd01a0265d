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
            Console.WriteLine("usage: ./rnnlab resume <run directory> [--jobs N] [--quiet]\n  --jobs N  networks of a multi-seed run that train at once (default: one per core)");
            return args.Length == 0 ? 2 : 0;
        }
        var quiet = false;
        int? jobs = null;
        for (var i = 1; i < args.Length; i++)
        {
            if (args[i] == "--quiet") quiet = true;
            else if (args[i] == "--jobs" && i + 1 < args.Length) jobs = TrainCommand.Jobs(args[++i]);
            else throw new UsageException($"unknown option '{args[i]}'; allowed: --jobs N, --quiet.");
        }

        var run = RunDirectory.Open(args[0]);
        if (jobs is not null && !TrainingSession.Concurrent(run))
            throw new UsageException("--jobs applies to multi-seed runs trained one network per thread; this run is a single network.");
        try
        {
            // Networks that stopped together (an interrupted ensemble) continue together.
            Func<EnsembleTrainer?>? together = run.Seeds > 1 && run.Networks.All(n => !File.Exists(n.FinalModel))
                ? () => EnsembleTrainer.TryResume(run.Options, run.Networks)
                : null;
            return TrainingSession.Run(run, quiet, jobs, network =>
            {
                if (File.Exists(network.FinalModel))
                {
                    Console.WriteLine($"{network.Path}: already finished ({network.FinalModel}).");
                    return null;
                }
                // A network that never reached its first checkpoint starts again from its seed.
                if (network.Checkpoints().Count == 0)
                {
                    Console.WriteLine($"{network.Path}: no checkpoint yet; starting it from the beginning.");
                    return Trainer.Start(run.Options, network);
                }
                return Trainer.Resume(run.Options, network, warning => Console.Error.WriteLine($"rnnlab resume: {warning}"));
            }, together);
        }
        catch (InvalidOperationException e)
        {
            Console.Error.WriteLine($"rnnlab resume: {e.Message}");
            return 1;
        }
    }
}
