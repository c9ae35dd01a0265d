using RnnLab.Models;
using RnnLab.Tasks;
using RnnLab.Training;

namespace RnnLab.Experiments;

/// <summary>
/// A whole experiment, as bound and validated from a config file plus overrides: what to train
/// (Model), on what (Task, chosen by TaskKind), how (Training), and how to search its trained networks'
/// fixed points (FixedPoints). Immutable once loaded.
/// </summary>
public sealed record ExperimentOptions
{
    /// <summary>Run name; also the default run directory under checkpoints/.</summary>
    public required string Name { get; init; }

    /// <summary>Base seed; network k of a multi-seed run uses Seed + k.</summary>
    public required long Seed { get; init; }

    /// <summary>The task's config name ("perception", ...).</summary>
    public required string TaskKind { get; init; }

    /// <summary>The model.</summary>
    public required ModelOptions Model { get; init; }

    /// <summary>The task's options (a record of the task's own type).</summary>
    public required TaskOptions Task { get; init; }

    /// <summary>The training procedure.</summary>
    public required TrainingOptions Training { get; init; }

    /// <summary>The fixed-point search `analyze` runs on the trained networks (its defaults unless the config sets them).</summary>
    public FixedPointOptions FixedPoints { get; init; } = new();

    /// <summary>Builds the task.</summary>
    public ICognitiveTask CreateTask() => TaskCatalog.Create(TaskKind, Task, Model.Dt);
}
