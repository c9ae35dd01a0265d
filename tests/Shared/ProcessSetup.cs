using System.Runtime.CompilerServices;


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
