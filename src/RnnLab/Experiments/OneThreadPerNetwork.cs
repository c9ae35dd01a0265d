using System.Runtime.ExceptionServices;
using static RnnLab.Torch.torch;

namespace RnnLab.Experiments;

/// <summary>
/// Works on several networks at once, each on one libtorch and one BLAS thread. The matrix products of
/// one small network leave the other cores idle; one network per core fills them (two decision networks
/// trained at once took 4.1 s where one after another took 6.1 s on 2 cores). Since every network runs
/// single-threaded, its numbers do not depend on how many run beside it.
/// </summary>
public static class OneThreadPerNetwork
{
    /// <summary>Networks at once by default: one per core, at most the number of networks.</summary>
    public static int DefaultJobs(int networks) => Math.Max(1, Math.Min(Environment.ProcessorCount, networks));

    /// <summary>
    /// Runs work(item) for every item, at most jobs at once; thread counts are restored afterwards. The
    /// first exception a worker throws is rethrown as itself once all workers have stopped.
    /// </summary>
    public static void ForEach<T>(IReadOnlyList<T> items, int jobs, Action<T> work)
    {
        if (jobs < 1) throw new ArgumentOutOfRangeException(nameof(jobs), jobs, "must be at least 1");
        var threads = get_num_threads();
        var blasThreads = get_blas_num_threads();
        set_num_threads(1);
        set_blas_num_threads(1);
        try
        {
            Parallel.ForEach(items, new ParallelOptions { MaxDegreeOfParallelism = jobs }, item =>
            {
                set_num_threads(1);
                work(item);
            });
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
        finally
        {
            set_num_threads(threads);
            if (blasThreads > 0) set_blas_num_threads(blasThreads);
        }
    }
}
