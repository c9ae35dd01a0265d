using RnnLab.Models;

namespace RnnLab.Analysis.WeightComparison;

/// <summary>
/// How well a network does its task before and after training, on the same task trials with the same
/// noise (<see cref="SnapshotSimulator.Score"/>): the masked mean squared error and the task's accuracy.
/// Seed 002's H2 weighs the small weight change against this change in performance.
/// </summary>
public sealed record TaskScore(double LossInit, double LossFinal, double AccuracyInit, double AccuracyFinal)
{
    /// <summary>Trained minus untrained accuracy.</summary>
    public double AccuracyGain => AccuracyFinal - AccuracyInit;

    /// <summary>Scores both snapshots.</summary>
    public static TaskScore Of(SnapshotSimulator simulator, RateRnn init, RateRnn final)
    {
        var (lossInit, accuracyInit) = simulator.Score(init);
        var (lossFinal, accuracyFinal) = simulator.Score(final);
        return new TaskScore(lossInit, lossFinal, accuracyInit, accuracyFinal);
    }
}
