using RnnLab.Analysis.Dca;
using RnnLab.Randomness;
using TorchSharp;
using System.Text.Json.Nodes;
using RnnLab.Experiments;
using RnnLab.Safetensors;
using static TorchSharp.torch;

namespace RnnLab.Analysis.WeightComparison;

/// <summary>The weight change from init to a checkpoint: the fractions of weights changed (relative to std(W_init)) and the eigenvalues moved.</summary>
public sealed record ChangeAtCheckpoint(int Step, IReadOnlyList<ChangedFraction> Changed, int EigenvaluesMoved);

/// <summary>One scalar statistic of one network before and after training, or why it could not be computed.</summary>
public sealed record ComparedStatistic(string Name, double? Init, double? Final, string? Unavailable = null)
{
    /// <summary>Final minus init, when both exist.</summary>
    public double? Change => Init is { } a && Final is { } b ? b - a : null;
}

/// <summary>
/// Compares the untrained and trained weights of one network of a run: every measure of
/// <see cref="ComparisonMeasures.All"/> (the weight change, the mean weight at every saved checkpoint, the
/// PCA and DCA subspaces, the predictive information sweep, the output against the condition, the task
/// score, the fixed points `analyze` found), each computed once from one <see cref="ComparisonContext"/>.
/// Results are kept by measure id, in table order; the statistics table is the measures' rows, and parts
/// that do not apply to the network say why in Unavailable.
/// </summary>
public sealed record NetworkComparison(string Network, IReadOnlyList<MeasureResult> Measures)
{
    /// <summary>The result of the measure with this id; throws naming it when there is none.</summary>
    public MeasureResult Measure(string id) =>
        Measures.FirstOrDefault(m => m.Id == id) ?? throw new KeyNotFoundException($"'{Network}' has no comparison measure '{id}'");

    /// <summary>The typed value of the measure with this id.</summary>
    public T Result<T>(string id) => (T)Measure(id).Value!;

    /// <summary>The scalar statistics table: every measure's rows, in registry order.</summary>
    public IReadOnlyList<ComparedStatistic> Statistics => [.. Measures.SelectMany(m => m.Statistics)];

    /// <summary>Why parts of the comparison do not apply, by key (the first measure to say so names it).</summary>
    public IReadOnlyDictionary<string, string> Unavailable
    {
        get
        {
            var why = new Dictionary<string, string>();
            foreach (var (key, value) in Measures.SelectMany(m => m.Unavailable)) why.TryAdd(key, value);
            return why;
        }
    }

    /// <summary>The weight change (WeightChangeMeasure.Key).</summary>
    public WeightChange Change => Result<WeightChange>(WeightChangeMeasure.Key);

    /// <summary>The mean weight at each checkpoint, init first (CheckpointGrowthMeasure.Key).</summary>
    public IReadOnlyList<(int Step, double MeanWeight)> MeanWeightByCheckpoint => Result<CheckpointGrowth>(CheckpointGrowthMeasure.Key).MeanWeight;

    /// <summary>The change from init at each checkpoint (CheckpointGrowthMeasure.Key).</summary>
    public IReadOnlyList<ChangeAtCheckpoint> ChangeByCheckpoint => Result<CheckpointGrowth>(CheckpointGrowthMeasure.Key).Changes;

    /// <summary>The subspace comparisons, one per method that has a measure.</summary>
    public IReadOnlyList<SubspaceAngles> Subspaces =>
        [.. Enum.GetValues<SubspaceMethod>().Select(m => Measures.FirstOrDefault(r => r.Id == SubspaceMeasure.IdOf(m))?.Value).OfType<SubspaceAngles>()];

    /// <summary>The predictive information sweep (InformationSweepMeasure.Key), null where it does not apply.</summary>
    public PredictiveInformationSweep? InformationSweep => Result<PredictiveInformationSweep?>(InformationSweepMeasure.Key);

    /// <summary>The output against the condition (TaskPerformanceMeasure.Key), null where the task has no such family.</summary>
    public TaskPerformance? Performance => Result<TaskPerformance?>(TaskPerformanceMeasure.Key);

    /// <summary>The task loss and accuracy (TaskScoreMeasure.Key).</summary>
    public TaskScore Score => Result<TaskScore>(TaskScoreMeasure.Key);

    /// <summary>How non-linear the untrained dynamics are on the task trials, without DCA (relu networks only; null otherwise).</summary>
    public Nonlinearity? NonlinearityInit => Result<NonlinearityChange>(NonlinearityMeasure.Key).Init;

    /// <summary>The trained counterpart of <see cref="NonlinearityInit"/>.</summary>
    public Nonlinearity? NonlinearityFinal => Result<NonlinearityChange>(NonlinearityMeasure.Key).Final;

    /// <summary>The centrality rank change, 1 - Spearman, that random changes of training's size make (<see cref="CentralityNull"/>).</summary>
    public double CentralityNullRankChange => Result<CentralityNullResult>(CentralityNullMeasure.Key).MeanRankChange;

    /// <summary>Compares one network; its init and final weights must exist.</summary>
    public static NetworkComparison Of(RunDirectory run, NetworkDirectory network, ComparisonOptions? options = null)
    {
        var o = options ?? new ComparisonOptions();
        o.Validate();
        using var context = new ComparisonContext(run, network, o);
        return new NetworkComparison(network.Path, [.. ComparisonMeasures.All.Select(m => m.Compute(context))]);
    }

    /// <summary>W_rec as it acts: masked, and sign-constrained under Dale's law.</summary>
    public static Tensor Effective(IReadOnlyDictionary<string, Tensor> state, bool dale) =>
        dale ? state["W_rec"].abs() * state["mask"] * state["dale_sign"].unsqueeze(0) : state["W_rec"] * state["mask"];

    /// <summary>
    /// The fixed points of each stability class before and after training, from what `analyze` wrote (each
    /// unavailable, saying why, until both snapshots are analysed); a file computed from another run in the
    /// same folder throws an <see cref="Artifacts.AnotherRunException"/> naming it.
    /// </summary>
    public static IReadOnlyList<ComparedStatistic> FixedPointCounts(RunDirectory run, NetworkDirectory network, Snapshot trained) =>
        [.. CountsOf(run, network, trained)];

    private static IEnumerable<ComparedStatistic> CountsOf(RunDirectory run, NetworkDirectory network, Snapshot trained)
    {
        var folder = AnalysisWriter.Folder(network.Path);
        var init = Path.Combine(folder, AnalysisWriter.FileName("fixed_points", Snapshot.Init));
        var final = Path.Combine(folder, AnalysisWriter.FileName("fixed_points", trained));
        string[] classes = ["stable", "saddle", "unstable"];
        if (!File.Exists(init) || !File.Exists(final))
        {
            var why = $"not computed: run './rnnlab analyze' with --snapshot init and {trained.ToString().ToLowerInvariant()} first ({Path.GetFileName(File.Exists(init) ? final : init)} is missing)";
            foreach (var c in classes) yield return new ComparedStatistic($"{c} fixed points", null, null, why);
            yield break;
        }
        var before = Count(AnalysisWriter.ReadFixedPoints(init, run, Snapshot.Init));
        var after = Count(AnalysisWriter.ReadFixedPoints(final, run, trained));
        foreach (var c in classes) yield return new ComparedStatistic($"{c} fixed points", before.GetValueOrDefault(c), after.GetValueOrDefault(c));
    }

    private static Dictionary<string, int> Count(Artifacts.FixedPointsFile file) =>
        file.Points
            .Where(p => p.Kind == "fixed")
            .GroupBy(p => p.Stability)
            .ToDictionary(g => g.Key, g => g.Count());
}
