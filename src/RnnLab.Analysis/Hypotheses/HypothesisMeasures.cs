using System.Globalization;
using RnnLab.Analysis.WeightComparison;

namespace RnnLab.Analysis.Hypotheses;

/// <summary>
/// One network's value of a measure: the value, the network's own null where the measure has one
/// (a test-retest or random-change value, with the band it spans), or, when the network has no value,
/// why (it is then left out of that measure and listed).
/// </summary>
public sealed record MeasureValue(double? Value, double? Null = null, double[]? NullBand = null, string? Missing = null)
{
    /// <summary>A network without a value, and why.</summary>
    public static MeasureValue Without(string why) => new(null, Missing: why);
}

/// <summary>
/// A measure a hypothesis spec can name: its id, what it is in words, its unit, which null it has ("retest":
/// the same weights on fresh trials and noise; "random": a random direction or change; null: none), and
/// how to read it from one network's comparison.
/// </summary>
public sealed record HypothesisMeasure(string Id, string Statistic, string Unit, string? NullKind, string? NullDescription, Func<NetworkComparison, MeasureValue> Of);

/// <summary>
/// Every measure a hypothesis spec (experiments/hypotheses/*.json) can name, each computed by `compare`
/// (<see cref="NetworkComparison"/>), read from the typed result of a comparison measure by its id
/// (<see cref="ComparisonMeasures"/>). Adding a measure to the specs means adding it here.
/// </summary>
public static class HypothesisMeasures
{
    // Every reading goes through a comparison measure's typed result, by its id (ComparisonMeasures).
    private static SubspaceAngles Subspace(NetworkComparison n, SubspaceMethod method) => n.Result<SubspaceAngles>(SubspaceMeasure.IdOf(method));

    private static WeightChange Change(NetworkComparison n) => n.Result<WeightChange>(WeightChangeMeasure.Key);

    private static string Angle(double theta) => theta.ToString("0.###", CultureInfo.InvariantCulture);

    // Trained minus untrained PI at the first and last angle of the sweep: missing where there is no sweep, or where a simulation diverges.
    private static MeasureValue PiChange(NetworkComparison n, bool interaction)
    {
        if (n.Result<PredictiveInformationSweep?>(InformationSweepMeasure.Key) is not { } s)
            return MeasureValue.Without(n.Measure(InformationSweepMeasure.Key).Unavailable.GetValueOrDefault("information_sweep", "no PI sweep"));
        if (s.Angles[0] != 0) return MeasureValue.Without("the PI sweep does not start at theta = 0");
        int[] angles = interaction ? [0, s.Angles.Length - 1] : [0];
        if (interaction && s.Angles.Length < 2) return MeasureValue.Without("the PI sweep has one angle");
        foreach (var i in angles)
            if (s.DivergedInit[i] || s.DivergedFinal[i] || !double.IsFinite(s.Init[i]) || !double.IsFinite(s.Final[i]))
                return MeasureValue.Without($"the {(s.DivergedFinal[i] ? "trained" : "untrained")} network diverges (or has no PI) at theta = {Angle(s.Angles[i])}");
        var atZero = s.Final[0] - s.Init[0];
        return new MeasureValue(interaction ? s.Final[^1] - s.Init[^1] - atZero : atZero);
    }

    private static MeasureValue NonlinearityChange(NetworkComparison n, Func<Nonlinearity, double> pick) =>
        n.Result<NonlinearityChange>(NonlinearityMeasure.Key) is { Init: { } a, Final: { } b } ? new MeasureValue(pick(b) - pick(a)) : MeasureValue.Without("not a relu network");

    private static MeasureValue ShareChange(NetworkComparison n, SubspaceMethod method) =>
        Subspace(n, method) is { ShareInit: { } a, ShareFinal: { } b } ? new MeasureValue(b - a) : MeasureValue.Without(Subspace(n, method).ConditionsUnavailable ?? "no readout share");

    /// <summary>The measures, by id.</summary>
    public static IReadOnlyDictionary<string, HypothesisMeasure> All { get; } = new HypothesisMeasure[]
    {
        new("pi_interaction", "[PI trained - PI untrained] at the sweep's last theta minus that at theta = 0 (DCA, leaky relu of angle theta)", "nats", null, null,
            n => PiChange(n, interaction: true)),
        new("pi_change_relu", "PI trained - PI untrained at theta = 0 (DCA)", "nats", null, null, n => PiChange(n, interaction: false)),
        new("rectified_fraction_change", "fraction of unit-steps rectified, trained - untrained", "fraction", null, null, n => NonlinearityChange(n, x => x.RectifiedFraction)),
        new("active_set_change_rate_change", "active-set change per step, trained - untrained", "fraction of units", null, null, n => NonlinearityChange(n, x => x.ActiveSetChangeRate)),
        new("linear_model_error_change", "error of the best linear dynamical model (over standing still), trained - untrained", "ratio", null, null,
            n => NonlinearityChange(n, x => x.LinearModelError)),
        new("relative_weight_change", "|dW|_F / |W_init|_F", "ratio", null, null, n => new MeasureValue(Change(n).RelativeChange)),
        new("centrality_rank_change", "centrality rank change, 1 - Spearman(before, after)", "1 - rho", "random",
            "the rank change random changes of the same |dW|_F make (20 draws per network)",
            n => new MeasureValue(1 - Change(n).CentralityRankCorrelation, n.Result<CentralityNullResult>(CentralityNullMeasure.Key).MeanRankChange)),
        new("dca_turn", "DCA task subspace turn, mean principal angle", "degrees", "retest",
            "the mean angle between task subspaces fitted to two independent sets of trials of the same weights (untrained and trained, averaged)",
            n => Subspace(n, SubspaceMethod.Dca) is { RetestInit: { } a, RetestFinal: { } b } s
                ? new MeasureValue(s.Turn.Average(), (a + b) / 2) : MeasureValue.Without("no retest of the task subspace")),
        new("accuracy_gain", "task accuracy, trained - untrained", "fraction", null, null, n => new MeasureValue(n.Result<TaskScore>(TaskScoreMeasure.Key).AccuracyGain)),
        new("change_effective_rank", "effective rank of dW", "dimensions", null, null, n => new MeasureValue(Change(n).ChangeEffectiveRank)),
        new("eigenvalues_moved_fraction", "fraction of W_rec's eigenvalues moved more than 0.05", "fraction", null, null,
            n => new MeasureValue((double)Change(n).EigenvaluesMoved / Change(n).Eigenvalues.Before.Length)),
        new("dca_readout_share_change", "readout's share of the within-condition variance in the condition DCA subspaces, trained - untrained", "share (random: 1)", null, null,
            n => ShareChange(n, SubspaceMethod.Dca)),
        new("dca_readout_share_trained", "readout's share of the within-condition variance in the condition DCA subspaces, trained", "share (random: 1)", "random",
            "the mean share of 1000 random directions, and their central 95%",
            n => Subspace(n, SubspaceMethod.Dca) is { ShareFinal: { } v, ShareNull: { } r } ? new MeasureValue(v, r.Mean, [r.Low, r.High])
                : MeasureValue.Without(Subspace(n, SubspaceMethod.Dca).ConditionsUnavailable ?? "no readout share")),
        new("pca_readout_share_change", "readout's share of the within-condition variance in the condition PCA subspaces, trained - untrained", "share (random: 1)", null, null,
            n => ShareChange(n, SubspaceMethod.Pca)),
        new("readout_angle_change", "angle between the readout and the condition DCA subspaces, trained - untrained", "degrees", null, null,
            n => Subspace(n, SubspaceMethod.Dca) is { ReadoutWithinInit: { } a, ReadoutWithinFinal: { } b } ? new MeasureValue(b.Average() - a.Average())
                : MeasureValue.Without(Subspace(n, SubspaceMethod.Dca).ConditionsUnavailable ?? "no condition subspaces")),
        new("dca_starts_reaching_best", "fraction of converged DCA starts within 0.05 nats of the best PI, trained task subspace", "fraction", null, null,
            n => Subspace(n, SubspaceMethod.Dca).AgreementFinal is { FractionReached: { } f } ? new MeasureValue(f) : MeasureValue.Without("no DCA start converged")),
        new("dca_reaching_mean_angle", "mean principal angle of the starts reaching the best PI to the best start's subspace, trained", "degrees", null, null,
            n => Subspace(n, SubspaceMethod.Dca).AgreementFinal is { MeanAngles.Length: > 0 } a ? new MeasureValue(a.MeanAngles.Average())
                : MeasureValue.Without("no second start reached the best PI")),
        new("dca_starts_converged", "fraction of DCA starts that converged, trained task subspace", "fraction", null, null,
            n => Subspace(n, SubspaceMethod.Dca).AgreementFinal is { } a ? new MeasureValue((double)a.Converged / a.Starts) : MeasureValue.Without("no DCA starts")),
    }.ToDictionary(m => m.Id);
}
