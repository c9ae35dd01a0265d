using RnnLab.Cli.Progress;

namespace RnnLab.Cli.Hosting;

/// <summary>
/// Runs worker jobs on this machine, each as `rnnlab worker JOB.json` in a process of its own
/// (<see cref="ChildProcesses"/>), and shows their output: one live bar per job, fed by the workers'
/// <see cref="WorkerChannel"/> reports, or their lines passed through.
/// </summary>
public static class WorkerProcesses
{
    /// <summary>The verb a worker runs.</summary>
    public const string Verb = "worker";

    /// <summary>
    /// Runs the jobs, at most parallel at once; returns 0, the stop code when stopped by SIGINT or SIGTERM,
    /// or the first other failure's code. keep decides which plain lines pass through (default: all).
    /// </summary>
    public static int Run(IReadOnlyList<WorkerJob> jobs, int parallel, bool live, StopSignals stop, Func<string, bool>? keep = null)
    {
        keep ??= _ => true;
        var folder = Directory.CreateTempSubdirectory("rnnlab-jobs-").FullName;
        try
        {
            var children = jobs.Select((job, i) =>
            {
                var file = Path.Combine(folder, $"job-{i}.json");
                (job with { Progress = live }).Write(file);
                return new ChildProcess(job.Label, SelfProcess.StartInfo([Verb, file]));
            }).ToList();
            if (!live)
            {
                return ChildProcesses.Run(children, parallel, (_, line) => { if (keep(line)) Console.Out.WriteLine(line); },
                    (_, line) => Console.Error.WriteLine(line), stop.Token, () => stop.Signal);
            }
            return LiveProgress.Show(jobs.Select(j => j.Label).ToList(), board => ChildProcesses.Run(children, parallel, (child, line) =>
            {
                if (WorkerChannel.TryRead(line) is { } report) board.Report(child.Label, report.Progress);
                else if (keep(line)) board.Message(line);
            }, (_, line) => board.Message(line), stop.Token, () => stop.Signal));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
