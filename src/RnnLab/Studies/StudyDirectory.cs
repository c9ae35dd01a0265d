using RnnLab.Artifacts;
using RnnLab.Configuration;
using RnnLab.Experiments;
using RnnLab.IO;
using RnnLab.Sweeps;

namespace RnnLab.Studies;

/// <summary>
/// A study's output: a sweep directory (its points' run directories, index.json, sweep.json, slurm/) with
/// study.json (the resolved study: <see cref="StudyDefinition.ToJson"/>), steps/ (a record per step done, a
/// failure record per step that failed, a lock per step running) and results/ (what belongs to the whole
/// study: similarity-METRIC/, census/). Everything a step needs is read from these files, so a step runs
/// alike in a local process or as a Slurm array task on another node.
/// </summary>
public sealed class StudyDirectory
{
    private StudyDirectory(SweepDirectory sweep, StudyOptions options, IReadOnlyList<string> gridKeys)
    {
        Sweep = sweep;
        Options = options;
        GridKeys = gridKeys;
        Steps = StudyPlan.Of(this);
        _byId = Steps.ToDictionary(s => s.Id);
    }

    private readonly Dictionary<string, StudyStep> _byId;

    /// <summary>The networks' sweep directory (the study's own directory).</summary>
    public SweepDirectory Sweep { get; }

    /// <summary>The stages and their options, as study.json holds them.</summary>
    public StudyOptions Options { get; }

    /// <summary>Every step, stage by stage (<see cref="StudyPlan"/>).</summary>
    public IReadOnlyList<StudyStep> Steps { get; }

    /// <summary>The keys the grid varies, in the study file's order (the first varies slowest).</summary>
    public IReadOnlyList<string> GridKeys { get; }

    /// <summary>The study directory.</summary>
    public string Path => Sweep.Path;

    /// <summary>The resolved study file of a study directory.</summary>
    public static string StudyPath(string study) => System.IO.Path.Combine(study, "study.json");

    /// <summary>Where the records of steps go.</summary>
    public string StepsFolder => System.IO.Path.Combine(Path, "steps");

    /// <summary>Where the results of the whole study go.</summary>
    public string ResultsFolder => System.IO.Path.Combine(Path, StudyPlan.Results);

    /// <summary>The steps of one stage, in array-index order.</summary>
    public IReadOnlyList<StudyStep> StageSteps(StudyStage stage) => [.. Steps.Where(s => s.Stage == stage)];

    /// <summary>A step by its id.</summary>
    public StudyStep Step(string id) => _byId.TryGetValue(id, out var step) ? step : throw new ArgumentException($"{Path} has no step {id}.", nameof(id));

    /// <summary>
    /// Creates the study directory, or continues it: the sweep's points must be the same (<see
    /// cref="SweepDirectory.CreateOrContinue"/> refuses anything else and changes nothing), while the stages'
    /// options may change: study.json follows the latest command, and the steps they touch run again.
    /// </summary>
    public static StudyDirectory CreateOrContinue(string path, StudyDefinition study)
    {
        if (Directory.Exists(path) && File.Exists(SweepDirectory.IndexPath(path)) && !File.Exists(StudyPath(path)))
            throw new SweepConflictException(path, $"{path} holds a sweep, not a study (it has no study.json)");
        var sweep = SweepDirectory.CreateOrContinue(path, study.Sweep);
        AtomicFile.WriteText(StudyPath(path), study.ToJson());
        return new StudyDirectory(sweep, study.Options, [.. study.Sweep.Grid.Select(a => a.Key)]);
    }

    /// <summary>Opens a study directory (for study status and the steps' workers).</summary>
    public static StudyDirectory Open(string path)
    {
        if (!Directory.Exists(path)) throw new IOException($"{path}: no such study directory.");
        if (!File.Exists(StudyPath(path))) throw new IOException($"{path}: not a study directory (it has no study.json).");
        var sweep = SweepDirectory.Open(path);
        var options = StudyDefinition.BindStages(StudyPath(path), out var errors);
        if (errors.Count > 0) throw new ConfigurationException(errors);
        var grid = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(StudyPath(path)))?["Grid"]?.AsObject().Select(kv => kv.Key).ToList() ?? [];
        return new StudyDirectory(sweep, options, grid);
    }

    /// <summary>The network a step of the first stage, or an analyze step, works on.</summary>
    public SweepNetwork Network(StudyStep step) =>
        Sweep.Network(step.Point!.Value * Sweep.Index.Seeds + step.Seed!.Value);

    /// <summary>The run directory of a step's point.</summary>
    public RunDirectory Run(StudyStep step) => Sweep.Runs[step.Point!.Value];

    private string File_(StudyStep step, string suffix) => System.IO.Path.Combine(StepsFolder, step.Id.Replace('/', System.IO.Path.DirectorySeparatorChar) + suffix);

    /// <summary>The record of a step done.</summary>
    public string RecordPath(StudyStep step) => File_(step, ".json");

    /// <summary>The record of a step that failed.</summary>
    public string FailurePath(StudyStep step) => step.Stage is StudyStage.Train or StudyStage.Initialize ? Network(step).Network.Failure : File_(step, ".failed.json");

    /// <summary>The lock held while a step runs (the network's own lock for the first stage).</summary>
    public string LockPath(StudyStep step) => step.Stage is StudyStage.Train or StudyStage.Initialize ? NetworkLock.PathOf(Network(step).Network.Path) : File_(step, ".lock");

    /// <summary>Where a step stands, from its files and locks (Slurm's view is added by the status).</summary>
    public StepState StateOf(StudyStep step)
    {
        if (IsDone(step)) return StepState.Done;
        if (WriterLock.IsHeld(LockPath(step))) return StepState.Running;
        if (File.Exists(FailurePath(step))) return StepState.Failed;
        return File.Exists(RecordPath(step)) ? StepState.Changed : StepState.Waiting;
    }

    /// <summary>Whether a step is done with the inputs and options the study resolves now.</summary>
    public bool IsDone(StudyStep step)
    {
        if (step.Stage == StudyStage.Train) return Network(step).Network.Finished;
        if (step.Stage == StudyStage.Initialize) return File.Exists(Network(step).Network.InitialModel);
        return ReadRecord(step) is { } record && record.Fingerprint == step.Fingerprint && step.Outputs.All(o => File.Exists(System.IO.Path.Combine(Path, o)));
    }

    /// <summary>The record of the step's last success, or null.</summary>
    public StudyStepFile? ReadRecord(StudyStep step) =>
        File.Exists(RecordPath(step)) ? ArtifactFile.Read(RecordPath(step), ArtifactJson.Default.StudyStepFile, f => f.SchemaVersion, StudyStepFile.CurrentSchema) : null;

    /// <summary>Records that a step finished: its record replaces any earlier one, and an earlier failure goes.</summary>
    public void RecordDone(StudyStep step, TimeSpan took)
    {
        if (step.Stage is StudyStage.Train or StudyStage.Initialize)
        {
            ClearFailure(step);   // the network's files say it is done
            return;
        }
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(RecordPath(step))!);
        ArtifactFile.Write(RecordPath(step), new StudyStepFile(step.Id, step.Fingerprint, Environment.MachineName, DateTimeOffset.UtcNow, took.TotalSeconds), ArtifactJson.Default.StudyStepFile);
        ClearFailure(step);
    }

    /// <summary>Records that a step failed (not stopped by a signal): status reads it until a later attempt clears it.</summary>
    public void RecordFailure(StudyStep step, int exitCode, string message)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(FailurePath(step))!);
        ArtifactFile.Write(FailurePath(step), new FailureFile(exitCode, message, Environment.MachineName, DateTimeOffset.UtcNow), ArtifactJson.Default.FailureFile);
    }

    /// <summary>Forgets a step's failure: it is tried again.</summary>
    public void ClearFailure(StudyStep step)
    {
        if (File.Exists(FailurePath(step))) File.Delete(FailurePath(step));
    }
}
