using RnnLab.Cli.Progress;
using RnnLab.Training;
using static RnnLab.Cli.Tests.CliRunner;

namespace RnnLab.Cli.Tests.Progress;

[Collection(Commands.ConsoleCollection.Name)]
public sealed class ProgressLineTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rnnlab-progress-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void ALine_CarriesTheReportExactly_AndOtherLinesAreNotProgress()
    {
        var report = new TrainingProgress(120, 1500, 0.00123456789, 0.5, 0.875, 21.25);
        var line = ProgressLine.Format(7, report);
        var parsed = ProgressLine.TryParse(line);
        Assert.NotNull(parsed);
        Assert.Equal(7, parsed.Network);
        Assert.Equal(report, parsed.Progress);
        Assert.Null(ProgressLine.TryParse("decision seed-7: finished at step 1500"));
        Assert.Null(ProgressLine.TryParse("@rnnlab-progress {not json"));
    }

    [Fact]
    public void AChildOfAMultiSeedRun_ReportsEveryStepAsALine_TheParentCanRead()
    {
        var config = Path.Combine(_dir, "tiny.json");
        File.WriteAllText(config, """
            { "Name": "tiny", "Seed": 2, "Model": { "Units": 8 }, "Task": { "Kind": "perception", "Steps": 20, "GraceSteps": 2 },
              "Training": { "Steps": 4, "BatchSize": 4, "EvaluateEvery": 2, "EvaluationBatchSize": 8, "CheckpointEvery": 2 } }
            """);
        var run = Path.Combine(_dir, "run");
        Assert.Equal(0, Run("train", config, "--out", run, "--seeds", "2", "--jobs", "1", "--quiet").code);
        Directory.Delete(Path.Combine(run, "seed-1"), recursive: true);
        var (code, output, error) = Run("resume", run, "--network", "1", "--quiet", "--progress-lines");
        Assert.True(code == 0, error);
        var lines = output.Split('\n').Select(l => ProgressLine.TryParse(l.TrimEnd('\r'))).OfType<ProgressLine>().ToList();
        Assert.Equal([1, 2, 3, 4], lines.Select(l => l.Step));
        Assert.All(lines, l => Assert.Equal(1, l.Network));
        Assert.Equal([null, 2, null, 4], lines.Select(l => l.EvalLoss is null ? (int?)null : l.Step));
    }
}
