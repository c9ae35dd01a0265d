using RnnLab.Artifacts;
using RnnLab.IO;
using RnnLab.Slurm;

namespace RnnLab.Studies;

/// <summary>
/// Runs a study on Slurm: one job array per stage, holding only the steps not done and not already queued
/// or running, each array starting after every earlier stage's arrays ended well (afterok). A task runs the
/// step at its array index among its stage's steps (see <see cref="SbatchScript"/>: it reads everything
/// else from the study's files). Every submission is recorded in slurm/study-jobs.json, which status reads.
/// </summary>
public sealed class StudySlurmExecutor(SlurmClient client)
{
    /// <summary>The submitted jobs file of a study.</summary>
    public static string JobsPath(StudyDirectory study) => Path.Combine(study.Sweep.SlurmFolder, "study-jobs.json");

    /// <summary>Every array submitted for the study, oldest first.</summary>
    public static IReadOnlyList<SlurmSubmission> Submissions(StudyDirectory study) =>
        File.Exists(JobsPath(study))
            ? ArtifactFile.Read(JobsPath(study), ArtifactJson.Default.SlurmJobsFile, f => f.SchemaVersion, SlurmJobsFile.CurrentSchema).Submissions
            : [];

    /// <summary>The Slurm state of each step Slurm still knows, by step id (a later array's task wins).</summary>
    public IReadOnlyDictionary<string, string> States(StudyDirectory study)
    {
        var states = new Dictionary<string, string>();
        foreach (var submission in Submissions(study))
        {
            if (submission.Stage is null || StudyStageNames.Parse(submission.Stage) is not { } stage) continue;
            var steps = study.StageSteps(stage);
            foreach (var (task, state) in client.TryTaskStates(submission.JobId) ?? new Dictionary<int, string>())
                if (submission.Offset + task is var step && step >= 0 && step < steps.Count) states[steps[step].Id] = state;
        }
        return states;
    }

    /// <summary>
    /// The study's arrays that Slurm still holds a task of (queued or running). A study runs under one
    /// executor at a time: while any is alive, its tasks find their steps by index in the study's plan, which
    /// another command must not change. Empty when none is, or when no Slurm client answers here.
    /// </summary>
    public IReadOnlyList<string> AliveJobs(StudyDirectory study)
    {
        var alive = new List<string>();
        foreach (var job in Submissions(study).Select(s => s.JobId).Distinct())
        {
            try
            {
                if ((client.TryTaskStates(job) ?? new Dictionary<int, string>()).Values.Any(SlurmStates.IsAlive)) alive.Add(job);
            }
            catch (IOException)
            {
                return [];   // no Slurm on this machine: nothing of it can be running here
            }
        }
        return alive;
    }

    /// <summary>
    /// Writes each stage's script and submits the arrays of the steps that need a task; returns the
    /// submissions, none when every step is done or held. A stage with more steps than the cluster's
    /// MaxArraySize goes as several arrays of consecutive steps, each with its offset. taskCommand gives,
    /// for a stage and an offset, what each array task runs on the nodes (it runs step offset +
    /// SLURM_ARRAY_TASK_ID).
    /// </summary>
    public IReadOnlyList<SlurmSubmission> Submit(StudyDirectory study, SlurmOptions options, Func<StudyStage, int, IReadOnlyList<string>> taskCommand)
    {
        var states = States(study);
        var limit = client.MaxArraySize();
        if (limit < 1) throw new IOException($"this cluster's MaxArraySize is {limit}: it takes no job arrays, and a study runs as arrays.");
        var submitted = new List<SlurmSubmission>();
        var history = Submissions(study).ToList();   // read once; each new array is added, and the file rewritten, as it goes
        var earlier = new List<string>();   // jobs of earlier stages, submitted now or still alive: later stages wait for them
        foreach (var stage in study.Options.StageList)
        {
            var name = StudyStageNames.Of(stage);
            var steps = study.StageSteps(stage);
            var alive = steps.Where(s => states.TryGetValue(s.Id, out var state) && SlurmStates.IsAlive(state)).Select(s => s.Id).ToHashSet();
            var todo = steps.Where(s => !study.IsDone(s) && !alive.Contains(s.Id) && !WriterLock.IsHeld(study.LockPath(s))).Select(s => s.Index).ToList();
            var aliveJobs = history.Where(j => j.Stage == name)
                .Where(j => j.Tasks.Any(t => j.Offset + t < steps.Count && alive.Contains(steps[j.Offset + t].Id))).Select(j => j.JobId).ToList();
            var now = new List<string>();
            foreach (var chunk in todo.GroupBy(i => i / limit))
            {
                var offset = chunk.Key * limit;
                var log = offset == 0 ? name : $"{name}-from{offset}";
                Directory.CreateDirectory(study.Sweep.SlurmFolder);
                var script = Path.GetFullPath(Path.Combine(study.Sweep.SlurmFolder, $"{log}.sbatch"));
                AtomicFile.WriteText(script, SbatchScript.Text(options, taskCommand(stage, offset),
                    SbatchScript.JobName(Path.GetFileName(Path.GetFullPath(study.Path))) + "-" + name, log,
                    $"One task per step of an RnnLab study's {name} stage (array index i runs the stage's step {offset} + i)"));
                var tasks = chunk.Select(i => i - offset).ToList();
                var id = client.SubmitArray(script, tasks, Path.GetFullPath(study.Path), earlier);
                var submission = new SlurmSubmission(id, tasks, DateTimeOffset.UtcNow, name, offset);
                submitted.Add(submission);
                history.Add(submission);
                ArtifactFile.Write(JobsPath(study), new SlurmJobsFile([.. history]), ArtifactJson.Default.SlurmJobsFile);
                // A step sent to Slurm again waits again; its last failure is history (the task's log keeps it).
                foreach (var i in chunk) study.ClearFailure(steps[i]);
                now.Add(id);
            }
            earlier.AddRange(now);
            earlier.AddRange(aliveJobs);
        }
        return submitted;
    }

    /// <summary>Blocks until Slurm holds none of the jobs' tasks any more (each ended, failed or was cancelled), polling every interval.</summary>
    public void Wait(IReadOnlyList<string> jobIds, TimeSpan interval, CancellationToken cancel)
    {
        var pending = jobIds.ToList();
        while (!cancel.IsCancellationRequested && pending.Count > 0)
        {
            // A controller that does not answer for a moment is not a job that ended: ask again.
            pending.RemoveAll(job => client.TryTaskStates(job) is { } states && !states.Values.Any(SlurmStates.IsAlive));
            if (pending.Count > 0) cancel.WaitHandle.WaitOne(interval);
        }
    }
}
