using System.Text.RegularExpressions;
using RnnLab.Analysis;
using RnnLab.Experiments;
using static RnnLab.Cli.Tests.CliRunner;

namespace RnnLab.Cli.Tests.Commands;

/// <summary>
/// One writer per output: while another process writes what a verb would write (the lock is taken here, with
/// the library's lock, as that process would), the verb is refused in one line naming the holder, exits 1
/// and writes nothing.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class OneWriterTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rnnlab-writers-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Config()
    {
        var path = Path.Combine(_dir, "tiny.json");
        File.WriteAllText(path, """
            { "Name": "tiny", "Seed": 2, "Model": { "Units": 8 }, "Task": { "Kind": "perception", "Steps": 20, "GraceSteps": 2 },
              "Training": { "Steps": 3, "BatchSize": 4, "EvaluateEvery": 3, "EvaluationBatchSize": 8, "CheckpointEvery": 3 } }
            """);
        return path;
    }

    private string TrainedRun()
    {
        var run = Path.Combine(_dir, "run");
        var (code, _, error) = Run("train", Config(), "--out", run, "--seeds", "2", "--jobs", "1", "--quiet");
        Assert.True(code == 0, error);
        return run;
    }

    // The refusal, word for word but for the holder's start time.
    private static void AssertRefused(string verb, string what, (int code, string output, string error) result)
    {
        Assert.Equal(1, result.code);
        Assert.Matches($@"^rnnlab {verb}: {Regex.Escape(what)} is in use by pid {Environment.ProcessId} on {Regex.Escape(Environment.MachineName)} since \d{{4}}-\d\d-\d\d \d\d:\d\d:\d\d UTC; wait for it to finish or stop it first\.$",
            result.error.Trim());
    }

    [Fact]
    public void Analyze_WhileAnotherProcessAnalysesANetwork_IsRefusedInOneLine_AndWritesNothing()
    {
        var run = TrainedRun();
        var seed1 = Path.Combine(run, "seed-1");
        string[] options = ["--states", "16", "--max-iterations", "50", "--quiet"];
        using (AnalysisLock.Network(seed1, Snapshot.Final))
        {
            AssertRefused("analyze", $"analysis of {seed1} (final weights)", Run(["analyze", run, .. options]));
            // With --jobs the refusal comes before any network's process starts.
            AssertRefused("analyze", $"analysis of {seed1} (final weights)", Run(["analyze", run, .. options, "--jobs", "2"]));
            foreach (var seed in new[] { "seed-0", "seed-1" })
                Assert.False(File.Exists(Path.Combine(run, seed, "analysis", "fixed_points.json")), seed);
            // Another snapshot's files are another output.
            var (code, _, error) = Run(["analyze", run, .. options, "--snapshot", "init", "--network", "1"]);
            Assert.True(code == 0, error);
        }
        var (after, _, afterError) = Run(["analyze", run, .. options, "--jobs", "2"]);
        Assert.True(after == 0, afterError);
        Assert.True(File.Exists(Path.Combine(seed1, "analysis", "fixed_points.json")));
    }

    [Fact]
    public void CompareReportAndExport_WhileAnotherProcessWritesTheSame_AreRefusedInOneLine_AndWriteNothing()
    {
        var run = TrainedRun();
        using (AnalysisLock.Comparison(run, Snapshot.Final))
            AssertRefused("compare", $"comparison of {run} (final weights)", Run("compare", run, "--quiet"));
        Assert.False(File.Exists(Path.Combine(run, "analysis", "comparison.json")));
        Assert.False(File.Exists(Path.Combine(run, "analysis", "hypotheses.json")));

        var report = Path.Combine(run, "report.html");
        using (AnalysisLock.Report(run, Snapshot.Final))
            AssertRefused("report", $"report {report}", Run("report", run));
        Assert.False(File.Exists(report));

        var export = Path.Combine(_dir, "export");
        using (OutputLock.Export(export))
            AssertRefused("export", $"export folder {export}", Run("export", run, "--format", "pytorch", "--out", export));
        Assert.Empty(Directory.EnumerateFiles(export, "*.pt"));
        Assert.Equal(0, Run("export", run, "--format", "pytorch", "--out", export).code);
        Assert.Equal(2, Directory.EnumerateFiles(export, "*.pt").Count());
    }

    [Fact]
    public void Sweep_WhileAnotherSweepRunsItsDirectory_IsRefusedInOneLine_AndWritesNothing_ThenGoesOn()
    {
        Config();
        var file = Path.Combine(_dir, "sweep.json");
        File.WriteAllText(file, """{ "Config": "tiny.json", "Seeds": 1 }""");
        var output = Path.Combine(_dir, "sweep");
        using (OutputLock.Sweep(output))
            AssertRefused("sweep", $"sweep {output}", Run("sweep", file, "--out", output, "--quiet"));
        Assert.False(File.Exists(Path.Combine(output, "index.json")));
        Assert.False(Directory.Exists(Path.Combine(output, "tiny")));

        // Once it is free, the sweep goes on in the directory the lock file is in, and its own task is not refused.
        var (code, _, error) = Run("sweep", file, "--out", output, "--quiet", "--jobs", "1");
        Assert.True(code == 0, error);
        Assert.True(File.Exists(Path.Combine(output, "tiny", "seed-0", "final", "model.safetensors")));
    }
}
