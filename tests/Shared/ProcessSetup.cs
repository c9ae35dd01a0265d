using System.Runtime.CompilerServices;

// Tests of one assembly run one at a time. TorchSharp 0.107's Scalar (what `x * 0.5` converts 0.5 to)
// frees its native memory in a finalizer and is not kept alive across the native call that reads it
// (Tensor.div(Scalar) and the like call no GC.KeepAlive). When another thread allocates and the GC runs
// while one thread is inside such a call, the finalizer can free the Scalar under it ("Unknown scalar
// type" from at::native::div was seen under load). Tests running side by side in one process made that
// happen; the tests that exercise concurrency on purpose keep implicit Scalars out of their threads.
[assembly: Xunit.CollectionBehavior(DisableTestParallelization = true)]

namespace RnnLab.TestSupport;

/// <summary>
/// Compiled into every test assembly that runs tensor ops: the test process makes RnnLab's threading
/// choice before any test runs one, whatever the test order.
/// </summary>
internal static class ProcessSetup
{
    [ModuleInitializer]
    internal static void ChooseThreadingOnce() => RnnLab.TorchThreads.Configure();
}
