using RnnLab.Cli.Hosting;
using RnnLab.Training;
using static RnnLab.Cli.Tests.CliRunner;

namespace RnnLab.Cli.Tests.Hosting;

[Collection(Commands.ConsoleCollection.Name)]
public sealed class WorkerChannelTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rnnlab-worker-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void AReport_CarriesTheProgressExactly_AndOtherLinesAreMessages()
    {
        var report = new TrainingProgress(120, 1500, 0.00123456789, 0.5, 0.875, 21.25);
        var line = WorkerChannel.Format(7, report);
        var parsed = WorkerChannel.TryRead(line);
        Assert.NotNull(parsed);
        Assert.Equal(7, parsed.Network);
        Assert.Equal(report, parsed.Progress);
        Assert.Null(WorkerChannel.TryRead("decision seed-7: finished at step 1500"));
        Assert.Null(WorkerChannel.TryRead("@rnnlab {not json"));
    }

    [Fact]
    public void AJobFile_ReadsBackAsTheJobItWas_WhateverItsKind()
    {
        WorkerJob[] jobs =
        [
            new TrainNetworkJob { Label = "tiny seed-1", Run = "/runs/tiny", Network = 1, Progress = true },
            new AnalyzeNetworkJob { Label = "tiny seed-0", Run = "/runs/tiny", Network = 0, Snapshot = "init", Conditions = "0.5;0.8", FixedPoints = ["--FixedPoints:InitialStates=64"] },
            new SweepTaskJob { Label = "array task", Sweep = "." },
        ];
        foreach (var job in jobs)
        {
            var file = Path.Combine(_dir, "job.json");
            job.Write(file);
            var read = WorkerJob.Read(file);
            Assert.Equal(job.GetType(), read.GetType());
            if (job is AnalyzeNetworkJob a) Assert.Equal(a.FixedPoints, ((AnalyzeNetworkJob)read).FixedPoints);
            else Assert.Equal(job, read);
        }
        File.WriteAllText(Path.Combine(_dir, "bad.json"), """{ "kind": "format_disk", "label": "x" }""");
        var (code, _, error) = Run("worker", Path.Combine(_dir, "bad.json"));
        Assert.Equal(1, code);
        Assert.StartsWith($"rnnlab worker: {Path.Combine(_dir, "bad.json")}: not a worker job", error.Trim());
    }

    [Fact]
    public void AWorkerTrainingANetwork_ReportsEveryStepOnTheChannel_TheParentCanRead()
    {
        var config = Path.Combine(_dir, "tiny.json");
        File.WriteAllText(config, """
            { "Name": "tiny", "Seed": 2, "Model": { "Units": 8 }, "Task": { "Kind": "perception", "Steps": 20, "GraceSteps": 2 },
              "Training": { "Steps": 4, "BatchSize": 4, "EvaluateEvery": 2, "EvaluationBatchSize": 8, "CheckpointEvery": 2 } }
            """);
        var run = Path.Combine(_dir, "run");
        Assert.Equal(0, Run("train", config, "--out", run, "--seeds", "2", "--jobs", "1", "--quiet").code);
        Directory.Delete(Path.Combine(run, "seed-1"), recursive: true);
        var job = Path.Combine(_dir, "job.json");
        new TrainNetworkJob { Label = "tiny seed-1", Run = run, Network = 1, Progress = true }.Write(job);
        var (code, output, error) = Run("worker", job);
        Assert.True(code == 0, error);
        var lines = output.Split('\n').Select(l => WorkerChannel.TryRead(l.TrimEnd('\r'))).OfType<WorkerProgress>().ToList();
        Assert.Equal([1, 2, 3, 4], lines.Select(l => l.Step));
        Assert.All(lines, l => Assert.Equal(1, l.Network));
        Assert.Equal([null, 2, null, 4], lines.Select(l => l.EvalLoss is null ? (int?)null : l.Step));
    }
}
