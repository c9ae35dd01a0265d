using System.Globalization;
using RnnLab.Analysis;
using RnnLab.Analysis.FixedPoints;
using RnnLab.Experiments;

namespace RnnLab.Cli.Commands;

/// <summary>`rnnlab analyze`: fixed and slow points, their stability, and PCA of trajectories for every network of a run.</summary>
public sealed class AnalyzeCommand : ICommand
{
    private const string Usage =
        "usage: ./rnnlab analyze <run> [--snapshot init|final] [--conditions \"0.5;0.8\"] [--states N] [--max-iterations N] [--kernel fused|autograd]\n" +
        "  --snapshot    analyse the trained (final, default) or the untrained (init) weights\n" +
        "  --conditions  constant inputs: ',' between a condition's inputs, ';' between conditions (default: per task)\n" +
        "  --states      initial states of the fixed-point search (default 1024)\n" +
        "  --kernel      how the search descends q: fused (native, default) or autograd (the reference)\n" +
        "  writes <network>/analysis/fixed_points.json and pca.json (fixed_points.init.json, pca.init.json for init)";

    /// <inheritdoc />
    public string Name => "analyze";

    /// <inheritdoc />
    public string Summary => "fixed/slow points, stability and PCA of a trained (or untrained) run";

    /// <inheritdoc />
    public int Run(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help")
        {
            Console.WriteLine(Usage);
            return args.Length == 0 ? 2 : 0;
        }
        var snapshot = Snapshot.Final;
        string? conditions = null;
        var fixedPoints = new FixedPointOptions();
        for (var i = 1; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new UsageException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--snapshot":
                    var s = Value();
                    snapshot = s switch
                    {
                        "init" => Snapshot.Init,
                        "final" => Snapshot.Final,
                        _ => throw new UsageException($"--snapshot '{s}' is not allowed; allowed: init, final."),
                    };
                    break;
                case "--conditions": conditions = Value(); break;
                case "--states": fixedPoints = fixedPoints with { InitialStates = PositiveInt(args[i], Value()) }; break;
                case "--max-iterations": fixedPoints = fixedPoints with { MaxIterations = PositiveInt(args[i], Value()) }; break;
                case "--kernel":
                    var k = Value();
                    fixedPoints = fixedPoints with
                    {
                        Kernel = k switch
                        {
                            "fused" => FixedPointKernel.Fused,
                            "autograd" => FixedPointKernel.Autograd,
                            _ => throw new UsageException($"--kernel '{k}' is not allowed; allowed: fused, autograd."),
                        },
                    };
                    break;
                default: throw new UsageException($"unknown option '{args[i]}'; allowed: --snapshot, --conditions, --states, --max-iterations, --kernel.");
            }
        }

        var run = RunDirectory.Open(args[0]);
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
        Console.WriteLine($"{"network",-32} {"condition",-16} {"fixed: stable",13} {"saddle",7} {"unstable",9} {"slow points",12} {"search",8}");
        foreach (var network in run.Networks)
        {
            // Each condition's line is printed as its search finishes: a search can take a minute.
            var analysis = analyzer.Analyze(run.Options, network, (c, search) =>
            {
                var points = search.Points;
                int Count(PointKind k, Stability s) => points.Count(p => p.Kind == k && p.Stability == s);
                var condition = "[" + string.Join(", ", search.Condition.Select(v => v.ToString("G3", CultureInfo.InvariantCulture))) + "]";
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{Shorten(network.Path),-32} {condition,-16} {Count(PointKind.Fixed, Stability.Stable),13} {Count(PointKind.Fixed, Stability.Saddle),7} {Count(PointKind.Fixed, Stability.Unstable),9} {points.Count(p => p.Kind == PointKind.Slow),12} {search.Duration.TotalSeconds,7:F1}s"));
            });
            var (fixedFile, pcaFile) = AnalysisWriter.Write(analysis);
            Console.WriteLine($"  PCA: {string.Join(", ", analysis.Pca.ExplainedVarianceRatio.Select(v => v.ToString("P1", CultureInfo.InvariantCulture)))} of variance; wrote {fixedFile} and {pcaFile}");
        }
        return 0;
    }

    private static int PositiveInt(string option, string text) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v > 0
            ? v
            : throw new UsageException($"{option} takes a positive integer, got '{text}'.");

    private static string Shorten(string path) => path.Length <= 32 ? path : "..." + path[^29..];
}
