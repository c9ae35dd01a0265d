using System.Runtime.CompilerServices;

namespace RnnLab.Tests;

/// <summary>The test process makes RnnLab's threading choice before any test runs a tensor op, whatever the test order.</summary>
internal static class ProcessSetup
{
    [ModuleInitializer]
    internal static void ChooseThreadingOnce() => RnnLab.TorchThreads.Configure();
}
