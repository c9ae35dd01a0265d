using System.Reflection;
using RnnLab.Torch;

namespace RnnLab.Cli.Diagnostics;

/// <summary>
/// Facts about the numeric runtime that decide speed: the BLAS library libtorch actually loaded
/// (Debian's libtorch takes whatever libblas.so.3 points to), OpenBLAS's core type (0.3.21 does not
/// recognise recent Xeons and falls back to slow SSE3 kernels unless OPENBLAS_CORETYPE names one),
/// and the thread counts.
/// </summary>
public static class RuntimeReport
{
    /// <summary>One line for --version.</summary>
    public static string VersionLine() =>
        $"rnnlab {RnnLabVersion()} (libtorch {torch.__version__}, BLAS {LoadedBlas()}, OPENBLAS_CORETYPE={CoreType()})";

    /// <summary>Key/value lines for `rnnlab info`.</summary>
    public static IReadOnlyList<(string key, string value)> Collect() =>
    [
        ("rnnlab", RnnLabVersion()),
        ("libtorch", torch.__version__),
        ("BLAS library", LoadedBlas()),
        ("OPENBLAS_CORETYPE", CoreType()),
        ("OPENBLAS_NUM_THREADS", Environment.GetEnvironmentVariable("OPENBLAS_NUM_THREADS") ?? "(unset: one per core)"),
        ("torch threads", $"{torch.get_num_threads()} intra-op, {torch.get_num_interop_threads()} inter-op"),
        ("CPU", CpuModel()),
        ("cores", Environment.ProcessorCount.ToString()),
        ("CUDA", torch.cuda.is_available() ? $"available, {torch.cuda.device_count()} device(s)" : "not available (CPU build or no GPU)"),
        (".NET", Environment.Version.ToString()),
    ];

    private static string RnnLabVersion() =>
        typeof(RuntimeReport).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "?";

    private static string CoreType()
    {
        var value = Environment.GetEnvironmentVariable("OPENBLAS_CORETYPE");
        if (string.IsNullOrEmpty(value)) return "(unset: OpenBLAS detects the core itself)";
        return Environment.GetEnvironmentVariable("RNNLAB_CORETYPE_FROM_LAUNCHER") == "1" ? value + " (set by the launcher from the CPU flags)" : value;
    }

    /// <summary>The BLAS shared library mapped into this process, after a matmul has forced it to load.</summary>
    public static string LoadedBlas()
    {
        using (var a = torch.ones(2, 2)) using (a.matmul(a)) { }
        try
        {
            var libs = File.ReadLines("/proc/self/maps")
                .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "")
                .Where(p => p.Contains("blas", StringComparison.OrdinalIgnoreCase) && p.StartsWith('/'))
                .Distinct()
                .Select(Resolve)
                .Distinct()
                .ToList();
            return libs.Count == 0 ? "(none mapped; libtorch may use MKL or a static BLAS)" : string.Join(", ", libs);
        }
        catch (IOException)
        {
            return "(unknown: /proc/self/maps unreadable)";
        }
    }

    private static string Resolve(string path)
    {
        try
        {
            var target = new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true);
            return target?.FullName ?? path;
        }
        catch (IOException)
        {
            return path;
        }
    }

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
