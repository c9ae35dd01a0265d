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

    /// <summary>The seconds spent training before this process took over (from the checkpoint it resumed).</summary>
    double ElapsedBefore { get; }

    /// <summary>Evaluates at the current step, adds the record(s) to the history and appends metrics.jsonl line(s); returns the (mean) record.</summary>
    MetricsRecord EvaluateAndLog(double trainLoss, double elapsedSeconds);

    /// <summary>
    /// Evaluates the untrained weights (step 0) like <see cref="EvaluateAndLog"/>, with no training loss, and
    /// leaves the evaluation streams where they were (<see cref="NetworkRandomness.KeepEvaluationStreams"/>).
    /// </summary>
    MetricsRecord EvaluateUntrainedAndLog(double elapsedSeconds);

    /// <summary>Whether the history holds any evaluation (one from before a checkpoint this run resumed from included).</summary>
    bool Evaluated { get; }

    /// <summary>Why every network may stop now (<see cref="StopRule"/> on each one's history), or null.</summary>
    TrainingOutcome? StopReason();

    /// <summary>The first step at which every network could stop (<see cref="StopRule.FirstStop"/> on the histories), or null.</summary>
    int? LearnedStep { get; }

    /// <summary>Saves the current weights as those at the point the task was learned.</summary>
    void SaveLearned();

    /// <summary>Writes checkpoint(s) for the current step, with the history and the seconds spent so far.</summary>
    void SaveCheckpoint(double elapsedSeconds);

    /// <summary>Writes the final weights.</summary>
    void SaveFinal();
}

/// <summary>
/// The schedule shared by <see cref="Trainer"/> and <see cref="EnsembleTrainer"/>: evaluate the untrained
/// weights at step 0, then step, evaluate every EvaluateEvery steps and at the end, checkpoint every
/// CheckpointEvery steps, at the end and where the task is learned (<see cref="StopRule"/>), saving the
/// weights there as learned/ and, unless Training:ContinueToCap, as final/; on a stop request, checkpoint and
/// return so the run can be resumed.
/// </summary>
internal static class TrainingLoop
{
    public static TrainingResult Run(ITrainingSteps steps, TrainingOptions o, Action<TrainingProgress>? progress, CancellationToken cancel, int? stopAfterStep)
    {
        var clock = Stopwatch.StartNew();
        var startStep = steps.Step;
        double Rate() => (steps.Step - startStep) / Math.Max(1e-9, clock.Elapsed.TotalSeconds);
        double Elapsed() => steps.ElapsedBefore + clock.Elapsed.TotalSeconds;
        MetricsRecord? last = null;
        var ruled = o.TargetLoss > 0 || o.StopAccuracy > 0;
        // The untrained network, so that the loss and accuracy curves start where training starts. Once per
        // network: a run resumed at step 0 (stopped before its first step) carries this evaluation in its history.
        if (steps.Step == 0 && !steps.Evaluated) last = steps.EvaluateUntrainedAndLog(Elapsed());
        // Resumed from the checkpoint written where the task was learned: the process may have died before
        // learned/ or final/ was saved, so save them (again: the same bytes if it had).
        if (ruled && steps.Step > 0 && steps.LearnedStep == steps.Step && steps.StopReason() is { } before)
        {
            steps.SaveLearned();
            if (!o.ContinueToCap)
            {
                steps.SaveFinal();
                return new TrainingResult(before, steps.Step, last, Rate());
            }
        }
        while (steps.Step < o.Steps)
        {
            if (cancel.IsCancellationRequested || steps.Step == stopAfterStep)
            {
                steps.SaveCheckpoint(Elapsed());
                return new TrainingResult(TrainingOutcome.Interrupted, steps.Step, last, Rate());
            }
            var loss = steps.TrainStep();
            steps.Step++;

            var evaluated = steps.Step % o.EvaluateEvery == 0 || steps.Step == o.Steps;
            if (evaluated) last = steps.EvaluateAndLog(loss, Elapsed());
            progress?.Invoke(new TrainingProgress(steps.Step, o.Steps, loss, evaluated ? last!.EvalLoss : null, evaluated ? last!.Accuracy : null, Rate()));

            // Decided from the history alone: the first evaluation at which the rule holds (it may hold again later, under ContinueToCap).
            var learned = ruled && evaluated && steps.LearnedStep == steps.Step ? steps.StopReason() : null;
            if (steps.Step % o.CheckpointEvery == 0 || steps.Step == o.Steps || learned is not null) steps.SaveCheckpoint(Elapsed());
            if (learned is { } reason)
            {
                steps.SaveLearned();
                if (!o.ContinueToCap)
                {
                    steps.SaveFinal();
                    return new TrainingResult(reason, steps.Step, last, Rate());
                }
            }
        }
        steps.SaveFinal();
        return new TrainingResult(TrainingOutcome.Completed, steps.Step, last, Rate());
    }
}
