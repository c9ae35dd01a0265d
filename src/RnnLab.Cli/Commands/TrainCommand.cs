using System.CommandLine;
using RnnLab.Configuration;
using RnnLab.Experiments;
using RnnLab.Models;
using RnnLab.Training;

namespace RnnLab.Cli.Commands;

/// <summary>`rnnlab train`: trains one or K networks from an experiment config into a new run directory.</summary>
public sealed class TrainCommand : ICommand
{
    /// <inheritdoc />
    public Command Build()
    {
        var config = CliOptions.PathArgument("config", "the experiment config (experiments/*.json)");
        var output = CliOptions.PathOption("--out", "DIR", "run directory (default: checkpoints/<Name>)");
        var seeds = CliOptions.IntInRange("--seeds", 1, 10_000, "train K independently seeded networks into DIR/seed-0 .. seed-<K-1>");
        var jobs = CliOptions.IntInRange("--jobs", 1, 1024, "with --seeds, how many networks train at once, each in a process of its own (default: one per core; 1: one after another)");
        var init = CliOptions.PathOption("--init", "FILE",
            "start from these weights instead of the seed's draw: a PyTorch state_dict (torch.save) or a safetensors file with W_rec, W_in, b, W_out (and b_out, r0, mask, dale_sign as configured)");
        var ensemble = CliOptions.Flag("--ensemble", "with --seeds, train the K networks together as one batched computation (when they fit in memory)");
        var force = CliOptions.Flag("--force", "replace an existing run directory");
        var quiet = CliOptions.Flag("--quiet", "plain progress lines instead of a live bar");
        var command = new Command("train", "train networks from an experiment config (experiments/*.json); --Section:Key=value arguments (--Model:Units=64) override its keys, as RNNLAB_Section__Key variables do")
        {
            config, output, seeds, jobs, init, ensemble, force, quiet,
        };
        // Config overrides (--Model:Units=64) are not options of their own: they reach the strict config binding.
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(parse => Run(new TrainArguments(parse.GetValue(config)!, parse.GetValue(output), parse.GetValue(seeds), parse.GetValue(jobs),
            parse.GetValue(init), parse.GetValue(ensemble), parse.GetValue(force), parse.GetValue(quiet), [.. parse.UnmatchedTokens])));
        return command;
    }

    // The verb's arguments as typed: the config, its overrides and the options.
    private sealed record TrainArguments(string Config, string? Output, int? Seeds, int? Jobs, string? Init, bool Ensemble, bool Force, bool Quiet,
        IReadOnlyList<string> Unmatched);

    private static int Run(TrainArguments arguments)
    {
        var (config, output, seeds, jobs, init, ensemble, force, quiet, unmatched) = arguments;
        var overrides = ConfigArguments.Overrides(unmatched, "train");
        if (ConfigArguments.LoadOrReport("train", "trained", () => ExperimentConfig.Load(config, overrides, trainingMemory: TrainingMemory.Available())) is not { } options) return 2;

        if (jobs is not null && (seeds is null || ensemble))
            throw new UsageException("--jobs applies to --seeds K runs, whose networks train at once in processes of their own; allowed: --jobs with --seeds, without --ensemble.");

        // Batching K networks pays where matrix products of a leading network dimension are cheaper than K
        // separate ones (a GPU); on a small CPU it measured slower than one network after another, so it is opt-in.
        var together = ensemble && seeds > 1 && RunContinuation.EnsembleFits(options, seeds.Value);
        // Handed-over weights are checked against the config before the run directory exists, so a bad file leaves nothing behind.
        using var start = init is null ? null : ReadStartingWeights(init, options);
        RunDirectory run;
        try
        {
            run = RunDirectory.Create(output ?? Path.Combine("checkpoints", options.Name), options, seeds, force,
                together ? TrainingMode.Ensemble : TrainingMode.Separate, start);
        }
        catch (IOException e)
        {
            Console.Error.WriteLine($"rnnlab train: {Hosting.ErrorWording.Of(e)}");
            return 1;
        }
        Console.WriteLine($"rnnlab train: {options.TaskKind}, {options.Model.Units} units, {options.Training.Steps} steps, {run.Networks.Count} network(s) -> {run.Path}");
        if (ensemble && seeds > 1 && !together)
            Console.Error.WriteLine("rnnlab train: the ensemble would not fit in memory; training the networks one after another.");
        if (start is not null) Console.WriteLine($"rnnlab train: every network starts from {start.Source} (copied to {run.StartingWeightsFile})");
        return TrainingSession.Run(run, network => Trainer.Start(options, network, start),
            together ? () => Trainer.Start(options, run.Networks, start) : null, new TrainingSessionOptions { Quiet = quiet, Jobs = jobs });
    }

    private static StartingWeights ReadStartingWeights(string path, ExperimentOptions options)
    {
        if (!File.Exists(path)) throw new UsageException($"--init {path}: no such file (resolved: {Path.GetFullPath(path)}).");
        var task = options.CreateTask();
        return StartingWeights.Read(path, options.Model, task.InputSize, task.OutputSize);
    }
}
