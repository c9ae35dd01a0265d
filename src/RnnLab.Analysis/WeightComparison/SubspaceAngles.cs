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
/// the task subspace's predictive information in nats (DCA only).
/// </summary>
public sealed record SubspaceAngles(SubspaceMethod Method, double[] Turn, double[]? ConditionsInit, double[]? ConditionsFinal,
    double ReadoutInit, double ReadoutFinal, double? InformationInit, double? InformationFinal, string? ConditionsUnavailable,
    double[]? ReadoutWithinInit = null, double[]? ReadoutWithinFinal = null, double ReadoutBaseline = double.NaN, ReadoutNull? ReadoutNull = null,
    StartAgreement? AgreementInit = null, StartAgreement? AgreementFinal = null)
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
        var angles = cosines.Select(c => Math.Acos(c) * 180 / Math.PI).Order().ToArray();
        return new ReadoutNull(angles.Average(), angles[(int)(0.025 * draws)], angles[Math.Min(draws - 1, (int)(0.975 * draws))]);
    }

    /// <summary>Finds the subspaces of both snapshots on the same trials and noise and measures their angles.</summary>
    public static SubspaceAngles Compare(SubspaceMethod method, SnapshotSimulator simulator, RateRnn init, RateRnn final, ComparisonOptions options, ulong seed)
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
            var (covariances, shift) = LaggedCovariances.Estimate(states, 2 * options.Dca.Window);
            var dca = DynamicalComponents.Fit(covariances, options.Dca with { Restarts = starts }, generator, LaggedCovariances.RelativeShift(covariances, shift));
            return (dca.Basis(), dca.Information, StartAgreement.Of(dca));
        }
        // Each condition's subspace, from its trials after the grace period (where the output is held).
        Tensor AfterGrace(Tensor rates) => rates.narrow(0, simulator.GraceSteps, rates.size(0) - simulator.GraceSteps);
        (Tensor First, Tensor Second)? ConditionBases(RateRnn network) => contrast is { } pair
            ? (Find(AfterGrace(simulator.AtCondition(network, pair.First).Rates), options.Dca.Restarts).basis,
                Find(AfterGrace(simulator.AtCondition(network, pair.Second).Rates), options.Dca.Restarts).basis)
            : null;
        static double Readout(RateRnn network, Tensor basis) =>
            Degrees(MatrixMeasures.PrincipalAngles(network.state_dict()["W_out"].to(float64).t(), basis)).Min();

        // The task subspaces: with more starts, for H4's agreement between them.
        var taskStarts = Math.Max(options.Dca.Restarts, options.AgreementStarts);
        var (before, informationBefore, agreementBefore) = Find(simulator.OnTask(init).Rates, taskStarts);
        var (after, informationAfter, agreementAfter) = Find(simulator.OnTask(final).Rates, taskStarts);
        var (conditionsInit, conditionsFinal) = (ConditionBases(init), ConditionBases(final));
        double[]? Between((Tensor First, Tensor Second)? b) => b is { } x ? Degrees(MatrixMeasures.PrincipalAngles(x.First, x.Second)) : null;
        double[]? Within(RateRnn network, (Tensor First, Tensor Second)? b) => b is { } x ? [Readout(network, x.First), Readout(network, x.Second)] : null;
        ReadoutNull? nullAngles = null;
        if (conditionsFinal is { } trained)
        {
            using var generator = new Generator(seed ^ 0x5EED_0F_AA);   // a stream apart from DCA's starts, which use seed itself
            nullAngles = RandomReadouts(trained.First, NullDraws, generator);
        }
        return new SubspaceAngles(method, Degrees(MatrixMeasures.PrincipalAngles(before, after)), Between(conditionsInit), Between(conditionsFinal),
            Readout(init, before), Readout(final, after), informationBefore, informationAfter,
            contrast is null ? $"not computed: the task '{simulator.Task.Kind}' has no pair of input conditions to contrast (perception, decision and sine_generate do)" : null,
            Within(init, conditionsInit), Within(final, conditionsFinal), Baseline(options.Dca.Dimensions, before.size(0)), nullAngles, agreementBefore, agreementAfter);
    }

    private static double[] Degrees(double[] radians) => [.. radians.Select(r => r * 180 / Math.PI).Order()];
}
