using System.Diagnostics;

namespace RnnLab.Kernels;

/// <summary>
/// Runs the lanes of the fused time loop and the tiles of the fixed-point search: the calling thread and
/// <see cref="RnnLabRuntime.KernelThreads"/> - 1 dedicated threads take items until none is left. Unlike
/// Parallel.For, the workers allocate nothing once started, and every one of them is back to waiting before
/// Run returns, so no other thread allocates while the caller goes on with TorchSharp ops (TorchSharp 0.107's
/// Scalar race: docs/engine.md). Each worker holds its MKL to one thread for good. A second caller while the
/// workers are busy (tests run kernels from several threads at once) runs its items on its own thread;
/// which thread runs an item never changes its numbers.
/// </summary>
internal static class KernelWorkers
{
    private static readonly object Gate = new();
    private static readonly ManualResetEventSlim Wake = new(false);
    // How long an idle worker spins before it sleeps: the fixed-point search calls the kernel thousands of
    // times in a row with little in between, and waking a sleeping thread costs more than a tile.
    private static readonly long SpinTicks = Stopwatch.Frequency / 2000;   // 0.5 ms
    private static Thread[]? _workers;
    private static Action<int>? _body;
    private static int _count, _next, _active, _generation;
    private static Exception? _failure;

    /// <summary>Runs body(0 .. count-1), each index once, and returns when all are done; rethrows the first failure.</summary>
    public static void Run(int count, Action<int> body)
    {
        if (RnnLabRuntime.KernelThreads <= 1 || count <= 1 || !Monitor.TryEnter(Gate))
        {
            using var _ = Blas.OneThreadHere();
            for (var i = 0; i < count; i++) body(i);
            return;
        }
        try
        {
            var workers = EnsureWorkers();
            _body = body;
            _count = count;
            _next = 0;
            _failure = null;
            _active = workers.Length + 1;
            Interlocked.Increment(ref _generation);   // publishes the job: every worker takes part in it
            Wake.Set();
            using (Blas.OneThreadHere()) Work();
            // The others finish their last item: wait by spinning, since sleeping and waking costs more.
            while (Volatile.Read(ref _active) != 0) Thread.SpinWait(20);
            Wake.Reset();
            _body = null;
            if (_failure is not null) throw new AggregateException("a kernel lane or tile failed", _failure);
        }
        finally
        {
            Monitor.Exit(Gate);
        }
    }

    // Takes items until none is left, then counts itself out.
    private static void Work()
    {
        try
        {
            for (var i = Interlocked.Increment(ref _next) - 1; i < _count; i = Interlocked.Increment(ref _next) - 1)
                _body!(i);
        }
        catch (Exception e)
        {
            Interlocked.CompareExchange(ref _failure, e, null);
            Interlocked.Exchange(ref _next, int.MaxValue / 2);   // the others stop taking items
        }
        finally
        {
            Interlocked.Decrement(ref _active);
        }
    }

    private static Thread[] EnsureWorkers()
    {
        if (_workers is not null) return _workers;
        var workers = new Thread[RnnLabRuntime.KernelThreads - 1];
        for (var w = 0; w < workers.Length; w++)
        {
            workers[w] = new Thread(WorkerLoop) { IsBackground = true, Name = $"RnnLab kernel worker {w + 1}" };
            workers[w].Start();
        }
        return _workers = workers;
    }

    // Waits for each new job (spinning briefly, then sleeping) and takes part in it.
    private static void WorkerLoop()
    {
        _ = Blas.OneThreadHere();   // never restored: this thread only ever runs kernel items
        var seen = 0;
        while (true)
        {
            var since = Stopwatch.GetTimestamp();
            while (Volatile.Read(ref _generation) == seen)
            {
                if (Stopwatch.GetTimestamp() - since < SpinTicks) Thread.SpinWait(20);
                else Wake.Wait();
            }
            seen = Volatile.Read(ref _generation);
            Work();
        }
    }
}
