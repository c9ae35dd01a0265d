using RnnLab.Configuration;

namespace RnnLab.Training;

/// <summary>The "Training" section: BPTT with Adam on batches of fresh trials.</summary>
public sealed record TrainingOptions
{
    /// <summary>Number of optimizer steps.</summary>
    [Allowed(Min = 1, Max = 10_000_000)] public int Steps { get; init; } = 2000;
    /// <summary>Trials per training batch.</summary>
    [Allowed(Min = 1, Max = 65_536)] public int BatchSize { get; init; } = 64;
    /// <summary>Adam's learning rate.</summary>
    [Allowed(Min = 0, MinExclusive = true, Max = 1)] public double LearningRate { get; init; } = 1e-3;
    /// <summary>Clip the gradient to this joint norm; 0 turns clipping off.</summary>
    [Allowed(Min = 0)] public double GradientClipNorm { get; init; }
    /// <summary>Coefficient of the L2 rate penalty mean(r^2).</summary>
    [Allowed(Min = 0)] public double RatePenalty { get; init; }
    /// <summary>Coefficient of the L1 penalty on the trained weights (mean |W|).</summary>
    [Allowed(Min = 0)] public double WeightL1 { get; init; }
    /// <summary>Coefficient of the L2 penalty on the trained weights (mean W^2).</summary>
    [Allowed(Min = 0)] public double WeightL2 { get; init; }
    /// <summary>Evaluate on a fresh batch every this many steps (and at the end); the untrained network is evaluated once at step 0.</summary>
    [Allowed(Min = 1)] public int EvaluateEvery { get; init; } = 100;
    /// <summary>Trials per evaluation batch.</summary>
    [Allowed(Min = 1, Max = 65_536)] public int EvaluationBatchSize { get; init; } = 256;
    /// <summary>Write a checkpoint every this many steps (and at the end).</summary>
    [Allowed(Min = 1)] public int CheckpointEvery { get; init; } = 500;
    /// <summary>Stop early once the evaluation loss falls below this; 0 turns it off.</summary>
    [Allowed(Min = 0)] public double TargetLoss { get; init; }

    /// <summary>
    /// Stop once the task is learned: the evaluation accuracy has been at least this for
    /// StopAfterEvaluations evaluations in a row; 0 turns it off; the step-0 evaluation of the untrained
    /// network does not count. Steps stays the cap.
    /// </summary>
    [Allowed(Min = 0, Max = 1)] public double StopAccuracy { get; init; }

    /// <summary>How many evaluations in a row must reach StopAccuracy.</summary>
    [Allowed(Min = 1, Max = 1000)] public int StopAfterEvaluations { get; init; } = 3;

    /// <summary>
    /// Keep training to Steps after the task is learned (or the target loss reached): learned/model.safetensors
    /// keeps the weights at that point and final/ those at the cap, so statistics can be taken at both.
    /// </summary>
    public bool ContinueToCap { get; init; }
}
