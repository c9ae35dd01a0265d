using System.Text.Json;
using System.Text.Json.Serialization;
using RnnLab.IO;

namespace RnnLab.Cli.Hosting;

/// <summary>
/// One piece of work for a worker process, `rnnlab worker JOB.json`: the only way rnnlab starts itself
/// (the networks of a multi-seed run, `analyze --jobs`, a sweep's local processes and its Slurm array
/// tasks). The file is the whole description; the worker reports on <see cref="WorkerChannel"/>.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(TrainNetworkJob), "train_network")]
[JsonDerivedType(typeof(AnalyzeNetworkJob), "analyze_network")]
[JsonDerivedType(typeof(SweepTaskJob), "sweep_task")]
[JsonDerivedType(typeof(StudyStepJob), "study_step")]
public abstract record WorkerJob
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true };

    /// <summary>What progress and messages call the work.</summary>
    public required string Label { get; init; }

    /// <summary>Report progress on the channel for a parent's live bars, rather than as plain lines.</summary>
    public bool Progress { get; init; }

    /// <summary>Writes the job file (atomically).</summary>
    public void Write(string path) => AtomicFile.WriteText(path, JsonSerializer.Serialize(this, Json));

    /// <summary>Reads a job file; a file that is not one is a usage error naming it.</summary>
    public static WorkerJob Read(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<WorkerJob>(File.ReadAllText(path), Json) ?? throw new JsonException("empty");
        }
        catch (Exception e) when (e is JsonException or NotSupportedException)
        {
            throw new IOException($"{path}: not a worker job ({e.Message})");
        }
    }
}

/// <summary>Train, or resume, network k of a run.</summary>
public sealed record TrainNetworkJob : WorkerJob
{
    /// <summary>The run directory.</summary>
    public required string Run { get; init; }
    /// <summary>The network's index.</summary>
    public required int Network { get; init; }
}

/// <summary>Analyze network k of a run (fixed points and PCA of one snapshot).</summary>
public sealed record AnalyzeNetworkJob : WorkerJob
{
    /// <summary>The run directory.</summary>
    public required string Run { get; init; }
    /// <summary>The network's index.</summary>
    public required int Network { get; init; }
    /// <summary>init, final or learned.</summary>
    public required string Snapshot { get; init; }
    /// <summary>The conditions as --conditions gives them; null: the task's defaults.</summary>
    public string? Conditions { get; init; }
    /// <summary>--FixedPoints:Key=value overrides.</summary>
    public IReadOnlyList<string> FixedPoints { get; init; } = [];
}

/// <summary>Train or resume one network of a sweep, by its task index (null: Slurm's SLURM_ARRAY_TASK_ID).</summary>
public sealed record SweepTaskJob : WorkerJob
{
    /// <summary>The variable Slurm sets to an array task's index.</summary>
    public const string ArrayTaskVariable = "SLURM_ARRAY_TASK_ID";

    /// <summary>The sweep directory.</summary>
    public required string Sweep { get; init; }
    /// <summary>The network's task index; null: read from <see cref="ArrayTaskVariable"/>.</summary>
    public int? Task { get; init; }
}

/// <summary>Run one step of a study: the step at index Step among its Stage's steps (null: Offset + Slurm's SLURM_ARRAY_TASK_ID).</summary>
public sealed record StudyStepJob : WorkerJob
{
    /// <summary>With Step null, the stage's step that array index 0 runs (a stage split into arrays by the cluster's MaxArraySize).</summary>
    public int Offset { get; init; }

    /// <summary>The study directory.</summary>
    public required string Study { get; init; }
    /// <summary>The stage, as a study file names it.</summary>
    public required string Stage { get; init; }
    /// <summary>The step's index among the stage's steps; null: read from <see cref="SweepTaskJob.ArrayTaskVariable"/>.</summary>
    public int? Step { get; init; }
}
