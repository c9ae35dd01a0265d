using System.Reflection;
using System.Runtime.InteropServices;

namespace RnnLab.Torch.Interop;

/// <summary>
/// Loads librnnlab_torch.so from the directory of this assembly, where the build puts it, rather than
/// relying on the loader's search path; libtorch itself is then found through the shim's RPATH or the
/// system library path.
/// </summary>
internal static class NativeLibraryResolver
{
    private static int _registered;

    internal static void Register()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 1) return;
        NativeLibrary.SetDllImportResolver(typeof(NativeLibraryResolver).Assembly, Resolve);
    }

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (name != NativeMethods.Library) return IntPtr.Zero;
        var directory = Path.GetDirectoryName(assembly.Location);
        if (string.IsNullOrEmpty(directory)) directory = AppContext.BaseDirectory;
        var path = Path.Combine(directory, "lib" + name + ".so");
        if (!File.Exists(path))
            throw new DllNotFoundException(
                $"The native shim {path} is missing. Build with './rnnlab build' (or dotnet build), which compiles src/RnnLab.Torch/Native with CMake.");
        try
        {
            return NativeLibrary.Load(path);
        }
        catch (DllNotFoundException e)
        {
            throw new DllNotFoundException(
                $"Could not load {path}: {e.Message}. Is libtorch installed (apt-get install libtorch-dev), " +
                "or does RNNLAB_LIBTORCH point at the libtorch the shim was built against?", e);
        }
    }
}
