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
/// Compares the untrained and trained weights of one network of a run: the <see cref="WeightChange"/>
/// statistics of its effective recurrent weights, the mean weight at every saved checkpoint (seed 002
/// Fig. 4), the latent subspaces of its task trajectories by PCA and DCA (Figs. 9-11), the maximal
/// predictive information against the leaky-relu angle (Fig. 6), the output against the condition
/// (Fig. 1), the task loss and accuracy before and after, and, when `analyze` has been run for both snapshots, the number of fixed points of each
/// stability class. Parts that do not apply to the network say why in Unavailable.
/// </summary>
public sealed record NetworkComparison(string Network, WeightChange Change, IReadOnlyList<(int Step, double MeanWeight)> MeanWeightByCheckpoint,
    IReadOnlyList<ChangeAtCheckpoint> ChangeByCheckpoint,
    IReadOnlyList<SubspaceAngles> Subspaces, PredictiveInformationSweep? InformationSweep, TaskPerformance? Performance, TaskScore Score,
    IReadOnlyDictionary<string, string> Unavailable, IReadOnlyList<ComparedStatistic> Statistics)
{
    /// <summary>How non-linear the untrained and trained dynamics are on the task trials, without DCA (relu networks only; null otherwise).</summary>
    public Nonlinearity? NonlinearityInit { get; init; }

    /// <summary>The trained counterpart of <see cref="NonlinearityInit"/>.</summary>
    public Nonlinearity? NonlinearityFinal { get; init; }

    /// <summary>The centrality rank change, 1 - Spearman, that random changes of training's size make (<see cref="CentralityNull"/>).</summary>
    public double CentralityNullRankChange { get; init; } = double.NaN;

    /// <summary>Compares one network; its init and final weights must exist.</summary>
    public static NetworkComparison Of(RunDirectory run, NetworkDirectory network, ComparisonOptions? options = null)
    {
        var o = options ?? new ComparisonOptions();
        o.Validate();
        var fixedPointCounts = FixedPointCounts(run, network, o.Trained);   // first: analysis files of another run stop it before any work
        using var scope = NewDisposeScope();
        var dale = run.Options.Model.Dale;
        var task = run.Options.CreateTask();
        using var init = NetworkLoader.Read(run.Options, task, network, Snapshot.Init);
        using var final = NetworkLoader.Read(run.Options, task, network, o.Trained);
        var mask = init.Tensors["mask"];
        var w0 = Effective(init.Tensors, dale);
        var change = WeightChange.Compare(w0, Effective(final.Tensors, dale), mask, o.Weights);

        var series = new List<(int, double)> { (0, change.Before.Mean) };
        // How the change grows during training, over the saved checkpoints (seed 002 Fig. 7 as a function of the step);
        // W_init's spectrum is the one the comparison already computed.
        var growth = new List<ChangeAtCheckpoint> { new(0, [.. o.Weights.ChangeFractions.Select(f => new ChangedFraction(f, 0))], 0) };
        foreach (var path in network.Checkpoints().Reverse())
        {
            using var checkpoint = TrainingCheckpoint.Load(path);
            NetworkLoader.CheckFits(run.Options.Model, task, path, checkpoint.Model);
            var w = Effective(checkpoint.Model, dale);
            series.Add((checkpoint.Step, w.masked_select(mask.to(@bool)).mean().ToDouble()));
            growth.Add(new ChangeAtCheckpoint(checkpoint.Step, WeightChange.FractionsChanged(w0, w, mask, o.Weights.ChangeFractions),
                WeightChange.CountEigenvaluesMoved(change.Eigenvalues.Before, w, o.Weights.EigenvalueThreshold)));
        }

        var unavailable = new Dictionary<string, string>();
        using var simulator = new SnapshotSimulator(run.Options, network, o.Trials);
        using var before = simulator.Load(Snapshot.Init);
        using var after = simulator.Load(o.Trained);
        using var retest = new SnapshotSimulator(run.Options, network, o.Trials, replicate: 1);
        var dcaSeed = SeedStream.TorchSeed(unchecked((ulong)network.Seed), SeedPurpose.Comparison, SnapshotSimulator.DcaStream);
        SubspaceAngles[] subspaces = [.. Enum.GetValues<SubspaceMethod>().Select(m => SubspaceAngles.Compare(m, simulator, before, after, o, dcaSeed, retest))];
        if (subspaces[0].ConditionsUnavailable is { } noPair) unavailable["conditions"] = noPair;
        PredictiveInformationSweep? sweep = null;
        if (PredictiveInformationSweep.Unavailable(run.Options.Model) is { } noSweep) unavailable["information_sweep"] = noSweep;
        else sweep = PredictiveInformationSweep.Of(simulator, o, dcaSeed, change.LargestRealPartBefore, change.LargestRealPartAfter);
        var score = TaskScore.Of(simulator, before, after);
        TaskPerformance? performance = null;
        if (ConditionDefaults.Sweep(simulator.Task, o.SweepPoints) is { } conditions) performance = TaskPerformance.Of(simulator, conditions, before, after);
        else unavailable["performance"] = $"not computed: the task '{simulator.Task.Kind}' has no one-parameter family of conditions to plot the output against (perception and decision do)";

        List<ComparedStatistic> statistics =
        [
            new("task loss (masked MSE)", score.LossInit, score.LossFinal),
            new("task accuracy", score.AccuracyInit, score.AccuracyFinal),
            new("mean weight", change.Before.Mean, change.After.Mean),
            new("weight std", change.Before.Std, change.After.Std),
            new("spectral radius", change.SpectralRadiusBefore, change.SpectralRadiusAfter),
            new("largest real part", change.LargestRealPartBefore, change.LargestRealPartAfter),
            new("Henrici departure |N|_F", change.NonNormalityBefore.Henrici, change.NonNormalityAfter.Henrici),
            new("Henrici departure |N|_F / |W|_F", change.NonNormalityBefore.HenriciRelative, change.NonNormalityAfter.HenriciRelative),
            new("Schur non-normal part |N|_2", change.NonNormalityBefore.SchurOperator, change.NonNormalityAfter.SchurOperator),
            new("Schur |N|_2 / |W|_2", change.NonNormalityBefore.SchurOperatorRelative, change.NonNormalityAfter.SchurOperatorRelative),
            .. change.Changed.Select(c => new ComparedStatistic(
                string.Create(System.Globalization.CultureInfo.InvariantCulture, $"fraction of weights changed by > {c.OfInitialStd:0.##} std(W_init)"), null, c.Fraction)),
            new("median |dW| / std(W_init)", null, change.Sizes.Median),
            new("99th percentile |dW| / std(W_init)", null, change.Sizes.Quantile99),
            new("|dW|_F / |W_init|_F", null, change.RelativeChange),
            new("effective rank of dW", null, change.ChangeEffectiveRank),
            new("top-5 share of dW", null, change.ChangeTopShare),
            new("eigenvalues moved", null, change.EigenvaluesMoved),
            new("centrality rank correlation", null, change.CentralityRankCorrelation),
            new("least-to-most central swaps", null, change.CentralSwaps),
        ];
        statistics.AddRange(fixedPointCounts);
        Nonlinearity? Measure(RnnLab.Models.RateRnn network) => run.Options.Model.Activation == RnnLab.Models.Activation.Relu
            ? Nonlinearity.Of(simulator.OnTask(network).Rates, simulator.TaskTrials.Inputs, run.Options.Model.Alpha) : null;
        var (nonlinearInit, nonlinearFinal) = (Measure(before), Measure(after));
        const string notRelu = "not computed: rectification is a relu's; this network uses another activation";
        statistics.Add(new ComparedStatistic("fraction of unit-steps rectified", nonlinearInit?.RectifiedFraction, nonlinearFinal?.RectifiedFraction, nonlinearInit is null ? notRelu : null));
        statistics.Add(new ComparedStatistic("active-set change per step (fraction of units)", nonlinearInit?.ActiveSetChangeRate, nonlinearFinal?.ActiveSetChangeRate, nonlinearInit is null ? notRelu : null));
        statistics.Add(new ComparedStatistic("best linear model's error (over standing still)", nonlinearInit?.LinearModelError, nonlinearFinal?.LinearModelError, nonlinearInit is null ? notRelu : null));
        double centralityNull;
        using (var generator = new Generator(dcaSeed ^ 0xCE47_AA11))
            centralityNull = CentralityNull.MeanRankChange(w0, linalg.matrix_norm(Effective(final.Tensors, dale) - w0).ToDouble(), mask, CentralityNull.Draws, generator);
        statistics.Add(new ComparedStatistic("centrality rank change of random changes of that size (1 - Spearman)", null, centralityNull));
        foreach (var s in subspaces) statistics.AddRange(AngleStatistics(s));
        var dca = subspaces.Single(s => s.Method == SubspaceMethod.Dca);
        statistics.Add(new ComparedStatistic("DCA predictive information (nats)", dca.InformationInit, dca.InformationFinal));
        statistics.Add(new ComparedStatistic("DCA spread of PI across starts (nats)", dca.AgreementInit?.InformationSpread, dca.AgreementFinal?.InformationSpread));
        statistics.Add(new ComparedStatistic("DCA starts converged (fraction)", (double?)dca.AgreementInit?.Converged / dca.AgreementInit?.Starts,
            (double?)dca.AgreementFinal?.Converged / dca.AgreementFinal?.Starts));
        // How far from stationary the task trials are: the shift that made the block-Toeplitz estimate positive definite, over the mean variance.
        statistics.Add(o.Dca.Estimator == DcaEstimator.Toeplitz
            ? new ComparedStatistic("DCA covariance rectification (shift / mean variance)", dca.AgreementInit?.Rectification, dca.AgreementFinal?.Rectification)
            : new ComparedStatistic("DCA covariance rectification (shift / mean variance)", null, null, "not needed: the windows' own covariance is positive semi-definite (DcaOptions.Estimator = Windows)"));
        statistics.Add(new ComparedStatistic("DCA converged starts within 0.05 nats of the best (fraction)", dca.AgreementInit?.FractionReached, dca.AgreementFinal?.FractionReached));
        var thetas = o.Angles.Length > 1 ? new[] { 0, o.Angles.Length - 1 } : [0];
        foreach (var i in thetas)
        {
            var name = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"max PI at theta = {o.Angles[i]:0.###} (nats)");
            statistics.Add(sweep is null ? new ComparedStatistic(name, null, null, unavailable["information_sweep"])
                : sweep.DivergedInit[i] || sweep.DivergedFinal[i]
                    ? new ComparedStatistic(name, null, null, string.Create(System.Globalization.CultureInfo.InvariantCulture,
                        $"not a measure of information: the {(sweep.DivergedFinal[i] ? "trained" : "untrained")} network diverges at this angle (largest real part of W_rec {(sweep.DivergedFinal[i] ? sweep.AbscissaFinal : sweep.AbscissaInit):0.###})"))
                    : new ComparedStatistic(name, sweep.Init[i], sweep.Final[i]));
        }
        return new NetworkComparison(network.Path, change, series, growth, subspaces, sweep, performance, score, unavailable, statistics)
        {
            NonlinearityInit = nonlinearInit, NonlinearityFinal = nonlinearFinal, CentralityNullRankChange = centralityNull,
        };
    }

    // Seed 002 Figs. 9-11 as numbers: the mean principal angle of the turn in training and between the two
    // conditions' subspaces, and the readout's angle to the task subspace.
    private static IEnumerable<ComparedStatistic> AngleStatistics(SubspaceAngles s)
    {
        var m = s.Method.ToString().ToUpperInvariant();
        yield return new ComparedStatistic($"{m} subspace turn, mean angle (deg)", null, s.Turn.Average());
        yield return s.ConditionsInit is { } a && s.ConditionsFinal is { } b
            ? new ComparedStatistic($"{m} condition subspaces, mean angle (deg)", a.Average(), b.Average())
            : new ComparedStatistic($"{m} condition subspaces, mean angle (deg)", null, null, s.ConditionsUnavailable);
        yield return new ComparedStatistic($"readout to {m} subspace, all trials pooled (deg)", s.ReadoutInit, s.ReadoutFinal);
        yield return s.ReadoutWithinInit is { } wi && s.ReadoutWithinFinal is { } wf
            ? new ComparedStatistic($"readout to {m} subspace within a condition (deg)", wi.Average(), wf.Average())
            : new ComparedStatistic($"readout to {m} subspace within a condition (deg)", null, null, s.ConditionsUnavailable);
        yield return new ComparedStatistic($"random readout to a random {m}-sized subspace, arccos(sqrt(d/N)) (deg)", s.ReadoutBaseline, s.ReadoutBaseline);
        yield return s.ReadoutNull is { } n
            ? new ComparedStatistic($"random readouts to the trained {m} condition subspace, mean (deg)", null, n.Mean)
            : new ComparedStatistic($"random readouts to the trained {m} condition subspace, mean (deg)", null, null, s.ConditionsUnavailable);
        yield return s.ShareInit is { } si && s.ShareFinal is { } sf
            ? new ComparedStatistic($"readout's share of within-condition variance in the {m} subspace (random direction: 1)", si, sf)
            : new ComparedStatistic($"readout's share of within-condition variance in the {m} subspace (random direction: 1)", null, null, s.ConditionsUnavailable);
        yield return new ComparedStatistic($"{m} task subspace test-retest, mean angle (deg)", s.RetestInit, s.RetestFinal,
            s.RetestInit is null ? "not computed: no retest trials" : null);
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
