using System.Runtime.InteropServices;

namespace RnnLab.Build.Tests;

public sealed class LibraryLoadTests
{
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int GetNumThreads();

    [Fact]
    public void NativeLibraryLoad_LibLibTorchSharpBesideLibTorch_FailsUnpatchedAndLoadsOncePatched()
    {
        // The layout of a build's output: libLibTorchSharp.so next to libtorch's libraries, which it finds
        // through its RUNPATH $ORIGIN (libtorch_cpu.so finds its libgomp the same way).
        using var directory = new TempDirectory();
        foreach (string library in Directory.GetFiles(TorchSharpPackages.LibTorchNativeDirectory))
            File.CreateSymbolicLink(Path.Combine(directory.Path, Path.GetFileName(library)), library);
        string copy = directory.Copy(TorchSharpPackages.LibLibTorchSharp);
        bool systemHasVersion = ElfFile.Read(SystemLibraries.Find("libstdc++.so.6")!).DefinesVersion("GLIBCXX_3.4.32");

        if (!systemHasVersion)
        {
            // What the build step is for: without it, ld.so refuses the library outright.
            var error = Assert.Throws<DllNotFoundException>(() => NativeLibrary.Load(copy));
            Assert.Contains("GLIBCXX_3.4.32", error.Message);
            Assert.Contains("not found", error.Message);
        }
        Assert.Equal(WeakenOutcome.Patched, ElfVersionRequirements.Weaken(copy, "libstdc++.so.6", "GLIBCXX_3.4.32"));

        IntPtr handle = NativeLibrary.Load(copy);

        // Call into it, which runs libtorch code, not only the loader's symbol lookup.
        var getNumThreads = Marshal.GetDelegateForFunctionPointer<GetNumThreads>(NativeLibrary.GetExport(handle, "THSTorch_get_num_threads"));
        Assert.True(getNumThreads() >= 1);
        // libtorch stays loaded until the process ends: unloading it is not supported.
    }
}
