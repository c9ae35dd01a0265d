using RnnLab.Artifacts;
using RnnLab.IO;
using RnnLab.Experiments;
using RnnLab.Sweeps;

namespace RnnLab.Slurm;

/// <summary>
/// Runs a sweep as one Slurm job array: one array task per network not yet finished and not already held
/// by Slurm or another process, each task training or resuming its network (see <see cref="SbatchScript"/>).
/// Every submission is recorded in slurm/jobs.json, which status reads.
/// </summary>
public sealed class SlurmExecutor(SlurmClient client)
{
    /// <summary>The submitted jobs file of a sweep.</summary>
    public static string JobsPath(SweepDirectory sweep) => Path.Combine(sweep.SlurmFolder, "jobs.json");

    /// <summary>Every job id submitted for the sweep, oldest first.</summary>
    public static IReadOnlyList<string> JobIds(SweepDirectory sweep) => ReadJobs(sweep).Submissions.Select(s => s.JobId).ToList();

    /// <summary>The Slurm state of the sweep's tasks that Slurm still knows, by task index.</summary>
    public IReadOnlyDictionary<int, string> States(SweepDirectory sweep)
    {
        var jobs = JobIds(sweep);
        return jobs.Count == 0 ? new Dictionary<int, string>() : client.TaskStates(jobs);
    }

    /// <summary>
    /// Writes the script and submits the networks that need a task; returns the submission, or null when
    /// none does. taskCommand is what each array task runs on the cluster's nodes (it finds its network by SLURM_ARRAY_TASK_ID).
    /// </summary>
    public SlurmSubmission? Submit(SweepDirectory sweep, SlurmOptions options, IReadOnlyList<string> taskCommand)
    {
        var states = States(sweep);
        var todo = sweep.Networks
            .Where(n => !n.Network.Finished)
            .Where(n => !(states.TryGetValue(n.Task, out var s) && SlurmStates.IsAlive(s)))
            .Where(n => !NetworkLock.IsHeld(n.Network.Path))
            .Select(n => n.Task).ToList();
        if (todo.Count == 0) return null;

        var limit = client.MaxArraySize();
        if (todo[^1] >= limit)
            throw new IOException($"the sweep has {sweep.Tasks} networks, but this cluster's MaxArraySize is {limit} (array indices 0 to {limit - 1}); split the sweep, or ask for a larger MaxArraySize.");

        Directory.CreateDirectory(sweep.SlurmFolder);
        var script = Path.GetFullPath(Path.Combine(sweep.SlurmFolder, SbatchScript.FileName));
        AtomicFile.WriteText(script, SbatchScript.Text(options, taskCommand, SbatchScript.JobName(Path.GetFileName(Path.GetFullPath(sweep.Path)))));
        var id = client.SubmitArray(script, todo, Path.GetFullPath(sweep.Path));
        var submission = new SlurmSubmission(id, todo, DateTimeOffset.UtcNow);
        ArtifactFile.Write(JobsPath(sweep), new SlurmJobsFile([.. ReadJobs(sweep).Submissions, submission]), ArtifactJson.Default.SlurmJobsFile);
        // A network sent to Slurm again waits again; its last failure is history (the task's log keeps it).
        foreach (var failure in todo.Select(t => sweep.Network(t).Network.Failure).Where(File.Exists)) File.Delete(failure);
        return submission;
    }

    /// <summary>Blocks until Slurm holds none of the job's tasks any more (each finished, failed or was cancelled), polling every interval.</summary>
    public void Wait(string jobId, TimeSpan interval, CancellationToken cancel)
    {
        while (!cancel.IsCancellationRequested)
        {
            // A controller that does not answer for a moment is not a job that ended: ask again.
            var states = client.TryTaskStates(jobId);
            if (states is not null && !states.Values.Any(SlurmStates.IsAlive)) return;
            cancel.WaitHandle.WaitOne(interval);
        }
    }

    private static SlurmJobsFile ReadJobs(SweepDirectory sweep) =>
        File.Exists(JobsPath(sweep))
            ? ArtifactFile.Read(JobsPath(sweep), ArtifactJson.Default.SlurmJobsFile, f => f.SchemaVersion, SlurmJobsFile.CurrentSchema)
            : new SlurmJobsFile([]);
}
