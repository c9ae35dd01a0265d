using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace RnnLab.Cli.Hosting;

/// <summary>One process to run: a label for progress and messages, and how it is started.</summary>
public sealed record ChildProcess(string Label, ProcessStartInfo StartInfo);

/// <summary>
/// Runs processes on this machine, at most jobs at a time (every worker of `train --seeds`, `resume`,
/// `analyze --jobs` and `sweep --executor local` runs through here). Networks run in processes rather than
/// on threads of one process: one thread of TorchSharp ops per process never meets TorchSharp 0.107's
/// Scalar race (docs/engine.md), and each process computes exactly what the network computes alone, so
/// the numbers do not depend on jobs. A stop request is forwarded to the running processes as the signal
/// that asked for it: each writes a checkpoint and exits, and those not yet started stay untouched.
/// </summary>
public static class ChildProcesses
{
    [DllImport("libc", SetLastError = true, EntryPoint = "kill")]
    private static extern int Kill(int pid, int signal);

    /// <summary>Processes at once by default: one per core, at most the number of processes.</summary>
    public static int DefaultJobs(int processes) => Math.Max(1, Math.Min(Environment.ProcessorCount, processes));

    /// <summary>
    /// Each of jobs processes gets its share of the cores for its lanes and tiles
    /// (<see cref="RnnLabRuntime.KernelThreadsVariable"/>): two processes each spreading over both cores of a
    /// 2-core machine measured twice as slow as one after another. Lanes are cut by sizes alone, so the
    /// share changes speed, not numbers.
    /// </summary>
    public static int KernelThreadsPerJob(int jobs) => Math.Max(1, Environment.ProcessorCount / jobs);

    /// <summary>
    /// Runs the processes, at most jobs at once, passing each one's output and error lines to output and
    /// error (one line at a time, never two at once). When stop is cancelled, signal() gives the signal to
    /// forward (2 or 15). Returns 0 when all succeeded; else the first failure's exit code (in order); else
    /// <see cref="ExitCodes.Interrupted"/> or <see cref="ExitCodes.Terminated"/> when processes were stopped by a signal.
    /// </summary>
    public static int Run(IReadOnlyList<ChildProcess> processes, int jobs, Action<ChildProcess, string> output, Action<ChildProcess, string> error,
        CancellationToken stop, Func<int> signal)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(jobs, 1);
        var gate = new object();
        var codes = new ConcurrentDictionary<int, int>();
        var running = new ConcurrentDictionary<int, Process>();
        using var forward = stop.Register(() =>
        {
            foreach (var p in running.Values) Kill(p.Id, signal());
        });
        var threads = KernelThreadsPerJob(jobs).ToString(CultureInfo.InvariantCulture);
        // Without buffering each free worker takes the next process in order: seed-0, seed-1, ... start first, and a
        // slow network does not hold back a chunk of others queued behind it on the same worker.
        var order = Partitioner.Create(Enumerable.Range(0, processes.Count), EnumerablePartitionerOptions.NoBuffering);
        Parallel.ForEach(order, new ParallelOptions { MaxDegreeOfParallelism = jobs }, i =>
        {
            var child = processes[i];
            // A process not started before the stop has lost nothing: the next run starts it.
            if (stop.IsCancellationRequested)
            {
                codes[i] = ExitCodes.Stopped(signal());
                return;
            }
            child.StartInfo.RedirectStandardOutput = true;
            child.StartInfo.RedirectStandardError = true;
            child.StartInfo.UseShellExecute = false;
            child.StartInfo.Environment[RnnLabRuntime.KernelThreadsVariable] = threads;
            using var process = new Process { StartInfo = child.StartInfo };
            process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (gate) output(child, e.Data); };
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (gate) error(child, e.Data); };
            process.Start();
            running[i] = process;
            if (stop.IsCancellationRequested) Kill(process.Id, signal());
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            process.WaitForExit();
            running.TryRemove(i, out _);
            codes[i] = process.ExitCode;
        });
        var failed = codes.Where(c => c.Value != ExitCodes.Success && !ExitCodes.IsStop(c.Value)).OrderBy(c => c.Key).ToList();
        if (failed.Count > 0) return failed[0].Value;
        if (!codes.Values.Any(ExitCodes.IsStop)) return ExitCodes.Success;
        return signal() != 0 ? ExitCodes.Stopped(signal()) : codes.Values.First(ExitCodes.IsStop);
    }
}
