using System.Diagnostics;
using System.Globalization;

namespace RnnLab.Bench;

/// <summary>
/// bench/pytorch_reference.py: the same scenarios in PyTorch, with Debian's python3-torch (libtorch 1.13
/// over OpenBLAS) and PyTorch's default threading (one intra-op thread per core), as a PyTorch user runs it.
/// </summary>
public static class PyTorchReference
{
    /// <summary>The interpreter that has Debian's torch.</summary>
    public const string Python = "/usr/bin/python3";

    /// <summary>Why the reference cannot run, or null when it can.</summary>
    public static string? Unavailable(string script)
    {
        if (!File.Exists(script)) return $"{script} is missing";
        if (!File.Exists(Python)) return $"{Python} is missing (apt-get install python3-torch)";
        using var p = Process.Start(new ProcessStartInfo(Python, ["-c", "import torch"]) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        p.WaitForExit();
        return p.ExitCode == 0 ? null : "PyTorch is not installed for /usr/bin/python3 (apt-get install python3-torch)";
    }

    /// <summary>Runs the scenarios.</summary>
    public static BaselineResults Run(string script, int repeats, int stepsPerRun, IEnumerable<string> scenarios)
    {
        var info = new ProcessStartInfo(Python);
        foreach (var a in new[] { script, "--repeats", repeats.ToString(CultureInfo.InvariantCulture), "--steps-per-run", stepsPerRun.ToString(CultureInfo.InvariantCulture), "--scenarios", string.Join(",", scenarios) })
            info.ArgumentList.Add(a);
        var results = BaselineProcess.Run(info, "the PyTorch reference");
        return results with { Version = "PyTorch " + results.Version };
    }
}
