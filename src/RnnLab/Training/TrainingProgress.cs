namespace RnnLab.Training;

/// <summary>A progress report after a step; EvalLoss and Accuracy are set on evaluation steps.</summary>
public sealed record TrainingProgress(int Step, int TotalSteps, double Loss, double? EvalLoss, double? Accuracy, double StepsPerSecond);

/// <summary>
/// One line of metrics.jsonl, written at every evaluation, the first of them of the untrained network at step 0.
/// Loss is the training objective of the step that reached Step (on its batch, before its update); null at
/// step 0, where no step has been taken.
/// SchemaVersion is the layout version the line was written with (lines from before the field was added
/// are 1; 2 added the step-0 line, whose loss is null).
/// </summary>
public sealed record MetricsRecord(int Step, double? Loss, double EvalLoss, double Accuracy, double ElapsedSeconds, int SchemaVersion = MetricsRecord.CurrentSchema)
{
    /// <summary>The version of this line's layout that this RnnLab writes and reads.</summary>
    public const int CurrentSchema = 2;
}

/// <summary>How a training run ended.</summary>
public enum TrainingOutcome
{
    /// <summary>All steps done; final weights written.</summary>
    Completed,
    /// <summary>The evaluation loss reached Training:TargetLoss; final weights written.</summary>
    TargetLossReached,
    /// <summary>The evaluation accuracy reached Training:StopAccuracy for StopAfterEvaluations evaluations in a row; final weights written.</summary>
    TaskLearned,
    /// <summary>Stopped on request; a checkpoint was written and the run can be resumed.</summary>
    Interrupted,
}

/// <summary>The result of <see cref="Trainer.Run"/>.</summary>
public sealed record TrainingResult(TrainingOutcome Outcome, int Step, MetricsRecord? LastMetrics, double StepsPerSecond);

/// <summary>The loss became NaN or infinite; training stopped before updating the weights with it.</summary>
public sealed class TrainingDivergedException(int step, double loss, string? lastCheckpoint)
    : Exception($"the training loss became {loss} at step {step}; training stopped without applying that update. " +
                (lastCheckpoint is null ? "No checkpoint had been written yet." : $"The last good checkpoint is {lastCheckpoint}, unchanged.") +
                " Lower Training:LearningRate or set Training:GradientClipNorm.")
{
    /// <summary>The step whose loss was not finite.</summary>
    public int Step { get; } = step;
}
