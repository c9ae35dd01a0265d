using System.Diagnostics;
using static TorchSharp.torch;

namespace RnnLab.Training;

/// <summary>What a trainer (one network, or an ensemble) supplies to <see cref="TrainingLoop"/>.</summary>
internal interface ITrainingSteps
{
    /// <summary>Steps taken.</summary>
    int Step { get; set; }

    /// <summary>One optimizer update; returns the training loss (the mean over networks for an ensemble).</summary>
    double TrainStep();

    /// <summary>Evaluates at the current step, appends metrics.jsonl line(s); returns the (mean) record and whether the target loss is reached.</summary>
    (MetricsRecord record, bool targetReached) EvaluateAndLog(double trainLoss, double elapsedSeconds);

    /// <summary>Writes checkpoint(s) for the current step.</summary>
    void SaveCheckpoint();

    /// <summary>Writes the final weights.</summary>
    void SaveFinal();
}

/// <summary>
/// The schedule shared by <see cref="Trainer"/> and <see cref="EnsembleTrainer"/>: step, evaluate every
/// EvaluateEvery steps and at the end, checkpoint every CheckpointEvery steps, at the end and at the
/// target loss; on a stop request, checkpoint and return so the run can be resumed.
/// </summary>
internal static class TrainingLoop
{
    public static TrainingResult Run(ITrainingSteps steps, TrainingOptions o, Action<TrainingProgress>? progress, CancellationToken cancel, int? stopAfterStep)
    {
        var clock = Stopwatch.StartNew();
        var startStep = steps.Step;
        double Rate() => (steps.Step - startStep) / Math.Max(1e-9, clock.Elapsed.TotalSeconds);
        MetricsRecord? last = null;
        while (steps.Step < o.Steps)
        {
            if (cancel.IsCancellationRequested || steps.Step == stopAfterStep)
            {
                steps.SaveCheckpoint();
                return new TrainingResult(TrainingOutcome.Interrupted, steps.Step, last, Rate());
            }
            var loss = steps.TrainStep();
            steps.Step++;

            var reached = false;
            var evaluated = steps.Step % o.EvaluateEvery == 0 || steps.Step == o.Steps;
            if (evaluated) (last, reached) = steps.EvaluateAndLog(loss, clock.Elapsed.TotalSeconds);
            progress?.Invoke(new TrainingProgress(steps.Step, o.Steps, loss, evaluated ? last!.EvalLoss : null, evaluated ? last!.Accuracy : null, Rate()));

            if (steps.Step % o.CheckpointEvery == 0 || steps.Step == o.Steps || reached) steps.SaveCheckpoint();
            if (reached)
            {
                steps.SaveFinal();
                return new TrainingResult(TrainingOutcome.TargetLossReached, steps.Step, last, Rate());
            }
        }
        steps.SaveFinal();
        return new TrainingResult(TrainingOutcome.Completed, steps.Step, last, Rate());
    }
}
