using System.Diagnostics;
using System.Text.RegularExpressions;
using RnnLab.Studies;
using static RnnLab.Cli.Tests.CliRunner;

using RnnLab.Cli.Tests.Commands;

namespace RnnLab.Cli.Tests.Slurm;

/// <summary>
/// A study on a real Slurm cluster (<see cref="SlurmCluster"/>): a two-point study runs as job arrays per
/// stage (the analyses split in two by the cluster's MaxArraySize), chained afterok, with no step left on the
/// submitting process; one analysis task is requeued while it runs; and every artifact equals the local
/// executor's. Two study directories differ by design in what
/// names them and when they ran: their directory, their runs' ids, host names and wall-clock fields (seconds,
/// timestamps). Those are replaced before the comparison, and nothing else; the weights are compared byte for
/// byte. The logs of the executors (slurm/, steps/, locks) and TensorBoard's event files (wall times by
/// format) are not artifacts of the study's science and are left out.
/// </summary>
[Collection(ConsoleCollection.Name)]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SlurmStudyTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rnnlab-slurm-study-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private void Study()
    {
        File.WriteAllText(Path.Combine(_dir, "small.json"), """
            { "Name": "small", "Seed": 7, "Model": { "Units": 16 }, "Task": { "Kind": "perception", "Steps": 40, "GraceSteps": 5 },
              "Training": { "Steps": 100, "BatchSize": 16, "EvaluateEvery": 20, "EvaluationBatchSize": 16, "CheckpointEvery": 20 } }
            """);
        File.WriteAllText(Path.Combine(_dir, "study.json"), """
            { "Config": "small.json", "Seeds": 2, "Grid": { "Model:Units": [16, 24] }, "Slurm": { "CpusPerTask": 1 },
              "Stages": ["train", "analyze", "census"],
              "Analyze": { "Snapshots": ["init", "final"], "FixedPoints": { "InitialStates": 256, "MaxIterations": 3000 } } }
            """);
    }

    [Fact]
    [Trait("Category", "Slow")]
    [Trait("Category", "Slurm")]
    public void AStudyRunsAsAnArrayPerStage_SurvivesARequeuedAnalysis_AndEndsWithTheLocalExecutorsArtifacts()
    {
        Study();
        var local = Path.Combine(_dir, "local");
        var (localCode, _, localError) = Run("study", Path.Combine(_dir, "study.json"), "--out", local, "--quiet");
        Assert.True(localCode == 0, localError);

        using var cluster = new SlurmCluster();
        var onSlurm = Path.Combine(_dir, "slurm");
        var clock = Stopwatch.StartNew();
        using var run = cluster.StartRnnLab(_dir, "study", Path.Combine(_dir, "study.json"), "--out", "slurm", "--executor", "slurm", "--wait", "--quiet");
        var submit = run.Process;

        // Requeue the first analysis task seen running.
        var (job, task) = ("", -1);
        while (task < 0 && clock.Elapsed < TimeSpan.FromMinutes(4) && !submit.HasExited)
        {
            job = Regex.Match(run.Printed, @"submitted job (\d+): analyze") is { Success: true } m ? m.Groups[1].Value : "";
            if (job.Length > 0)
            {
                var running = cluster.Run("squeue", "--noheader", "--array", $"--jobs={job}", "--states=RUNNING", "--format=%K").Split('\n', StringSplitOptions.RemoveEmptyEntries);
                if (running.Length > 0)
                {
                    task = int.Parse(running[0].Trim(), System.Globalization.CultureInfo.InvariantCulture);
                    cluster.Run("scontrol", "requeue", $"{job}_{task}");
                }
            }
            Thread.Sleep(50);
        }
        Assert.True(task >= 0, $"no analysis task was seen running.\n{run.Printed}{cluster.Logs()}");
        Assert.True(submit.WaitForExit(TimeSpan.FromMinutes(5)), $"the arrays did not finish in 5 minutes.\n{run.Printed}{cluster.Logs()}");
        Assert.True(submit.ExitCode == 0, $"{run.Printed}{cluster.Logs()}");
        var took = clock.Elapsed;

        // One array per stage, each after the one before; every step ran as an array task, none here.
        var text = run.Printed;
        var jobs = Regex.Matches(text, @"submitted job (\d+): (\w+), (\d+) array task").Select(m => (Id: m.Groups[1].Value, Stage: m.Groups[2].Value, Tasks: int.Parse(m.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture))).ToList();
        // The cluster's MaxArraySize is 5: the 8 analyses go as two arrays, steps 0-4 and 5-7.
        Assert.Equal([("train", 4), ("analyze", 5), ("analyze", 3), ("census", 1)], jobs.Select(j => (j.Stage, j.Tasks)));
        Assert.Contains("analyze, 3 array task(s) (steps 5-7)", text);
        Assert.DoesNotContain("done in", text);   // a step's own line is printed by the process that runs it: here, a task's log
        for (var i = 0; i < 8; i++)
            Assert.Contains("done in", File.ReadAllText(Path.Combine(onSlurm, "slurm", i < 5 ? $"analyze-{i}.log" : $"analyze-from5-{i - 5}.log")));
        var log = File.ReadAllText(Path.Combine(onSlurm, "slurm", $"analyze-{task}.log"));
        Assert.Contains("(start 1)", log);
        var study = StudyDirectory.Open(onSlurm);
        Assert.All(study.Steps, s => Assert.Equal(StepState.Done, study.StateOf(s)));

        var compared = StudyArtifacts.AssertSame(local, onSlurm);
        Assert.True(compared >= 4 * 3 + 8 * 2 + 2, $"only {compared} artifacts compared");

        using var status = Process.Start(cluster.StartInfo("dotnet", Path.Combine(AppContext.BaseDirectory, "RnnLab.Cli.dll"), "study", "status", onSlurm))!;
        var statusText = status.StandardOutput.ReadToEnd();
        status.WaitForExit();
        Assert.Equal(0, status.ExitCode);
        Assert.Matches(@"small_Model\.Units-24 +2/2 +4/4 +-", statusText);
        Assert.Matches(@"\(study\) +- +- +1/1", statusText);
        Console.Error.WriteLine($"Slurm study of 4 networks, 3 arrays, one requeued analysis: {took.TotalSeconds:F1} s");
    }
}
