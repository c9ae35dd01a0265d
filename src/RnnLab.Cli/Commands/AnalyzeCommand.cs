using System.CommandLine;
using System.Globalization;
using RnnLab.Analysis;
using RnnLab.Analysis.FixedPoints;
using RnnLab.Cli.Progress;
using RnnLab.Cli.Hosting;
using RnnLab.Experiments;
using RnnLab.Training;

namespace RnnLab.Cli.Commands;

/// <summary>`rnnlab analyze`: fixed and slow points, their stability, and PCA of trajectories for every network of a run.</summary>
public sealed class AnalyzeCommand : ICommand
{
    /// <inheritdoc />
    public Command Build()
    {
        var runArgument = CliOptions.Run();
        var snapshot = CliOptions.Snapshot("the weights to analyse: untrained, where training ended, or where the stop rule found the task learned", "init", "final", "learned");
        var conditions = new Option<string?>("--conditions") { Description = "constant inputs: ',' between a condition's inputs, ';' between conditions (default: per task)", HelpName = "\"0.5;0.8\"" };
        // Shorthands for three keys of the FixedPoints section; every key is also --FixedPoints:Key=value.
        var states = CliOptions.IntInRange("--states", 1, int.MaxValue, $"initial states of the fixed-point search (FixedPoints:InitialStates; default: the run's config, else {new FixedPointOptions().InitialStates})");
        var iterations = CliOptions.IntInRange("--max-iterations", 1, int.MaxValue, $"Adam steps per state at most (FixedPoints:MaxIterations; default: the run's config, else {new FixedPointOptions().MaxIterations})");
        var kernel = CliOptions.OptionalOneOf("--kernel", "how the search descends q, FixedPoints:Kernel: fused (native) or autograd (the reference)", "fused", "autograd");
        var quiet = CliOptions.Flag("--quiet", "plain lines instead of a live bar per network");
        var network = NetworkSelection.Option("analyses");
        var jobs = CliOptions.IntInRange("--jobs", 1, 1024, "networks of a multi-seed run analysed at once, each in a process of its own with its share of the cores (default 1: one after another in this process, with live bars; the search's tiles use every core, the eigen-decompositions and DCA one)");
        var command = new Command("analyze", "fixed/slow points, stability and PCA of a trained (or untrained) run; writes <network>/analysis/fixed_points.json and pca.json (*.init.json for init, *.learned.json for learned). The search reads the run's FixedPoints section, overridden by --FixedPoints:Key=value (docs/fixed-points.md)")
        {
            runArgument, snapshot, conditions, states, iterations, kernel, quiet, network, jobs,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(parse =>
        {
            var run = RunDirectory.Open(parse.GetValue(runArgument)!);
            var networks = NetworkSelection.Of(run, parse.GetValue(network));
            // Read before anything starts, so that a mistake is one usage line, not one per network's process.
            var overrides = FixedPointOverrides(parse.UnmatchedTokens, parse.GetValue(states), parse.GetValue(iterations), parse.GetValue(kernel));
            var fixedPoints = ConfigArguments.LoadOrReport("analyze", "analysed", () => SearchOptions(run, overrides));
            if (fixedPoints is null) return 2;
            var parsed = Conditions(run, parse.GetValue(conditions));
            if (SearchMemory.Refusal(fixedPoints.InitialStates, run.Options.Model.Units, TrainingMemory.Available()) is { } r)
                throw new UsageException($"--states {r.States} needs about {TrainingMemory.Size(r.Needed)} for the fixed-point search of {r.Units} units; " +
                    $"this machine has {TrainingMemory.Size(r.Available)}; allowed: an integer from 1 to {r.MaxStates} here.");
            if (parse.GetValue(jobs) is > 1 and var parallel)
            {
                if (networks.Count == 1) throw new UsageException("--jobs analyses several networks at once; this selects one network (a single-network run, or --network).");
                // Each child takes its network's lock; this process only looks, so that a refusal comes before any starts.
                foreach (var n in networks) AnalysisLock.ThrowIfNetworkHeld(n.Path, CliOptions.SnapshotOf(parse.GetValue(snapshot)!));
                // Each network in a worker process of its own (ChildProcesses gives each its share of the cores).
                return InProcesses(run, networks, parse.GetValue(snapshot)!, parse.GetValue(conditions), overrides, parallel);
            }
            return Run(run, networks, CliOptions.SnapshotOf(parse.GetValue(snapshot)!), parsed, fixedPoints, parse.GetValue(quiet));
        });
        return command;
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    // The --FixedPoints:Key=value overrides among the unmatched tokens, then the shorthands given, which win.
    // Only that section: the network's Model, Task and Training are the run's.
    private static List<string> FixedPointOverrides(IReadOnlyList<string> unmatched, int? states, int? iterations, string? kernel)
    {
        var overrides = ConfigArguments.Overrides(unmatched, "analyze");
        if (overrides.FirstOrDefault(o => !o.StartsWith("--FixedPoints:", StringComparison.OrdinalIgnoreCase)) is { } other)
            throw new UsageException($"'{other}': analyze takes only the FixedPoints section (--FixedPoints:Key=value); the network's Model, Task and Training are the run's.");
        if (states is { } k) overrides.Add($"--FixedPoints:InitialStates={Text(k)}");
        if (iterations is { } i) overrides.Add($"--FixedPoints:MaxIterations={Text(i)}");
        if (kernel is { } name) overrides.Add($"--FixedPoints:Kernel={name}");
        return overrides;
    }

    // The run's FixedPoints section with the overrides, bound and checked as train binds a config (a starts
    // file is read here too, so that one of the wrong shape stops the command before any network).
    private static FixedPointOptions SearchOptions(RunDirectory run, IReadOnlyList<string> overrides)
    {
        var options = ExperimentConfig.Load(RunDirectory.ConfigPath(run.Path), overrides).FixedPoints;
        if (options.Starts == FixedPointStarts.File) InitialStateFile.Read(options.StartsFile, run.Options.Model.Units).Dispose();
        return options;
    }

    private static readonly string Header = $"{"network",-32} {"condition",-16} {"fixed: stable",13} {"saddle",7} {"unstable",9} {"slow points",12} {"search",8}";

    // A worker for each network, at most parallel at once; their lines pass through under one header.
    private static int InProcesses(RunDirectory run, IReadOnlyList<NetworkDirectory> networks, string snapshot, string? conditions, IReadOnlyList<string> overrides, int parallel)
    {
        Console.WriteLine(Header);
        using var stop = new StopSignals();
        var jobs = networks.Select(n => (WorkerJob)new AnalyzeNetworkJob
        {
            Label = TrainingSession.Label(run, n), Run = run.Path, Network = n.Index, Snapshot = snapshot, Conditions = conditions, FixedPoints = overrides,
        }).ToList();
        return WorkerProcesses.Run(jobs, Math.Min(parallel, jobs.Count), live: false, stop, keep: line => line != Header);
    }

    /// <summary>A worker's job: one network, as `analyze RUN --network K` with the job's options and plain lines.</summary>
    internal static int Worker(AnalyzeNetworkJob job)
    {
        var run = RunDirectory.Open(job.Run);
        var networks = NetworkSelection.Of(run, job.Network);
        var fixedPoints = ConfigArguments.LoadOrReport("analyze", "analysed", () => SearchOptions(run, job.FixedPoints));
        if (fixedPoints is null) return ExitCodes.Usage;
        return Run(run, networks, CliOptions.SnapshotOf(job.Snapshot), Conditions(run, job.Conditions), fixedPoints, quiet: true);
    }

    // The --conditions text as the task's inputs (null: the task's defaults); a mistake is a usage error.
    private static IReadOnlyList<double[]>? Conditions(RunDirectory run, string? conditions)
    {
        try
        {
            return conditions is null ? null : ConditionDefaults.Parse(conditions, run.Options.CreateTask().InputSize);
        }
        catch (FormatException e)
        {
            throw new UsageException($"--conditions: {e.Message}");
        }
    }

    private static int Run(RunDirectory run, IReadOnlyList<NetworkDirectory> networks, Snapshot snapshot, IReadOnlyList<double[]>? parsed, FixedPointOptions fixedPoints, bool quiet)
    {
        var analyzer = new NetworkAnalyzer(new AnalysisOptions { Snapshot = snapshot, Conditions = parsed, FixedPoints = fixedPoints });
        using var writing = AnalysisLock.Networks(networks.Select(n => n.Path), snapshot);
        if (!LiveProgress.Available(quiet))
        {
            Console.WriteLine(Header);
            // Each condition's line is printed as its search finishes: a search can take a minute.
            foreach (var network in networks) AnalyzeOne(analyzer, run, network, Console.WriteLine, _ => { });
            return 0;
        }
        var count = (parsed ?? ConditionDefaults.For(run.Options.CreateTask())).Count;
        return WorkProgress.Show(networks.Select(n => (Label(run, n), count)).ToList(), board =>
        {
            board.Message(Header);
            foreach (var network in networks)
            {
                board.Begin(Label(run, network), $"searching condition 1/{count}");
                AnalyzeOne(analyzer, run, network, board.Message, c => board.Advance(Label(run, network), c + 1 < count ? $"searching condition {c + 2}/{count}" : "writing its files"));
                board.Finish(Label(run, network), "done");
            }
            return 0;
        });
    }

    private static string Label(RunDirectory run, NetworkDirectory network) => TrainingSession.Label(run, network);

    // Analyzes one network and writes its files; say gets a line per condition and the PCA summary, searched the index of each condition done.
    private static void AnalyzeOne(NetworkAnalyzer analyzer, RunDirectory run, NetworkDirectory network, Action<string> say, Action<int> searched)
    {
        var analysis = analyzer.Analyze(run, network, (c, search) =>
        {
            var points = search.Points;
            int Count(PointKind k, Stability s) => points.Count(p => p.Kind == k && p.Stability == s);
            var condition = "[" + string.Join(", ", search.Condition.Select(v => v.ToString("G3", CultureInfo.InvariantCulture))) + "]";
            say(string.Create(CultureInfo.InvariantCulture,
                $"{Shorten(network.Path),-32} {condition,-16} {Count(PointKind.Fixed, Stability.Stable),13} {Count(PointKind.Fixed, Stability.Saddle),7} {Count(PointKind.Fixed, Stability.Unstable),9} {points.Count(p => p.Kind == PointKind.Slow),12} {search.Duration.TotalSeconds,7:F1}s"));
            searched(c);
        });
        var (fixedFile, pcaFile) = AnalysisWriter.Write(analysis);
        say($"  PCA: {string.Join(", ", analysis.Pca.ExplainedVarianceRatio.Select(v => v.ToString("P1", CultureInfo.InvariantCulture)))} of variance; wrote {fixedFile} and {pcaFile}");
    }

    private static string Shorten(string path) => path.Length <= 32 ? path : "..." + path[^29..];
}
