using System.CommandLine;
using RnnLab.Configuration;
using RnnLab.Experiments;
using RnnLab.Training;

namespace RnnLab.Cli.Commands;

/// <summary>`rnnlab resume`: continues every unfinished network of a run from its newest intact checkpoint.</summary>
public sealed class ResumeCommand : ICommand
{
    /// <inheritdoc />
    public Command Build()
    {
        var runArgument = CliOptions.Run();
        var jobs = CliOptions.IntInRange("--jobs", 1, 1024, "networks of a multi-seed run that train at once, each in a process of its own (default: one per core)");
        var network = NetworkSelection.Option("trains");
        var quiet = CliOptions.Flag("--quiet", "plain progress lines instead of a live bar");
        var command = new Command("resume", "continue an interrupted run from its newest intact checkpoints") { runArgument, jobs, network, quiet };
        command.SetAction(parse => Run(parse.GetValue(runArgument)!, parse.GetValue(jobs), parse.GetValue(network), parse.GetValue(quiet), progressLines: false));
        return command;
    }

    /// <summary>Resumes the run (only network only, when given); progressLines: report on the worker channel. Returns the exit code.</summary>
    internal static int Run(string path, int? jobs, int? only, bool quiet, bool progressLines)
    {
        var run = RunDirectory.Open(path);
        // A run begun on a larger machine is refused here before any network starts, as train refuses its config.
        if (TrainingMemory.Of(run.Options).Refusal(TrainingMemory.Available()) is { } refusal)
            throw new ConfigurationException([$"{RunDirectory.ConfigPath(run.Path)}: {refusal.Message}"]);
        if (jobs is not null && (!TrainingSession.Concurrent(run) || run.Mode == TrainingMode.Ensemble))
            throw new UsageException("--jobs applies to multi-seed runs of separate networks, which can train at once; this run is a single network or an ensemble.");
        if (jobs is not null && only is not null)
            throw new UsageException("--jobs and --network exclude each other: --network K trains one network.");
        IReadOnlyList<NetworkDirectory>? networks = only is null ? null : NetworkSelection.Of(run, only);
        try
        {
            using var start = run.ReadStartingWeights();
            void Warn(string warning) => Console.Error.WriteLine($"rnnlab resume: {warning}");
            return TrainingSession.Run(run, network => RunContinuation.Network(run, network, start, Console.WriteLine, Warn),
                RunContinuation.Ensemble(run, wholeRun: networks is null, start, Console.WriteLine, Warn),
                new TrainingSessionOptions { Quiet = quiet, Jobs = jobs, Networks = networks, ProgressLines = progressLines });
        }
        catch (InvalidOperationException e)
        {
            Console.Error.WriteLine($"rnnlab resume: {e.Message}");
            return 1;
        }
    }
}
