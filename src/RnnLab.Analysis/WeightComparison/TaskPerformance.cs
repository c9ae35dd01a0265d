using TorchSharp;
using RnnLab.Models;
using static TorchSharp.torch;

namespace RnnLab.Analysis.WeightComparison;

/// <summary>
/// Seed 002 Fig. 1: the network's output against the condition, before and after training. For each
/// constant input of the task's sweep, the first output averaged over trials (with the model's noise)
/// and over the second half of the trial, when the network has settled.
/// </summary>
public sealed record TaskPerformance(string Label, double[] X, double[] Init, double[] Final)
{
    /// <summary>Runs the sweep on both snapshots.</summary>
    public static TaskPerformance Of(SnapshotSimulator simulator, ConditionSweep sweep, RateRnn init, RateRnn final)
    {
        double[] Outputs(RateRnn network) => [.. sweep.Conditions.Select(c =>
        {
            using var scope = NewDisposeScope();
            var outputs = simulator.AtCondition(network, c).Outputs;                    // [T, B, out]
            var steps = outputs.size(0);
            return outputs.narrow(0, steps / 2, steps - steps / 2).select(2, 0).mean().ToDouble();
        })];
        return new TaskPerformance(sweep.Label, sweep.X, Outputs(init), Outputs(final));
    }
}
