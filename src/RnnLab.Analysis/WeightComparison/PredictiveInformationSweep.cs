using RnnLab.Analysis.Dca;
using RnnLab.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace RnnLab.Analysis.WeightComparison;

/// <summary>
/// Seed 002 Fig. 6: the maximal predictive information (DCA, nats) of the task trajectories of the
/// untrained and trained weights, re-simulated with the activation replaced by a leaky relu of angle
/// theta, from relu (theta = 0) towards linear (theta = pi/4). Init[i] and Final[i] belong to Angles[i],
/// with DCA's noise floor; InitWithoutFloor and FinalWithoutFloor without it (the floor is RnnLab's, not
/// DCA's or the seed's, and it sets PI along barely moving directions). Near pi/4 the network is nearly
/// linear, and one whose W_rec has an eigenvalue with real part above 1 (Abscissa*) diverges: PI there
/// measures the blow-up, not information, so a diverged simulation (Diverged*) gets NaN, not a number.
/// </summary>
public sealed record PredictiveInformationSweep(double[] Angles, double[] Init, double[] Final, double[] InitWithoutFloor, double[] FinalWithoutFloor,
    bool[] DivergedInit, bool[] DivergedFinal, double AbscissaInit, double AbscissaFinal)
{
    /// <summary>A simulation counts as diverged when a rate is not finite or exceeds this in magnitude (rates of a working network are of order 1).</summary>
    public const double DivergenceLimit = 1e3;

    /// <summary>Why the sweep does not apply to a network, or null when it does: it swaps relu for leaky relu.</summary>
    public static string? Unavailable(ModelOptions model) => model.Activation is Activation.Relu or Activation.LeakyRelu
        ? null
        : $"not computed: the sweep varies a leaky relu's angle from relu to linear; this network uses {model.Activation.ToString().ToLowerInvariant()}";

    /// <summary>Runs the sweep for one network; abscissas are the largest real parts of its effective W_rec before and after training.</summary>
    public static PredictiveInformationSweep Of(SnapshotSimulator simulator, ComparisonOptions options, ulong seed, double abscissaInit, double abscissaFinal)
    {
        if (Unavailable(simulator.Model) is { } why) throw new InvalidOperationException(why);
        var withoutFloor = options.Dca with { NoiseFloor = 0 };
        (double[] Pi, double[] PiWithoutFloor, bool[] Diverged) Sweep(Snapshot snapshot)
        {
            var n = options.Angles.Length;
            var (pi, bare, diverged) = (new double[n], new double[n], new bool[n]);
            for (var i = 0; i < n; i++)
            {
                using var scope = NewDisposeScope();
                using var network = simulator.Load(snapshot, simulator.Model with { Activation = Activation.LeakyRelu, LeakyReluAngle = options.Angles[i] });
                var states = simulator.OnTask(network).Rates;
                diverged[i] = !states.isfinite().all().item<bool>() || states.abs().max().ToDouble() > DivergenceLimit;
                if (diverged[i])
                {
                    (pi[i], bare[i]) = (double.NaN, double.NaN);
                    continue;
                }
                var estimate = PredictiveEstimate.Of(states, options.Dca);
                using (var generator = new Generator(seed)) pi[i] = DynamicalComponents.Fit(estimate, options.Dca, generator).Information;
                using (var generator = new Generator(seed)) bare[i] = DynamicalComponents.Fit(estimate, withoutFloor, generator).Information;
            }
            return (pi, bare, diverged);
        }
        var before = Sweep(Snapshot.Init);
        var after = Sweep(options.Trained);
        return new PredictiveInformationSweep(options.Angles, before.Pi, after.Pi, before.PiWithoutFloor, after.PiWithoutFloor, before.Diverged, after.Diverged,
            abscissaInit, abscissaFinal);
    }
}
