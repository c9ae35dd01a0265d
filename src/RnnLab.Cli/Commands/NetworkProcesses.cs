using RnnLab.Cli.Progress;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using RnnLab.Experiments;

namespace RnnLab.Cli.Commands;

/// <summary>
/// Trains the networks of a multi-seed run several at once, each in a process of its own
/// (`rnnlab resume RUN --network K --quiet`), at most jobs at a time. Networks run in processes rather
/// than on threads of one process because TorchSharp's implicitly converted Scalars (the 0.5 of
/// `x * 0.5`, and those inside torch.optim.Adam) are freed by their finalizer and not kept alive across
/// the native call that reads them: when another thread's allocation starts a GC during such a call,
/// the Scalar can be freed under it ("Unknown scalar type", or a wrong value). One thread of TorchSharp
/// ops per process never meets that. Each child computes exactly what the network computes alone.
/// Child output is passed through line by line; SIGINT (Ctrl+C) and SIGTERM are forwarded to the children,
/// each writes a checkpoint, and the run is resumable.
/// </summary>
internal static class NetworkProcesses
{
    [DllImport("libc", SetLastError = true, EntryPoint = "kill")]
    private static extern int Kill(int pid, int signal);

    /// <summary>
    /// Runs every network not yet finished; returns 0, 130 or 143 when stopped by SIGINT or SIGTERM, or the first other failure's code.
    /// live: one bar per network (the children report progress as <see cref="ProgressLine"/>s); otherwise
    /// the children's lines are passed through.
    /// </summary>
    public static int Run(RunDirectory run, IReadOnlyList<NetworkDirectory> networks, int jobs, bool live, StopSignals stop)
    {
        if (!live) return Run(run, networks, jobs, progressLines: false, Console.Out.WriteLine, Console.Error.WriteLine, stop);
        var labels = networks.ToDictionary(n => n.Index, n => TrainingSession.Label(run, n));
        return LiveProgress.Show(networks.Select(n => labels[n.Index]).ToList(), board => Run(run, networks, jobs, progressLines: true, line =>
        {
            if (ProgressLine.TryParse(line) is { } p && labels.TryGetValue(p.Network, out var label)) board.Report(label, p.Progress);
            else board.Message(line);
        }, board.Message, stop));
    }

    private static int Run(RunDirectory run, IReadOnlyList<NetworkDirectory> networks, int jobs, bool progressLines, Action<string> output, Action<string> error,
        StopSignals stop)
    {
        var cancel = stop.Token;
        var gate = new object();
        var codes = new ConcurrentDictionary<int, int>();
        var running = new ConcurrentDictionary<int, Process>();
        using var forward = cancel.Register(() =>
        {
            foreach (var p in running.Values) Kill(p.Id, stop.Signal);   // the children stop as this process was asked to
        });
        Parallel.ForEach(networks, new ParallelOptions { MaxDegreeOfParallelism = jobs }, network =>
        {
            // A network not started before the stop has lost nothing: resume starts it.
            if (cancel.IsCancellationRequested)
            {
                codes[network.Index] = stop.ExitCode;
                return;
            }
            using var process = new Process { StartInfo = ChildStartInfo(run, network, jobs, progressLines) };
            process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (gate) output(e.Data); };
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (gate) error(e.Data); };
            process.Start();
            running[network.Index] = process;
            if (cancel.IsCancellationRequested) Kill(process.Id, stop.Signal);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            process.WaitForExit();
            running.TryRemove(network.Index, out _);
            codes[network.Index] = process.ExitCode;
        });
        var failed = codes.Where(c => c.Value is not 0 and not 130 and not 143).OrderBy(c => c.Key).ToList();
        if (failed.Count > 0) return failed[0].Value;
        return codes.Values.Any(c => c is 130 or 143) ? stop.Signal != 0 ? stop.ExitCode : codes.Values.First(c => c is 130 or 143) : 0;
    }

    // Each of jobs processes gets its share of the cores for its lanes: two processes each spreading over
    // both cores of a 2-core machine measured twice as slow as one after another.
    private static ProcessStartInfo ChildStartInfo(RunDirectory run, NetworkDirectory network, int jobs, bool progressLines)
    {
        var info = RnnLabProcess.StartInfo(["resume", run.Path, "--network", network.Index.ToString(CultureInfo.InvariantCulture), "--quiet",
            .. progressLines ? new[] { ResumeCommand.ProgressLinesOption } : []]);
        info.Environment[TorchThreads.KernelThreadsVariable] = Math.Max(1, Environment.ProcessorCount / jobs).ToString(CultureInfo.InvariantCulture);
        return info;
    }
}
