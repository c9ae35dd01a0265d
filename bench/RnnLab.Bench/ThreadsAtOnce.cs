using System.Runtime.ExceptionServices;

namespace RnnLab.Bench;

/// <summary>
/// For timing only: work on several items at once, each on its own thread. `train --seeds K` runs its
/// networks in processes of their own instead (WorkerProcesses), because TorchSharp ops on concurrent
/// threads of one process can meet a Scalar the GC freed; the bench times the same arrangement on
/// threads, where an occasional wrong number costs a timing, not a result.
/// </summary>
internal static class ThreadsAtOnce
{
    /// <summary>Networks at once by default: one per core, at most the number of networks.</summary>
    public static int DefaultJobs(int networks) => Math.Max(1, Math.Min(Environment.ProcessorCount, networks));

    /// <summary>
    /// Runs work(item) for every item, at most jobs at once. The first exception a worker throws is
    /// rethrown as itself once all workers have stopped.
    /// </summary>
    public static void ForEach<T>(IReadOnlyList<T> items, int jobs, Action<T> work)
    {
        if (jobs < 1) throw new ArgumentOutOfRangeException(nameof(jobs), jobs, "must be at least 1");
        try
        {
            Parallel.ForEach(items, new ParallelOptions { MaxDegreeOfParallelism = jobs }, work);
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
    }
}
