using System.Globalization;
using RnnLab.Configuration;
using RnnLab.Experiments;
using RnnLab.Models;
using RnnLab.Training;

namespace RnnLab.Cli.Commands;

/// <summary>`rnnlab train`: trains one or K networks from an experiment config into a new run directory.</summary>
public sealed class TrainCommand : ICommand
{
    private const string Usage =
        "usage: ./rnnlab train <config.json> [--out DIR] [--seeds K] [--init FILE] [--force] [--quiet] [--Section:Key=value ...]\n" +
        "  --out DIR    run directory (default: checkpoints/<Name>)\n" +
        "  --init FILE  start from these weights instead of the seed's draw: a PyTorch state_dict (torch.save) or a\n" +
        "               safetensors file with W_rec, W_in, b, W_out (and b_out, r0, mask, dale_sign as configured)\n" +
        "  --seeds K    train K independently seeded networks into DIR/seed-0 .. seed-<K-1>, several at once (one thread each)\n" +
        "  --jobs N     with --seeds, how many networks train at once (default: one per core; 1: one after another)\n" +
        "  --ensemble   with --seeds, train the K networks together as one batched computation (when they fit in memory)\n" +
        "  --force      replace an existing run directory\n" +
        "  --quiet      plain progress lines instead of a live bar\n" +
        "  --Model:Units=64 and the like override config keys; RNNLAB_Model__Units=64 does the same from the environment";

    /// <inheritdoc />
    public string Name => "train";

    /// <summary>
    /// Whether K networks fit in memory as one ensemble: the saved rates and pre-activations, noise and
    /// gradients (about 8 T B N values per network, training and evaluation batch) within half the memory available.
    /// </summary>
    internal static bool EnsembleFits(ExperimentOptions options, int networks)
    {
        var task = options.CreateTask();
        var perNetwork = 8.0 * task.Steps * Math.Max(options.Training.BatchSize, options.Training.EvaluationBatchSize) * options.Model.Units * 4;
        return networks * perNetwork < 0.5 * GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
    }

    /// <inheritdoc />
    public string Summary => "train networks from an experiment config (experiments/*.json)";

    /// <inheritdoc />
    public int Run(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help")
        {
            Console.WriteLine(Usage);
            return args.Length == 0 ? 2 : 0;
        }
        var config = args[0];
        string? output = null;
        string? init = null;
        int? seeds = null;
        int? jobs = null;
        bool force = false, quiet = false, ensemble = false;
        var overrides = new List<string>();
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--out" when i + 1 < args.Length: output = args[++i]; break;
                case "--init" when i + 1 < args.Length: init = args[++i]; break;
                case "--seeds" when i + 1 < args.Length:
                    if (!int.TryParse(args[++i], NumberStyles.Integer, CultureInfo.InvariantCulture, out var k) || k < 1 || k > 10_000)
                        throw new UsageException($"--seeds takes an integer from 1 to 10000, got '{args[i]}'.");
                    seeds = k;
                    break;
                case "--jobs" when i + 1 < args.Length: jobs = Jobs(args[++i]); break;
                case "--force": force = true; break;
                case "--quiet": quiet = true; break;
                case "--ensemble": ensemble = true; break;
                case var a when a.StartsWith("--", StringComparison.Ordinal) && a.Contains(':') && a.Contains('='):
                    overrides.Add(a);
                    break;
                default:
                    throw new UsageException($"unknown option '{args[i]}'; allowed: --out DIR, --seeds K, --jobs N, --init FILE, --ensemble, --force, --quiet, --Section:Key=value.");
            }
        }

        ExperimentOptions options;
        try
        {
            options = ExperimentConfig.Load(config, overrides);
        }
        catch (ConfigurationException e)
        {
            foreach (var line in e.Errors) Console.Error.WriteLine($"rnnlab train: {line}");
            Console.Error.WriteLine("rnnlab train: nothing was trained.");
            return 2;
        }

        if (jobs is not null && (seeds is null || ensemble))
            throw new UsageException("--jobs applies to --seeds K runs, whose networks train at once in processes of their own; allowed: --jobs with --seeds, without --ensemble.");

        // Batching K networks pays where matrix products of a leading network dimension are cheaper than K
        // separate ones (a GPU); on a small CPU it measured slower than one network after another, so it is opt-in.
        var together = ensemble && seeds > 1 && EnsembleFits(options, seeds.Value);
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
            Console.Error.WriteLine($"rnnlab train: {e.Message}");
            return 1;
        }
        Console.WriteLine($"rnnlab train: {options.TaskKind}, {options.Model.Units} units, {options.Training.Steps} steps, {run.Networks.Count} network(s) -> {run.Path}");
        if (ensemble && seeds > 1 && !together)
            Console.Error.WriteLine("rnnlab train: the ensemble would not fit in memory; training the networks one after another.");
        if (start is not null) Console.WriteLine($"rnnlab train: every network starts from {start.Source} (copied to {run.StartingWeightsFile})");
        return TrainingSession.Run(run, quiet, jobs, network => Trainer.Start(options, network, start),
            together ? () => EnsembleTrainer.Start(options, run.Networks, start) : null);
    }

    private static StartingWeights ReadStartingWeights(string path, ExperimentOptions options)
    {
        if (!File.Exists(path)) throw new UsageException($"--init {path}: no such file (resolved: {Path.GetFullPath(path)}).");
        var task = options.CreateTask();
        return StartingWeights.Read(path, options.Model, task.InputSize, task.OutputSize);
    }

    /// <summary>Parses --jobs: a positive integer.</summary>
    internal static int Jobs(string text) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 1024
            ? n
            : throw new UsageException($"--jobs takes an integer from 1 to 1024, got '{text}'.");
}
