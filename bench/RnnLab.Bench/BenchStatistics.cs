using System.Diagnostics;

namespace RnnLab.Bench;

/// <summary>
/// What every column of the bench reports the same way: the median of repeated runs and the process's peak
/// resident memory. It touches no RnnLab type, so the plain-TorchSharp baseline can use it without loading
/// RnnLab's library (and its threading choice).
/// </summary>
public static class BenchStatistics
{
    /// <summary>The median of a list.</summary>
    public static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>This process's peak resident memory in MiB.</summary>
    public static double PeakMiB()
    {
        using var p = Process.GetCurrentProcess();
        p.Refresh();
        return p.PeakWorkingSet64 / 1024.0 / 1024.0;
    }
}
