using System.Globalization;
using RnnLab.Cli.Progress;
using RnnLab.Execution;
using RnnLab.Experiments;

namespace RnnLab.Cli.Commands;

/// <summary>
/// The CLI's side of <see cref="LocalExecutor"/>: how a child process is spelled (an `rnnlab` verb that
/// trains one network), and how its output is shown: one live bar per network (the children report
/// progress as <see cref="ProgressLine"/>s) or their lines passed through.
/// </summary>
internal static class NetworkProcesses
{
    /// <summary>The job that trains or resumes network k of a multi-seed run: `rnnlab resume RUN --network K`.</summary>
    public static NetworkJob Resume(RunDirectory run, NetworkDirectory network, bool progressLines) =>
        new(TrainingSession.Label(run, network), RnnLabProcess.StartInfo(["resume", run.Path, "--network", network.Index.ToString(CultureInfo.InvariantCulture), "--quiet",
            .. progressLines ? new[] { ResumeCommand.ProgressLinesOption } : []]));

    /// <summary>
    /// Runs the jobs, at most parallel at once; returns 0, 130 or 143 when stopped by SIGINT or SIGTERM, or
    /// the first other failure's code. jobFor builds a job that reports progress lines when asked.
    /// </summary>
    public static int Run<T>(IReadOnlyList<T> networks, Func<T, bool, NetworkJob> jobFor, int parallel, bool live, StopSignals stop)
    {
        if (!live)
        {
            return LocalExecutor.Run(networks.Select(n => jobFor(n, false)).ToList(), parallel, (_, line) => Console.Out.WriteLine(line),
                (_, line) => Console.Error.WriteLine(line), stop.Token, () => stop.Signal);
        }
        var jobs = networks.Select(n => jobFor(n, true)).ToList();
        return LiveProgress.Show(jobs.Select(j => j.Label).ToList(), board => LocalExecutor.Run(jobs, parallel, (job, line) =>
        {
            if (ProgressLine.TryParse(line) is { } p) board.Report(job.Label, p.Progress);
            else board.Message(line);
        }, (_, line) => board.Message(line), stop.Token, () => stop.Signal));
    }
}
