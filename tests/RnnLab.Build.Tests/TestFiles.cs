using System.Buffers.Binary;
using System.Runtime.Versioning;

// What is tested here (ELF, ld.so, libstdc++, TorchSharp's linux-x64 files) exists only on Linux.
[assembly: SupportedOSPlatform("linux")]

namespace RnnLab.Build.Tests;

/// <summary>
/// The real TorchSharp and libtorch files these tests work on, read from the NuGet cache (never written).
/// They are not downloaded here: a build of any project that references TorchSharp-cpu 0.107.0 restores them.
/// </summary>
internal static class TorchSharpPackages
{
    public const string TorchSharpVersion = "0.107.0";
    public const string LibTorchVersion = "2.10.0";

    // Facts about libLibTorchSharp.so 0.107.0, as `readelf -V` and `readelf -r` show them; the tests compare the
    // reader with these rather than with itself.
    /// <summary>.gnu.version_r starts at 0x3f8f0; the GLIBCXX_3.4.32 Vernaux entry is at +0x140; vna_flags at +4.</summary>
    public const long Glibcxx3432FlagsOffset = 0x3f8f0 + 0x140 + 4;
    public const ushort Glibcxx3432Index = 18;
    public const string MarkerSymbol = "_ZSt21ios_base_library_initv";
    public const int RequirementCount = 28;
    public const int RelocationCount = 1532 + 1201;

    public static string PackagesRoot
    {
        get
        {
            string? configured = Environment.GetEnvironmentVariable("NUGET_PACKAGES");
            return string.IsNullOrEmpty(configured)
                ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages")
                : configured;
        }
    }

    public static string LibLibTorchSharp =>
        RequireFile(Path.Combine(PackagesRoot, "torchsharp", TorchSharpVersion, "runtimes", "linux-x64", "native", "libLibTorchSharp.so"));

    public static string LibTorchNativeDirectory
    {
        get
        {
            string directory = Path.Combine(PackagesRoot, "libtorch-cpu-linux-x64", LibTorchVersion, "runtimes", "linux-x64", "native");
            RequireFile(Path.Combine(directory, "libtorch_cpu.so"));
            return directory;
        }
    }

    private static string RequireFile(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException(
                $"{path} is missing. These tests need TorchSharp {TorchSharpVersion} and libtorch-cpu-linux-x64 {LibTorchVersion} in the " +
                $"NuGet cache ({PackagesRoot}; set NUGET_PACKAGES if yours is elsewhere): restore a project that references " +
                $"TorchSharp-cpu {TorchSharpVersion} first.", path);
        return path;
    }
}

/// <summary>A fresh directory under the system temp directory, removed with everything in it.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = Directory.CreateTempSubdirectory("rnnlab-build-tests-").FullName;
    }

    public string Path { get; }

    /// <summary>A copy of <paramref name="source"/> in this directory (named like it unless told otherwise).</summary>
    public string Copy(string source, string? name = null)
    {
        string destination = System.IO.Path.Combine(Path, name ?? System.IO.Path.GetFileName(source));
        File.Copy(source, destination);
        return destination;
    }

    public void Dispose()
    {
        // Symbolic links inside are removed as links; what they point to is not touched.
        Directory.Delete(Path, recursive: true);
    }
}

internal static class Bytes
{
    public static ushort U16(byte[] image, long offset) => BinaryPrimitives.ReadUInt16LittleEndian(image.AsSpan((int)offset));

    public static ulong U64(byte[] image, long offset) => BinaryPrimitives.ReadUInt64LittleEndian(image.AsSpan((int)offset));

    public static void PutU16(byte[] image, long offset, ushort value) => BinaryPrimitives.WriteUInt16LittleEndian(image.AsSpan((int)offset), value);

    public static void PutU64(byte[] image, long offset, ulong value) => BinaryPrimitives.WriteUInt64LittleEndian(image.AsSpan((int)offset), value);
}
