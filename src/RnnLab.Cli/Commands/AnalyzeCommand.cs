using System.CommandLine;
using System.Globalization;
using RnnLab.Analysis;
using RnnLab.Analysis.FixedPoints;
using RnnLab.Cli.Progress;
using RnnLab.Experiments;

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
        var states = CliOptions.Positive("--states", new FixedPointOptions().InitialStates, "initial states of the fixed-point search");
        var iterations = CliOptions.Positive("--max-iterations", new FixedPointOptions().MaxIterations, "Adam iterations of each search at most");
        var kernel = CliOptions.OneOf("--kernel", "fused", "how the search descends q: fused (native) or autograd (the reference)", "fused", "autograd");
        var quiet = CliOptions.Flag("--quiet", "plain lines instead of a live bar per network");
        var command = new Command("analyze", "fixed/slow points, stability and PCA of a trained (or untrained) run; writes <network>/analysis/fixed_points.json and pca.json (*.init.json for init, *.learned.json for learned)")
        {
            runArgument, snapshot, conditions, states, iterations, kernel, quiet,
        };
        command.SetAction(parse => Run(parse.GetValue(runArgument)!, CliOptions.SnapshotOf(parse.GetValue(snapshot)!), parse.GetValue(conditions),
            new FixedPointOptions
            {
                InitialStates = parse.GetValue(states),
                MaxIterations = parse.GetValue(iterations),
                Kernel = parse.GetValue(kernel) == "autograd" ? FixedPointKernel.Autograd : FixedPointKernel.Fused,
            }, parse.GetValue(quiet)));
        return command;
    }

    private static int Run(string path, Snapshot snapshot, string? conditions, FixedPointOptions fixedPoints, bool quiet)
    {
        var run = RunDirectory.Open(path);
        IReadOnlyList<double[]>? parsed;
        try
        {
            parsed = conditions is null ? null : ConditionDefaults.Parse(conditions, run.Options.CreateTask().InputSize);
        }
        catch (FormatException e)
        {
            throw new UsageException(e.Message);
        }

        var analyzer = new NetworkAnalyzer(new AnalysisOptions { Snapshot = snapshot, Conditions = parsed, FixedPoints = fixedPoints });
        var header = $"{"network",-32} {"condition",-16} {"fixed: stable",13} {"saddle",7} {"unstable",9} {"slow points",12} {"search",8}";
        if (!LiveProgress.Available(quiet))
        {
            Console.WriteLine(header);
            // Each condition's line is printed as its search finishes: a search can take a minute.
            foreach (var network in run.Networks) AnalyzeOne(analyzer, run, network, Console.WriteLine, _ => { });
            return 0;
        }
        var count = (parsed ?? ConditionDefaults.For(run.Options.CreateTask())).Count;
        return WorkProgress.Show(run.Networks.Select(n => (Label(run, n), count)).ToList(), board =>
        {
            board.Message(header);
            foreach (var network in run.Networks)
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
        var analysis = analyzer.Analyze(run.Options, network, (c, search) =>
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
