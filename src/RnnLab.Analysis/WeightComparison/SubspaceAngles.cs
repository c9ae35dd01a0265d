using RnnLab.Analysis.Linalg;
using RnnLab.Analysis.Dca;
using StartAgreement = RnnLab.Analysis.Dca.StartAgreement;
using RnnLab.Analysis.Pca;
using RnnLab.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace RnnLab.Analysis.WeightComparison;

/// <summary>How latent subspaces are found: the top principal components, or DCA's most predictive projection.</summary>
public enum SubspaceMethod
{
    /// <summary>Principal component analysis (variance).</summary>
    Pca,
    /// <summary>Dynamical components analysis (predictive information).</summary>
    Dca,
}

/// <summary>
/// One method's latent subspaces of a network before and after training (seed 002 Figs. 9-11), as
/// principal angles in degrees, ascending: Turn between the task subspaces before and after (Fig. 9);
/// ConditionsInit/ConditionsFinal between the subspaces of two input conditions, each fitted after the
/// grace period (Fig. 10; null when the task has no pair, see ConditionsUnavailable); Readout* the
/// smallest angle between W_out's rows and the task subspace pooled over all trials (which training must
/// bring the condition difference into, so it can only shrink); ReadoutWithin* that angle to each
/// condition's own subspace (Fig. 11 as the seed argues it: the dynamics within one condition); the
/// baseline arccos(sqrt(d/N)) where a random readout sits against a random d-dimensional subspace, and
/// ReadoutNull the angle of random readouts to the trained network's condition subspaces; Information*
/// the task subspace's predictive information in nats (DCA only). Share* is the readout's share of the
/// within-condition variance inside each condition's subspace, w^T C_S w / (|w|^2 tr C_S / N) with C_S the
/// covariance of the condition's states after the grace period projected onto its subspace, averaged over
/// the two conditions: 1 is what a random direction gets on average, below 1 the readout sees less of the
/// dynamics than a random direction would (ShareNull: the shares of random directions for the trained
/// network's first condition, mean and central 95%). Retest* is the test-retest null of the turn: the mean
/// principal angle between the task subspace fitted to the trials and the one fitted, by the same
/// procedure, to fresh trials and noise of the same weights.
/// </summary>
public sealed record SubspaceAngles(SubspaceMethod Method, double[] Turn, double[]? ConditionsInit, double[]? ConditionsFinal,
    double ReadoutInit, double ReadoutFinal, double? InformationInit, double? InformationFinal, string? ConditionsUnavailable,
    double[]? ReadoutWithinInit = null, double[]? ReadoutWithinFinal = null, double ReadoutBaseline = double.NaN, ReadoutNull? ReadoutNull = null,
    StartAgreement? AgreementInit = null, StartAgreement? AgreementFinal = null,
    double? ShareInit = null, double? ShareFinal = null, ReadoutNull? ShareNull = null, double? RetestInit = null, double? RetestFinal = null)
{
    /// <summary>Random readouts drawn for the null.</summary>
    public const int NullDraws = 1000;

    /// <summary>arccos(sqrt(d/N)) in degrees: where a random direction sits against a d-dimensional subspace of R^N (E cos² = d/N).</summary>
    public static double Baseline(int dimensions, long units) => Math.Acos(Math.Sqrt(Math.Min(1, dimensions / (double)units))) * 180 / Math.PI;

    /// <summary>The angles (degrees) of draws random directions of R^N to the subspace of basis [N, d]: their mean and central 95%.</summary>
    public static ReadoutNull RandomReadouts(Tensor basis, int draws, Generator generator)
    {
        using var scope = NewDisposeScope();
        var (q, _) = linalg.qr(basis.to(float64));
        var directions = randn([draws, basis.size(0)], float64, generator: generator);
        var cosines = (directions.matmul(q).norm(1) / directions.norm(1)).clamp(0, 1).ToArray<double>();
        return ReadoutNull.Of(cosines.Select(c => Math.Acos(c) * 180 / Math.PI));
    }

    /// <summary>
    /// The readout's share of the within-condition variance inside a subspace (see the record), averaged
    /// over the readout's rows: rates [T, B, N] of one condition, basis [N, d], readout [outputs, N].
    /// </summary>
    public static double ReadoutShare(Tensor readout, Tensor rates, Tensor basis)
    {
        using var scope = NewDisposeScope();
        var inside = Inside(rates, basis);
        var w = readout.to(float64);
        return Shares(w, inside, rates.size(2)).mean().ToDouble();
    }

    /// <summary>The shares of draws random directions (as <see cref="ReadoutShare"/>): their mean and central 95%.</summary>
    public static ReadoutNull RandomShares(Tensor rates, Tensor basis, int draws, Generator generator)
    {
        using var scope = NewDisposeScope();
        return ReadoutNull.Of(Shares(randn([draws, rates.size(2)], float64, generator: generator), Inside(rates, basis), rates.size(2)).ToArray<double>());
    }

    // The states' covariance about their mean, projected onto span(basis): P C P with P = Q Q^T.
    private static Tensor Inside(Tensor rates, Tensor basis)
    {
        var x = rates.to(float64).reshape(-1, rates.size(2));
        x = x - x.mean([0]);
        var q = linalg.qr(basis.to(float64)).Q;
        var p = q.matmul(q.t());
        return p.matmul(x.t().matmul(x) / (x.size(0) - 1)).matmul(p);
    }

    private static Tensor Shares(Tensor directions, Tensor inside, long units) =>
        (directions.matmul(inside) * directions).sum(1) / (directions.square().sum(1) * (inside.trace() / units));

    /// <summary>
    /// Finds the subspaces of both snapshots on the same trials and noise and measures their angles; with
    /// retest (the same network on fresh trials and noise), the task subspaces are fitted again there for
    /// the turn's test-retest null.
    /// </summary>
    public static SubspaceAngles Compare(SubspaceMethod method, SnapshotSimulator simulator, RateRnn init, RateRnn final, ComparisonOptions options, ulong seed,
        SnapshotSimulator? retest = null)
    {
        using var scope = NewDisposeScope();
        var contrast = ConditionDefaults.Contrast(simulator.Task);
        // A subspace of the states, with DCA's predictive information and how its starts agree (PCA: neither).
        (Tensor basis, double? information, StartAgreement? agreement) Find(Tensor states, int starts)
        {
            if (method == SubspaceMethod.Pca)
            {
                var pca = TrajectoryPca.Fit(states, options.Dca.Dimensions);
                return (tensor(pca.Components.SelectMany(c => c).ToArray(), [pca.Components.Length, states.size(2)]).t(), null, null);
            }
            using var generator = new Generator(seed);
            var dca = DynamicalComponents.Fit(PredictiveEstimate.Of(states, options.Dca), options.Dca with { Restarts = starts }, generator);
            return (dca.Basis(), dca.Information, StartAgreement.Of(dca));
        }
        // Each condition's subspace, from its trials after the grace period (where the output is held).
        Tensor AfterGrace(Tensor rates) => rates.narrow(0, simulator.GraceSteps, rates.size(0) - simulator.GraceSteps);
        (Tensor Rates, Tensor Basis)[]? Conditions(RateRnn network) => contrast is { } pair
            ? [.. new[] { pair.First, pair.Second }.Select(c => AfterGrace(simulator.AtCondition(network, c).Rates)).Select(r => (r, Find(r, options.Dca.Restarts).basis))]
            : null;
        (Tensor First, Tensor Second)? Bases((Tensor Rates, Tensor Basis)[]? c) => c is null ? null : (c[0].Basis, c[1].Basis);
        double? Share(RateRnn network, (Tensor Rates, Tensor Basis)[]? c) =>
            c?.Average(x => ReadoutShare(network.StateOf(0)["W_out"], x.Rates, x.Basis));
        static double Readout(RateRnn network, Tensor basis) =>
            Degrees(MatrixMeasures.PrincipalAngles(network.StateOf(0)["W_out"].to(float64).t(), basis)).Min();

        // The task subspaces: with more starts, for H4's agreement between them.
        var taskStarts = Math.Max(options.Dca.Restarts, options.AgreementStarts);
        var (before, informationBefore, agreementBefore) = Find(simulator.OnTask(init).Rates, taskStarts);
        var (after, informationAfter, agreementAfter) = Find(simulator.OnTask(final).Rates, taskStarts);
        var (statesInit, statesFinal) = (Conditions(init), Conditions(final));
        var (conditionsInit, conditionsFinal) = (Bases(statesInit), Bases(statesFinal));
        double? Retest(RateRnn network, Tensor basis) => retest is null ? null
            : Degrees(MatrixMeasures.PrincipalAngles(basis, Find(retest.OnTask(network).Rates, taskStarts).basis)).Average();
        double[]? Between((Tensor First, Tensor Second)? b) => b is { } x ? Degrees(MatrixMeasures.PrincipalAngles(x.First, x.Second)) : null;
        double[]? Within(RateRnn network, (Tensor First, Tensor Second)? b) => b is { } x ? [Readout(network, x.First), Readout(network, x.Second)] : null;
        ReadoutNull? nullAngles = null;
        if (conditionsFinal is { } trained)
        {
            using var generator = new Generator(seed ^ 0x5EED_0F_AA);   // a stream apart from DCA's starts, which use seed itself
            nullAngles = RandomReadouts(trained.First, NullDraws, generator);
        }
        ReadoutNull? shareNull = null;
        if (statesFinal is { } states)
        {
            using var generator = new Generator(seed ^ 0x5EED_0F_AB);
            shareNull = RandomShares(states[0].Rates, states[0].Basis, NullDraws, generator);
        }
        return new SubspaceAngles(method, Degrees(MatrixMeasures.PrincipalAngles(before, after)), Between(conditionsInit), Between(conditionsFinal),
            Readout(init, before), Readout(final, after), informationBefore, informationAfter,
            contrast is null ? $"not computed: the task '{simulator.Task.Kind}' has no pair of input conditions to contrast (perception, decision and sine_generate do)" : null,
            Within(init, conditionsInit), Within(final, conditionsFinal), Baseline(options.Dca.Dimensions, before.size(0)), nullAngles, agreementBefore, agreementAfter,
            Share(init, statesInit), Share(final, statesFinal), shareNull, Retest(init, before), Retest(final, after));
    }

    private static double[] Degrees(double[] radians) => [.. radians.Select(r => r * 180 / Math.PI).Order()];
}
