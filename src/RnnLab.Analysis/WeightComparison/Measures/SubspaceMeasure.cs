namespace RnnLab.Analysis.WeightComparison;

/// <summary>
/// "pca_subspaces" and "dca_subspaces": the latent subspaces of the task trajectories fitted by one method
/// (<see cref="SubspaceAngles"/>; seed 002 Figs. 9-11), and as numbers the mean principal angle of the turn
/// in training and between the two conditions' subspaces, and the readout's angle to the task subspace.
/// </summary>
public sealed class SubspaceMeasure(SubspaceMethod method) : ComparisonMeasure<SubspaceAngles>
{
    /// <summary>The fitting method.</summary>
    public SubspaceMethod Method => method;

    /// <summary>The id of a method's measure.</summary>
    public static string IdOf(SubspaceMethod method) => $"{method.ToString().ToLowerInvariant()}_subspaces";

    /// <inheritdoc />
    public override string Id => IdOf(method);

    /// <inheritdoc />
    protected override SubspaceAngles Of(ComparisonContext c) => c.Subspace(method);

    /// <inheritdoc />
    protected override IEnumerable<KeyValuePair<string, string>> Unavailable(SubspaceAngles s, ComparisonContext c) =>
        s.ConditionsUnavailable is { } why ? [new("conditions", why)] : [];

    /// <inheritdoc />
    protected override IEnumerable<ComparedStatistic> Statistics(SubspaceAngles s, ComparisonContext c)
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
}
