using System.Diagnostics;
using System.Text.Json;

namespace RnnLab.Bench;

/// <summary>What a baseline process measured: results by scenario, and a line naming the library and its threads.</summary>
public sealed record BaselineResults(IReadOnlyDictionary<string, BenchResult> Results, string Version);

/// <summary>
/// Runs a baseline of the bench in a process of its own (the PyTorch reference, plain TorchSharp) and
/// reads the JSON lines both print: first {"torch": version, "threads": n}, then one object per scenario
/// with "steps_per_second" (or "seconds" for FP), "runs" and "peak_rss_mib".
/// </summary>
public static class BaselineProcess
{
    /// <summary>Runs it to the end; a failure throws with what it printed on standard error.</summary>
    public static BaselineResults Run(ProcessStartInfo info, string what)
    {
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
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
                version = $"{torchVersion.GetString()}, {root.GetProperty("threads").GetInt32()} intra-op thread(s)";
                continue;
            }
            var name = root.GetProperty("scenario").GetString()!;
            var runs = root.GetProperty("runs").EnumerateArray().Select(e => e.GetDouble()).ToList();
            var median = root.TryGetProperty("seconds", out var seconds) ? seconds.GetDouble() : root.GetProperty("steps_per_second").GetDouble();
            results[name] = new BenchResult(name, median, runs, root.GetProperty("peak_rss_mib").GetDouble());
        }
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{what} failed: {stderr.Result}");
        return new BaselineResults(results, version);
    }
}
