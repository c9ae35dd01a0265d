using System.Diagnostics;
using System.Text.Json;

namespace RnnLab.Cli.Bench;

/// <summary>
/// Runs bench/pytorch_reference.py (the same scenarios in PyTorch) with the same thread count and the
/// same OpenBLAS environment, using Debian's python3-torch, which wraps the same libtorch 1.13 RnnLab links.
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

    /// <summary>Runs the scenarios; returns results by scenario name, and the torch version line.</summary>
    public static (Dictionary<string, BenchResult> results, string version) Run(string script, int threads, int repeats, int stepsPerRun, IEnumerable<string> scenarios)
    {
        var info = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { script, "--threads", threads.ToString(), "--repeats", repeats.ToString(), "--steps-per-run", stepsPerRun.ToString(), "--scenarios", string.Join(",", scenarios) })
            info.ArgumentList.Add(a);
        // The environment (OPENBLAS_CORETYPE, OPENBLAS_NUM_THREADS) is inherited: both sides run with the same BLAS settings.
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var results = new Dictionary<string, BenchResult>();
        var version = "";
        while (process.StandardOutput.ReadLine() is { } line)
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            if (root.TryGetProperty("torch", out var torchVersion))
            {
                version = $"PyTorch {torchVersion.GetString()}, {root.GetProperty("threads").GetInt32()} thread(s)";
                continue;
            }
            var name = root.GetProperty("scenario").GetString()!;
            var runs = root.GetProperty("runs").EnumerateArray().Select(e => e.GetDouble()).ToList();
            var median = root.TryGetProperty("seconds", out var seconds) ? seconds.GetDouble() : root.GetProperty("steps_per_second").GetDouble();
            results[name] = new BenchResult(name, median, runs, root.GetProperty("peak_rss_mib").GetDouble());
        }
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"the PyTorch reference failed: {stderr.Result}");
        return (results, version);
    }
}
