using System.Runtime.ExceptionServices;

namespace RnnLab.Experiments;

/// <summary>
/// Works on several networks at once, each on its own thread. The matrix products of one small network
/// leave the other cores idle; one network per core fills them. libtorch runs every op on its calling
/// thread (<see cref="TorchThreads"/>), so a network's numbers do not depend on how many run beside it.
/// </summary>
public static class OneThreadPerNetwork
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
