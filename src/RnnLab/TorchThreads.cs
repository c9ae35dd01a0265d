using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using static TorchSharp.torch;

namespace RnnLab;

/// <summary>
/// RnnLab's one threading choice, made once per process when the library loads: libtorch runs every
/// op on the calling thread (one intra-op thread, one inter-op thread), and parallel work comes from
/// RnnLab itself: networks of a multi-seed run in processes of their own, lanes of the fused time loop
/// and tiles of the fixed-point search on threads, each product on one BLAS thread of its calling thread.
/// TorchSharp ops themselves run on one thread per process: TorchSharp frees an implicitly converted
/// Scalar in its finalizer without keeping it alive across the native call that reads it, so a GC that
/// runs during such a call can free it mid-call. A GC can run then in two ways: another thread allocates
/// (the lanes and tiles call only BLAS and C# and allocate nothing once started), or the background GC
/// thread finishes a gen2 collection, which is why every program here turns background GC off
/// (Directory.Build.props). A test host's own threads still allocate, so a test can meet the race, rarely.
/// Nothing sets a thread count after this, so no result depends on what else runs or
/// in which order: a network's numbers are the same whatever --jobs, test order or machine load.
/// </summary>
public static class TorchThreads
{
    private static int _configured;

    /// <summary>The environment variable that sets <see cref="KernelThreads"/> for a process (a positive integer).</summary>
    public const string KernelThreadsVariable = "RNNLAB_KERNEL_THREADS";

    /// <summary>
    /// Makes the choice; idempotent. It runs when the RnnLab assembly loads, before any of its code
    /// touches a tensor; a program (or test assembly) that runs tensor ops of its own before touching
    /// RnnLab calls it first, so that every op of the process runs under the same choice.
    /// </summary>
    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255", Justification = "The threading choice must precede every tensor op of the library, whoever calls it first.")]
    public static void Configure()
    {
        if (Interlocked.Exchange(ref _configured, 1) == 1) return;
        NativeHeap.KeepLargeBlocks();   // before the first tensor, so that no large block was mapped yet
        set_num_threads(1);
        set_num_interop_threads(1);
        KernelThreads = int.TryParse(Environment.GetEnvironmentVariable(KernelThreadsVariable), out var n) && n > 0 ? n : Environment.ProcessorCount;
    }

    /// <summary>
    /// How many lanes of the fused time loop, or tiles of the fixed-point search, run at once: one per core,
    /// or RNNLAB_KERNEL_THREADS (1 in each of the processes of `train --seeds K --jobs 2` on 2 cores, so
    /// that two processes do not each spread over both cores). The lanes and tiles themselves are cut by the
    /// sizes alone, so the numbers are the same however many run at once.
    /// </summary>
    public static int KernelThreads { get; private set; } = Environment.ProcessorCount;

    /// <summary>libtorch's intra-op threads (1 under RnnLab).</summary>
    public static int IntraOp => get_num_threads();
}
