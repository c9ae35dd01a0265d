using System.Reflection;
using RnnLab.Kernels;
using TorchSharp;

namespace RnnLab.Cli.Diagnostics;

/// <summary>
/// Facts about the numeric runtime that decide speed and reproducibility: TorchSharp's and libtorch's
/// versions, the BLAS the fused kernels call, the vector instructions detected on this CPU, and the
/// threads (one libtorch thread per calling thread, set once by <see cref="RnnLabRuntime"/>).
/// </summary>
public static class RuntimeReport
{
    /// <summary>One line for --version.</summary>
    public static string VersionLine() =>
        $"rnnlab {RnnLabVersion()} (TorchSharp {TorchSharpVersion()}, libtorch {torch.__version__}, BLAS {KernelRuntime.Blas}, {KernelRuntime.InstructionSet})";

    /// <summary>Key/value lines for `rnnlab info`.</summary>
    public static IReadOnlyList<(string key, string value)> Collect() =>
    [
        ("rnnlab", RnnLabVersion()),
        ("TorchSharp", TorchSharpVersion()),
        ("libtorch", torch.__version__),
        ("BLAS", KernelRuntime.Blas),
        ("instruction set", KernelRuntime.InstructionSet),
        ("threads", $"libtorch {torch.get_num_threads()} intra-op, {torch.get_num_interop_threads()} inter-op (set once by RnnLab); lanes and tiles {RnnLabRuntime.Settings?.KernelThreads.ToString() ?? "?"} at once on {Environment.ProcessorCount} cores"),
        ("memory", RnnLabRuntime.Settings is { } settings ? $"C heap keeps large blocks: {(settings.LargeBlocksKept ? "yes" : "no")}; background GC: {(settings.BackgroundGc ? "on" : "off")}" : "?"),
        ("CPU", CpuModel()),
        ("CUDA", torch.cuda.is_available() ? $"available, {torch.cuda.device_count()} device(s)" : "not available (CPU build or no GPU)"),
        (".NET", Environment.Version.ToString()),
    ];

    private static string RnnLabVersion() =>
        typeof(RuntimeReport).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "?";

    private static string TorchSharpVersion() =>
        typeof(torch).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(torch).Assembly.GetName().Version?.ToString() ?? "?";

    private static string CpuModel()
    {
        try
        {
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            return line?.Split(':', 2)[1].Trim() ?? "unknown";
        }
        catch (IOException)
        {
            return "unknown";
        }
    }
}
