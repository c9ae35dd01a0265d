using System.Diagnostics;
using System.Text.RegularExpressions;
using static RnnLab.Cli.Tests.CliRunner;

using RnnLab.Cli.Tests.Commands;

namespace RnnLab.Cli.Tests.Slurm;

/// <summary>
/// A sweep on a real Slurm cluster (<see cref="SlurmCluster"/>): a 2-point × 2-seed sweep runs as one job
/// array, one running task is preempted with `scontrol requeue` after its first checkpoint, and every
/// network ends bitwise where the local executor's ends; `sweep status` reports the array.
/// </summary>
[Collection(ConsoleCollection.Name)]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SlurmSweepTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rnnlab-slurm-sweep-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Sweep()
    {
        File.WriteAllText(Path.Combine(_dir, "small.json"), """
            { "Name": "small", "Seed": 7, "Model": { "Units": 24 }, "Task": { "Kind": "perception", "Steps": 40, "GraceSteps": 5 },
              "Training": { "Steps": 300, "BatchSize": 16, "EvaluateEvery": 20, "EvaluationBatchSize": 16, "CheckpointEvery": 20 } }
            """);
        var path = Path.Combine(_dir, "sweep.json");
        File.WriteAllText(path, """{ "Config": "small.json", "Seeds": 2, "Grid": { "Model:Units": [24, 32] }, "Slurm": { "CpusPerTask": 1 } }""");
        return path;
    }

    [Fact]
    [Trait("Category", "Slow")]
    [Trait("Category", "Slurm")]
    public void ASweepRunsAsAnArraySurvivesARequeueAndEndsBitwiseWhereTheLocalExecutorEnds()
    {
        var sweep = Sweep();
        var local = Path.Combine(_dir, "local");
        var (localCode, _, localError) = Run("sweep", sweep, "--out", local, "--quiet");
        Assert.True(localCode == 0, localError);

        using var cluster = new SlurmCluster();
        var onSlurm = Path.Combine(_dir, "slurm");
        var clock = Stopwatch.StartNew();
        // --out relative to where the command runs, as a user types it.
        using var run = cluster.StartRnnLab(_dir, "sweep", "sweep.json", "--out", "slurm", "--executor", "slurm", "--wait", "--quiet");
        var submit = run.Process;

        // Preempt the first task seen running with a checkpoint written.
        var (job, task) = ("", -1);
        while (task < 0 && clock.Elapsed < TimeSpan.FromMinutes(3) && !submit.HasExited)
        {
            job = Regex.Match(run.Printed, @"submitted job (\d+)") is { Success: true } m ? m.Groups[1].Value : "";
            if (job.Length > 0)
            {
                foreach (var line in cluster.Run("squeue", "--noheader", "--array", $"--jobs={job}", "--states=RUNNING", "--format=%K").Split('\n', StringSplitOptions.RemoveEmptyEntries))
                {
                    var t = int.Parse(line.Trim(), System.Globalization.CultureInfo.InvariantCulture);
                    var checkpoints = Path.Combine(onSlurm, NetworkFolder(t), "checkpoints");
                    if (Directory.Exists(checkpoints) && Directory.GetFiles(checkpoints, "step-*.safetensors").Length > 0
                        && !File.Exists(Path.Combine(onSlurm, NetworkFolder(t), "final", "model.safetensors")))
                    {
                        cluster.Run("scontrol", "requeue", $"{job}_{t}");
                        task = t;
                        break;
                    }
                }
            }
            Thread.Sleep(50);
        }
        Assert.True(task >= 0, $"no task was seen running with a checkpoint.\n{run.Printed}{cluster.Logs()}");
        Assert.True(submit.WaitForExit(TimeSpan.FromMinutes(5)), $"the array did not finish in 5 minutes.\n{run.Printed}{cluster.Logs()}");
        Assert.True(submit.ExitCode == 0, $"{run.Printed}{cluster.Logs()}");
        var took = clock.Elapsed;

        // The preempted task was stopped by the requeue's SIGTERM, checkpointed, and ran again from there.
        var log = File.ReadAllText(Path.Combine(onSlurm, "slurm", $"task-{task}.log"));
        Assert.Contains($"array task {task} on", log);
        Assert.Contains("(start 1)", log);
        Assert.Contains("a checkpoint was written", log);
        Assert.Matches(@"resuming at step [1-9]\d*\.", log);
        Assert.DoesNotContain("starting it from the beginning", log);
        for (var t = 0; t < 4; t++)
            Assert.Equal(File.ReadAllBytes(Path.Combine(local, NetworkFolder(t), "final", "model.safetensors")),
                File.ReadAllBytes(Path.Combine(onSlurm, NetworkFolder(t), "final", "model.safetensors")));

        using var status = Process.Start(cluster.StartInfo("dotnet", Path.Combine(AppContext.BaseDirectory, "RnnLab.Cli.dll"), "sweep", "status", onSlurm))!;
        var statusText = status.StandardOutput.ReadToEnd();
        status.WaitForExit();
        Assert.Equal(0, status.ExitCode);
        Assert.Matches(@"small_Model\.Units-24 +2 +0 +0 +0 +[0-9.]+ +[0-9.]+ % +2 COMPLETED", statusText);
        Assert.Matches(@"small_Model\.Units-32 +2 +0 +0 +0 +[0-9.]+ +[0-9.]+ % +2 COMPLETED", statusText);
        Console.Error.WriteLine($"Slurm sweep of 4 networks with one requeue: {took.TotalSeconds:F1} s");
    }

    private static string NetworkFolder(int task) => Path.Combine(task < 2 ? "small_Model.Units-24" : "small_Model.Units-32", $"seed-{task % 2}");
}
