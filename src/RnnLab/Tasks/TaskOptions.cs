using RnnLab.Configuration;

namespace RnnLab.Tasks;

/// <summary>
/// The "Task" section. Kind selects the task; the other keys belong to that task's options record
/// (each task documents its keys, timing and source).
/// </summary>
public abstract record TaskOptions
{
    /// <summary>Trial length in time steps (Model:Dt ms each).</summary>
    [Allowed(Min = 2, Max = 100_000)] public int Steps { get; init; } = 100;

    /// <summary>Standard deviation of the Gaussian noise on the stimulus at each step.</summary>
    [Allowed(Min = 0)] public double StimulusNoise { get; init; } = 0.05;

    /// <summary>Steps after the start and after each stimulus change in which the loss is not counted.</summary>
    [Allowed(Min = 0)] public int GraceSteps { get; init; } = 20;
}
