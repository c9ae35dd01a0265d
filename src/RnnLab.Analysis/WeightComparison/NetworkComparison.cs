using System.Text.Json.Nodes;
using RnnLab.Experiments;
using RnnLab.Torch.Safetensors;
using static RnnLab.Torch.torch;

namespace RnnLab.Analysis.WeightComparison;

/// <summary>One scalar statistic of one network before and after training, or why it could not be computed.</summary>
public sealed record ComparedStatistic(string Name, double? Init, double? Final, string? Unavailable = null)
{
    /// <summary>Final minus init, when both exist.</summary>
    public double? Change => Init is { } a && Final is { } b ? b - a : null;
}

/// <summary>
/// Compares the untrained and trained weights of one network of a run: the <see cref="WeightChange"/>
/// statistics of its effective recurrent weights, the mean weight at every saved checkpoint (seed 002
/// Fig. 4), and, when `analyze` has been run for both snapshots, the number of fixed points of each
/// stability class.
/// </summary>
public sealed record NetworkComparison(string Network, WeightChange Change, IReadOnlyList<(int Step, double MeanWeight)> MeanWeightByCheckpoint,
    IReadOnlyList<ComparedStatistic> Statistics)
{
    /// <summary>Compares one network; its init and final weights must exist.</summary>
    public static NetworkComparison Of(RunDirectory run, NetworkDirectory network, WeightChange.Options? options = null)
    {
        using var scope = NewDisposeScope();
        var dale = run.Options.Model.Dale;
        using var init = SafetensorsFile.Load(network.InitialModel, requireChecksum: true);
        if (!File.Exists(network.FinalModel))
            throw new FileNotFoundException($"{network.FinalModel}: missing; the network has not finished training (./rnnlab resume {run.Path}).", network.FinalModel);
        using var final = SafetensorsFile.Load(network.FinalModel, requireChecksum: true);
        var mask = init.Tensors["mask"];
        var change = WeightChange.Compare(Effective(init.Tensors, dale), Effective(final.Tensors, dale), mask, options);

        var series = new List<(int, double)> { (0, change.Before.Mean) };
        foreach (var path in network.Checkpoints().Reverse())
        {
            using var checkpoint = TrainingCheckpoint.Load(path);
            var w = Effective(checkpoint.Model, dale);
            series.Add((checkpoint.Step, w.masked_select(mask.to(@bool)).mean().item<double>()));
        }

        var statistics = new List<ComparedStatistic>
        {
            new("mean weight", change.Before.Mean, change.After.Mean),
            new("weight std", change.Before.Std, change.After.Std),
            new("spectral radius", change.SpectralRadiusBefore, change.SpectralRadiusAfter),
            new("largest real part", change.LargestRealPartBefore, change.LargestRealPartAfter),
            new("Henrici departure", change.HenriciBefore, change.HenriciAfter),
            new("fraction of weights changed", null, change.FractionChanged),
            new("|dW|_F / |W_init|_F", null, change.RelativeChange),
            new("effective rank of dW", null, change.ChangeEffectiveRank),
            new("top-5 share of dW", null, change.ChangeTopShare),
            new("eigenvalues moved", null, change.EigenvaluesMoved),
            new("centrality rank correlation", null, change.CentralityRankCorrelation),
            new("least-to-most central swaps", null, change.CentralSwaps),
        };
        statistics.AddRange(FixedPointCounts(network));
        statistics.AddRange(SubspaceAngles(network, init.Tensors["W_out"], final.Tensors["W_out"]));
        return new NetworkComparison(network.Path, change, series, statistics);
    }

    /// <summary>W_rec as it acts: masked, and sign-constrained under Dale's law.</summary>
    public static Tensor Effective(IReadOnlyDictionary<string, Tensor> state, bool dale) =>
        dale ? state["W_rec"].abs() * state["mask"] * state["dale_sign"].unsqueeze(0) : state["W_rec"] * state["mask"];

    private static IEnumerable<ComparedStatistic> FixedPointCounts(NetworkDirectory network)
    {
        var folder = AnalysisWriter.Folder(network.Path);
        var init = Path.Combine(folder, AnalysisWriter.FileName("fixed_points", Snapshot.Init));
        var final = Path.Combine(folder, AnalysisWriter.FileName("fixed_points", Snapshot.Final));
        string[] classes = ["stable", "saddle", "unstable"];
        if (!File.Exists(init) || !File.Exists(final))
        {
            var why = $"not computed: run './rnnlab analyze' with --snapshot init and final first ({Path.GetFileName(File.Exists(init) ? final : init)} is missing)";
            foreach (var c in classes) yield return new ComparedStatistic($"{c} fixed points", null, null, why);
            yield break;
        }
        var before = Count(init);
        var after = Count(final);
        foreach (var c in classes) yield return new ComparedStatistic($"{c} fixed points", before.GetValueOrDefault(c), after.GetValueOrDefault(c));
    }

    // Seed 002 Figs. 9 and 11 with PCA: how far the top principal subspace of the task trajectories turned
    // in training, and how far each snapshot's subspace lies from the readout (angles in degrees).
    private static IEnumerable<ComparedStatistic> SubspaceAngles(NetworkDirectory network, Tensor readoutInit, Tensor readoutFinal)
    {
        var folder = AnalysisWriter.Folder(network.Path);
        var init = Path.Combine(folder, AnalysisWriter.FileName("pca", Snapshot.Init));
        var final = Path.Combine(folder, AnalysisWriter.FileName("pca", Snapshot.Final));
        if (!File.Exists(init) || !File.Exists(final))
        {
            var why = $"not computed: run './rnnlab analyze' with --snapshot init and final first ({Path.GetFileName(File.Exists(init) ? final : init)} is missing)";
            yield return new ComparedStatistic("PCA subspace turn, mean angle (deg)", null, null, why);
            yield return new ComparedStatistic("readout to PCA subspace (deg)", null, null, why);
            yield break;
        }
        using var scope = NewDisposeScope();
        var before = Components(init);
        var after = Components(final);
        static double Degrees(double radians) => radians * 180 / Math.PI;
        var turn = MatrixMeasures.PrincipalAngles(before, after).Select(Degrees).Average();
        double Readout(Tensor components, Tensor wOut) => Degrees(MatrixMeasures.PrincipalAngles(wOut.to(float64).t(), components).Min());
        yield return new ComparedStatistic("PCA subspace turn, mean angle (deg)", null, turn);
        yield return new ComparedStatistic("readout to PCA subspace (deg)", Readout(before, readoutInit), Readout(after, readoutFinal));
    }

    // The principal components of a pca.json as columns [N, k].
    private static Tensor Components(string pcaJson)
    {
        var rows = JsonNode.Parse(File.ReadAllText(pcaJson))!["components"]!.AsArray()
            .Select(r => r!.AsArray().Select(v => (double)v!).ToArray()).ToArray();
        return tensor(rows.SelectMany(r => r).ToArray(), [rows.Length, rows[0].Length]).t();
    }

    private static Dictionary<string, int> Count(string fixedPointsJson)
    {
        var root = JsonNode.Parse(File.ReadAllText(fixedPointsJson))!;
        return root["points"]!.AsArray()
            .Where(p => (string?)p!["kind"] == "fixed")
            .GroupBy(p => (string)p!["stability"]!)
            .ToDictionary(g => g.Key, g => g.Count());
    }
}
