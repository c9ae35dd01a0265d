using RnnLab.Analysis.Dca;
using RnnLab.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace RnnLab.Analysis.WeightComparison;

/// <summary>
/// Seed 002 Fig. 6: the maximal predictive information (DCA, nats) of the task trajectories of the
/// untrained and trained weights, re-simulated with the activation replaced by a leaky relu of angle
/// theta, from relu (theta = 0) to linear (theta = pi/4). Init[i] and Final[i] belong to Angles[i].
/// </summary>
public sealed record PredictiveInformationSweep(double[] Angles, double[] Init, double[] Final)
{
    /// <summary>Why the sweep does not apply to a network, or null when it does: it swaps relu for leaky relu.</summary>
    public static string? Unavailable(ModelOptions model) => model.Activation is Activation.Relu or Activation.LeakyRelu
        ? null
        : $"not computed: the sweep varies a leaky relu's angle from relu to linear; this network uses {model.Activation.ToString().ToLowerInvariant()}";

    /// <summary>Runs the sweep for one network.</summary>
    public static PredictiveInformationSweep Of(SnapshotSimulator simulator, ComparisonOptions options, ulong seed)
    {
        if (Unavailable(simulator.Model) is { } why) throw new InvalidOperationException(why);
        double[] Sweep(Snapshot snapshot) => [.. options.Angles.Select(theta =>
        {
            using var scope = NewDisposeScope();
            using var network = simulator.Load(snapshot, simulator.Model with { Activation = Activation.LeakyRelu, LeakyReluAngle = theta });
            using var generator = new Generator(seed);
            var states = simulator.OnTask(network).Rates;
            return DynamicalComponents.Fit(LaggedCovariances.Of(states, 2 * options.Dca.Window), options.Dca, generator).Information;
        })];
        return new PredictiveInformationSweep(options.Angles, Sweep(Snapshot.Init), Sweep(Snapshot.Final));
    }
}
