using System.Diagnostics;
using System.Text.RegularExpressions;
using RnnLab.IO;

namespace RnnLab.Cli.Tests.Commands;

/// <summary>
/// The crash test of training, in the spirit of SQLite's: a run is killed with SIGKILL at each write boundary
/// (<see cref="FaultInjection"/>: after an evaluation line, halfway through and after a checkpoint, halfway
/// through learned/ and after it, halfway through final/), then continued as a user would, and must end
/// with what an uninterrupted run writes: the same final/ and learned/ bytes and the same metrics.jsonl rows
/// (elapsed times aside). For a stop-rule config and a fixed-step config, and for one network, --seeds 2,
/// --ensemble and a sweep network. Every process is a real one, so the class runs beside the console tests.
/// </summary>
public sealed partial class KillAnywhereTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rnnlab-crash-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    // The boundaries, as FaultInjection reads them; the learned/ ones only where a stop rule writes learned/.
    // Evaluations come at step 0 (the untrained network) and every 5 steps, checkpoints every 15: the 3rd
    // evaluation line (step 10) lands before any checkpoint, the 5th (step 20) after the first.
    private static readonly string[] Boundaries =
    [
        "appended:/metrics.jsonl@3", "appended:/metrics.jsonl@5", "writing:/checkpoints/@1", "written:/checkpoints/@1",
        "writing:/learned/@1", "written:/learned/@1", "writing:/final/@1",
    ];

    private const int Steps = 40;

    private string Config(string name, double stopAccuracy)
    {
        var path = Path.Combine(_dir, name + ".json");
        var rule = stopAccuracy > 0 ? $$""", "StopAccuracy": {{stopAccuracy.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}}, "StopAfterEvaluations": 3""" : "";
        File.WriteAllText(path, $$"""
            { "Name": "crash", "Seed": 5, "Model": { "Units": 16 }, "Task": { "Kind": "perception", "Steps": 20, "GraceSteps": 5 },
              "Training": { "Steps": {{Steps}}, "BatchSize": 8, "LearningRate": 0.01, "EvaluateEvery": 5, "EvaluationBatchSize": 32, "CheckpointEvery": 15{{rule}} } }
            """);
        return path;
    }

    // How a user starts each kind of run, and how they continue it after a crash.
    private string[] First(string mode, string config, string output) => mode switch
    {
        "single" => ["train", config, "--out", output, "--quiet"],
        "seeds" => ["train", config, "--out", output, "--seeds", "2", "--quiet"],
        "ensemble" => ["train", config, "--out", output, "--seeds", "2", "--ensemble", "--quiet"],
        _ => ["sweep", Sweep(config), "--out", output, "--quiet"],
    };

    private string[] Again(string mode, string config, string output) => mode switch
    {
        "sweep" => ["sweep", Sweep(config), "--out", output, "--quiet"],
        _ => ["resume", output, "--quiet"],
    };

    private string Sweep(string config)
    {
        var path = Path.ChangeExtension(config, ".sweep.json");
        File.WriteAllText(path, $$"""{ "Config": "{{Path.GetFileName(config)}}", "Seeds": 1, "Grid": { "Model:Units": [16] } }""");
        return path;
    }

    private static (int code, string output) Rnnlab(string[] args, string? killAt = null)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "RnnLab.Cli.dll"));
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment.Remove(FaultInjection.Variable);
        if (killAt is not null) info.Environment[FaultInjection.Variable] = killAt;
        using var p = Process.Start(info)!;
        var stderr = p.StandardError.ReadToEndAsync();
        var stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, stdout + stderr.Result);
    }

    [Theory]
    [Trait("Category", "Slow")]
    [InlineData("single")]
    [InlineData("seeds")]
    [InlineData("ensemble")]
    [InlineData("sweep")]
    public void AKillAtAnyWriteBoundary_ContinuesToWhatAnUninterruptedRunWrites(string mode)
    {
        var fixedSteps = Config($"{mode}-fixed", 0);
        var fixedReference = Train(mode, fixedSteps, Path.Combine(_dir, $"{mode}-fixed-reference"));
        var ruled = Config($"{mode}-rule", Threshold(fixedReference));
        var ruledReference = Train(mode, ruled, Path.Combine(_dir, $"{mode}-rule-reference"));
        Assert.All(Networks(ruledReference), n => Assert.True(File.Exists(Path.Combine(ruledReference, n, "learned", "model.safetensors")), n));

        var cases = Boundaries.Select(b => (config: ruled, reference: ruledReference, boundary: b))
            .Concat(Boundaries.Where(b => !b.Contains("/learned/", StringComparison.Ordinal)).Select(b => (config: fixedSteps, reference: fixedReference, boundary: b)))
            .ToList();
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.ForEach(cases, new ParallelOptions { MaxDegreeOfParallelism = 2 }, c =>
        {
            var name = $"{Path.GetFileNameWithoutExtension(c.config)}-{Regex.Replace(c.boundary, "[^a-z0-9]+", "-")}";
            var output = Path.Combine(_dir, name);
            var (killed, said) = Rnnlab(First(mode, c.config, output), c.boundary);
            // Without a kill the case would test nothing: the process (or, for a parent, its child, whose exit code
            // the parent returns) died by SIGKILL at the boundary.
            if (killed != 137 || !said.Contains($"rnnlab: killed {c.boundary.Split(':')[0]} ", StringComparison.Ordinal))
            {
                failures.Add($"{name}: the run was not killed at {c.boundary} (exit {killed}):\n{said}");
                return;
            }
            var (code, again) = Rnnlab(Again(mode, c.config, output));
            if (code != 0) { failures.Add($"{name}: continuing exited {code}:\n{again}"); return; }
            foreach (var difference in Differences(c.reference, output)) failures.Add($"{name}: {difference}");
        });
        Assert.True(failures.IsEmpty, string.Join("\n", failures.Order(StringComparer.Ordinal)));
    }

    private string Train(string mode, string config, string output)
    {
        var (code, said) = Rnnlab(First(mode, config, output));
        Assert.True(code == 0, said);
        return output;
    }

    // The networks of a run or sweep, as folders relative to it: those holding a final/.
    private static List<string> Networks(string root) =>
        Directory.GetDirectories(root, "final", SearchOption.AllDirectories).Select(d => Path.GetRelativePath(root, Path.GetDirectoryName(d)!)).Order(StringComparer.Ordinal).ToList();

    // A stop-rule threshold that the uninterrupted run meets in the middle, after the first checkpoint and
    // before the cap, for all its networks together: the highest accuracy for which that holds. As in
    // StopRule, the untrained network's evaluation (step 0) does not count.
    private static double Threshold(string fixedReference)
    {
        var runs = Networks(fixedReference).Select(n => Accuracies(Path.Combine(fixedReference, n, "metrics.jsonl"))).ToList();
        foreach (var t in runs.SelectMany(r => r.Values).Where(a => a > 0).Distinct().OrderDescending())
        {
            var stop = runs[0].Keys.FirstOrDefault(step => runs.All(r => r.Where(kv => kv.Key <= step).TakeLast(3).Count(kv => kv.Value >= t) == 3));
            if (stop is >= 20 and <= Steps - 5) return t;
        }
        Assert.Fail($"no accuracy threshold stops {fixedReference} between steps 20 and {Steps - 5}: " +
                    string.Join("; ", runs.Select(r => string.Join(", ", r.Select(kv => $"{kv.Key}: {kv.Value}")))));
        return 0;
    }

    private static SortedDictionary<int, double> Accuracies(string metrics) => new(File.ReadAllLines(metrics).Where(l => l.Length > 0)
        .Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement)
        .Where(e => e.GetProperty("step").GetInt32() > 0)
        .ToDictionary(e => e.GetProperty("step").GetInt32(), e => e.GetProperty("accuracy").GetDouble()));

    private static IEnumerable<string> Differences(string reference, string run)
    {
        var networks = Networks(reference);
        var got = Networks(run);
        if (!networks.SequenceEqual(got)) { yield return $"finished networks [{string.Join(", ", got)}], expected [{string.Join(", ", networks)}]"; yield break; }
        foreach (var n in networks)
        {
            foreach (var snapshot in new[] { "final", "learned" })
            {
                var expected = Path.Combine(reference, n, snapshot, "model.safetensors");
                var actual = Path.Combine(run, n, snapshot, "model.safetensors");
                if (File.Exists(expected) != File.Exists(actual)) yield return $"{n}/{snapshot}: {(File.Exists(actual) ? "present" : "missing")}, unlike the uninterrupted run";
                else if (File.Exists(expected) && !File.ReadAllBytes(expected).SequenceEqual(File.ReadAllBytes(actual))) yield return $"{n}/{snapshot}: the weights differ";
            }
            var rows = Rows(Path.Combine(reference, n, "metrics.jsonl"));
            var logged = Rows(Path.Combine(run, n, "metrics.jsonl"));
            if (!rows.SequenceEqual(logged))
                yield return $"{n}/metrics.jsonl: steps [{string.Join(", ", logged.Select(StepOf))}], expected [{string.Join(", ", rows.Select(StepOf))}]" +
                             (logged.Count == rows.Count ? " (values differ)" : "");
        }
    }

    private static List<string> Rows(string metrics) => File.ReadAllLines(metrics).Where(l => l.Length > 0).Select(l => Elapsed().Replace(l, "")).ToList();

    private static string StepOf(string row) => Regex.Match(row, "\"step\":(\\d+)").Groups[1].Value;

    [GeneratedRegex("\"elapsed_seconds\":[^,}]*,?")]
    private static partial Regex Elapsed();
}
