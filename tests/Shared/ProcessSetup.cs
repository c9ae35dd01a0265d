using System.Runtime.CompilerServices;

// Tests of one assembly run one at a time: tests side by side in one process met TorchSharp 0.107's
// Scalar race (docs/engine.md); the tests that exercise concurrency on purpose keep implicit Scalars out
// of their threads.
[assembly: Xunit.CollectionBehavior(DisableTestParallelization = true)]

namespace RnnLab.TestSupport;

/// <summary>
/// Compiled into every test assembly that runs tensor ops: the test process makes RnnLab's runtime
/// settings, as every program using the library does, before any test runs a tensor op, whatever the order.
/// </summary>
internal static class ProcessSetup
{
    [ModuleInitializer]
    internal static void ConfigureRuntime() => RnnLab.RnnLabRuntime.Configure();
}
