using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace RnnLab.Execution;

/// <summary>
/// Trains networks on this machine, several at once, each in a process of its own, at most jobs at a time
/// (`train --seeds`, `resume` and `sweep --executor local` all schedule through here). Networks run in
/// processes rather than on threads of one process: one thread of TorchSharp ops per process never meets
/// TorchSharp 0.107's Scalar race (docs/engine.md). Each process
/// computes exactly what the network computes alone, so the numbers do not depend on jobs. A stop request
/// is forwarded to the running processes as the signal that asked for it: each writes a checkpoint and
/// exits, and networks not yet started stay untouched.
/// </summary>
public static class LocalExecutor
{
    [DllImport("libc", SetLastError = true, EntryPoint = "kill")]
    private static extern int Kill(int pid, int signal);

    /// <summary>Networks at once by default: one per core, at most the number of networks.</summary>
    public static int DefaultJobs(int networks) => Math.Max(1, Math.Min(Environment.ProcessorCount, networks));

    /// <summary>
    /// Each of jobs processes gets its share of the cores for the lanes of its time loop
    /// (<see cref="RnnLabRuntime.KernelThreadsVariable"/>): two processes each spreading over both cores of a
    /// 2-core machine measured twice as slow as one after another. Lanes are cut by batch size alone, so
    /// the share changes speed, not numbers.
    /// </summary>
    public static int KernelThreadsPerJob(int jobs) => Math.Max(1, Environment.ProcessorCount / jobs);

    /// <summary>
    /// Runs the jobs, at most jobs at once, passing each process's output and error lines to output and
    /// error (one line at a time, never two at once). When stop is cancelled, signal() gives the signal to
    /// forward (2 or 15). Returns 0 when all succeeded; else the first failure's exit code (in job order);
    /// else 130 or 143 when processes were stopped by a signal.
    /// </summary>
    public static int Run(IReadOnlyList<NetworkJob> networks, int jobs, Action<NetworkJob, string> output, Action<NetworkJob, string> error,
        CancellationToken stop, Func<int> signal)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(jobs, 1);
        var gate = new object();
        var codes = new ConcurrentDictionary<int, int>();
        var running = new ConcurrentDictionary<int, Process>();
        var stoppedCode = () => signal() == 15 ? 143 : 130;
        using var forward = stop.Register(() =>
        {
            foreach (var p in running.Values) Kill(p.Id, signal());
        });
        var threads = KernelThreadsPerJob(jobs).ToString(CultureInfo.InvariantCulture);
        // Without buffering each free worker takes the next job in order: seed-0, seed-1, ... start first, and a
        // slow network does not hold back a chunk of others queued behind it on the same worker.
        var order = Partitioner.Create(Enumerable.Range(0, networks.Count), EnumerablePartitionerOptions.NoBuffering);
        Parallel.ForEach(order, new ParallelOptions { MaxDegreeOfParallelism = jobs }, i =>
        {
            var job = networks[i];
            // A network not started before the stop has lost nothing: the next run starts it.
            if (stop.IsCancellationRequested)
            {
                codes[i] = stoppedCode();
                return;
            }
            job.StartInfo.RedirectStandardOutput = true;
            job.StartInfo.RedirectStandardError = true;
            job.StartInfo.UseShellExecute = false;
            job.StartInfo.Environment[RnnLabRuntime.KernelThreadsVariable] = threads;
            using var process = new Process { StartInfo = job.StartInfo };
            process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (gate) output(job, e.Data); };
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (gate) error(job, e.Data); };
            process.Start();
            running[i] = process;
            if (stop.IsCancellationRequested) Kill(process.Id, signal());
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            process.WaitForExit();
            running.TryRemove(i, out _);
            codes[i] = process.ExitCode;
        });
        var failed = codes.Where(c => c.Value is not 0 and not 130 and not 143).OrderBy(c => c.Key).ToList();
        if (failed.Count > 0) return failed[0].Value;
        if (!codes.Values.Any(c => c is 130 or 143)) return 0;
        return signal() != 0 ? stoppedCode() : codes.Values.First(c => c is 130 or 143);
    }
}
