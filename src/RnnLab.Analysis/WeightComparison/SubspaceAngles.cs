using RnnLab.Analysis.Dca;
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
/// ConditionsInit/ConditionsFinal between the subspaces of two input conditions (Fig. 10; null when the
/// task has no pair, see ConditionsUnavailable); Readout* the smallest angle between W_out's rows and the
/// task subspace (Fig. 11); Information* the task subspace's predictive information in nats (DCA only).
/// </summary>
public sealed record SubspaceAngles(SubspaceMethod Method, double[] Turn, double[]? ConditionsInit, double[]? ConditionsFinal,
    double ReadoutInit, double ReadoutFinal, double? InformationInit, double? InformationFinal, string? ConditionsUnavailable)
{
    /// <summary>Finds the subspaces of both snapshots on the same trials and noise and measures their angles.</summary>
    public static SubspaceAngles Compare(SubspaceMethod method, SnapshotSimulator simulator, RateRnn init, RateRnn final, ComparisonOptions options, ulong seed)
    {
        using var scope = NewDisposeScope();
        var contrast = ConditionDefaults.Contrast(simulator.Task);
        (Tensor basis, double? information) Find(Tensor states)
        {
            if (method == SubspaceMethod.Pca)
            {
                var pca = TrajectoryPca.Fit(states, options.Dca.Dimensions);
                return (tensor(pca.Components.SelectMany(c => c).ToArray(), [pca.Components.Length, states.size(2)]).t(), null);
            }
            using var generator = new Generator(seed);
            var dca = DynamicalComponents.Fit(LaggedCovariances.Of(states, 2 * options.Dca.Window), options.Dca, generator);
            return (dca.Basis(), dca.Information);
        }
        double[]? Conditions(RateRnn network) => contrast is { } pair
            ? Degrees(MatrixMeasures.PrincipalAngles(Find(simulator.AtCondition(network, pair.First).Rates).basis, Find(simulator.AtCondition(network, pair.Second).Rates).basis))
            : null;
        static double Readout(RateRnn network, Tensor basis) =>
            Degrees(MatrixMeasures.PrincipalAngles(network.state_dict()["W_out"].to(float64).t(), basis)).Min();

        var (before, informationBefore) = Find(simulator.OnTask(init).Rates);
        var (after, informationAfter) = Find(simulator.OnTask(final).Rates);
        return new SubspaceAngles(method, Degrees(MatrixMeasures.PrincipalAngles(before, after)), Conditions(init), Conditions(final),
            Readout(init, before), Readout(final, after), informationBefore, informationAfter,
            contrast is null ? $"not computed: the task '{simulator.Task.Kind}' has no pair of input conditions to contrast (perception, decision and sine_generate do)" : null);
    }

    private static double[] Degrees(double[] radians) => [.. radians.Select(r => r * 180 / Math.PI).Order()];
}
