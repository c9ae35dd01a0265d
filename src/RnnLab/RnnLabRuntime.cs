using static TorchSharp.torch;

namespace RnnLab;

/// <summary>What <see cref="RnnLabRuntime.Configure"/> set for the process.</summary>
/// <param name="IntraOpThreads">libtorch's intra-op threads (1).</param>
/// <param name="InterOpThreads">libtorch's inter-op threads (1).</param>
/// <param name="KernelThreads">Lanes of the fused time loop, or tiles of the fixed-point search, run at once.</param>
/// <param name="LargeBlocksKept">Whether the C heap keeps large blocks (glibc only; see <see cref="NativeHeap"/>).</param>
/// <param name="BackgroundGc">Whether the runtime's background GC is on (the program's choice; it should be off).</param>
public sealed record RuntimeSettings(int IntraOpThreads, int InterOpThreads, int KernelThreads, bool LargeBlocksKept, bool BackgroundGc);

/// <summary>
/// The process-wide settings RnnLab's numbers depend on, made by one explicit call at start-up, before any
/// tensor op: the rnnlab program, the bench and the test assemblies make it; a program of your own that
/// uses the library makes it too. libtorch then runs every op on its calling thread (one intra-op and one
/// inter-op thread), parallel work comes from RnnLab's own lanes and tiles, each product on one BLAS
/// thread, and the C heap keeps large blocks. Why each choice: docs/engine.md. Nothing sets a thread count
/// after this, so a network's numbers are the same whatever --jobs, test order or machine load.
/// </summary>
public static class RnnLabRuntime
{
    private static readonly Lock Gate = new();
    private static RuntimeSettings? _settings;

    /// <summary>The environment variable that sets <see cref="RuntimeSettings.KernelThreads"/> for a process (a positive integer).</summary>
    public const string KernelThreadsVariable = "RNNLAB_KERNEL_THREADS";

    /// <summary>Makes the settings (once; later calls return the first call's).</summary>
    /// <returns>What was set.</returns>
    public static RuntimeSettings Configure()
    {
        lock (Gate)
        {
            if (_settings is { } made) return made;
            var kept = NativeHeap.KeepLargeBlocks();   // before the first tensor, so that no large block was mapped yet
            set_num_threads(1);
            set_num_interop_threads(1);
            var kernelThreads = int.TryParse(Environment.GetEnvironmentVariable(KernelThreadsVariable), out var n) && n > 0 ? n : Environment.ProcessorCount;
            var backgroundGc = AppContext.GetData("System.GC.Concurrent") is not false and not "false";
            return _settings = new RuntimeSettings(get_num_threads(), get_num_interop_threads(), kernelThreads, kept, backgroundGc);
        }
    }

    /// <summary>The settings made, or null before <see cref="Configure"/>.</summary>
    public static RuntimeSettings? Settings => Volatile.Read(ref _settings);

    /// <summary>How many lanes or tiles run at once; a kernel asks before it starts its threads.</summary>
    /// <exception cref="RuntimeNotConfiguredException">Configure was not called.</exception>
    public static int KernelThreads => (Settings ?? throw new RuntimeNotConfiguredException()).KernelThreads;
}

/// <summary>A kernel ran before <see cref="RnnLabRuntime.Configure"/>: its numbers would depend on libtorch's default threading.</summary>
public sealed class RuntimeNotConfiguredException() : InvalidOperationException(
    "RnnLab's runtime settings were not made: call RnnLabRuntime.Configure() once at start-up, before any tensor op.");
