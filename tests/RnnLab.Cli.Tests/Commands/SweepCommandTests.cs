using static RnnLab.Cli.Tests.CliRunner;

namespace RnnLab.Cli.Tests.Commands;

/// <summary>`rnnlab sweep` with the local executor: the networks it trains are those `train --seeds` trains, a second run continues, and mistakes stop it before anything starts.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class SweepCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rnnlab-sweep-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Config()
    {
        var path = Path.Combine(_dir, "tiny.json");
        File.WriteAllText(path, """
            { "Name": "tiny", "Seed": 2, "Model": { "Units": 8 }, "Task": { "Kind": "perception", "Steps": 20, "GraceSteps": 2 },
              "Training": { "Steps": 6, "BatchSize": 4, "EvaluateEvery": 3, "EvaluationBatchSize": 8, "CheckpointEvery": 3 } }
            """);
        return path;
    }

    private string Sweep(string grid)
    {
        Config();
        var path = Path.Combine(_dir, "sweep.json");
        File.WriteAllText(path, $$"""{ "Config": "tiny.json", "Seeds": 2, "Grid": { "Model:Units": {{grid}} } }""");
        return path;
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void ALocalSweepTrainsWhatTrainSeedsTrainsAndASecondRunOnlyContinues()
    {
        var output = Path.Combine(_dir, "out");

        var (code, printed, error) = Run("sweep", Sweep("[8, 12]"), "--out", output, "--jobs", "2", "--quiet", "--Training:Steps=9");

        Assert.True(code == 0, error);
        Assert.Contains($"rnnlab sweep: 2 point(s) × 2 seed(s) = 4 network(s) -> {output} (0 finished)", printed);
        Assert.Matches(@"tiny_Model\.Units-12 +2 +0 +0 +0 +[0-9.]+ +[0-9.]+ %", printed);
        foreach (var units in new[] { 8, 12 })
        {
            var run = Path.Combine(_dir, $"train-{units}");
            Assert.Equal(0, Run("train", Path.Combine(_dir, "tiny.json"), "--seeds", "2", "--out", run, "--quiet", $"--Model:Units={units}", "--Training:Steps=9").code);
            for (var k = 0; k < 2; k++)
                Assert.Equal(File.ReadAllBytes(Path.Combine(run, $"seed-{k}", "final", "model.safetensors")),
                    File.ReadAllBytes(Path.Combine(output, $"tiny_Model.Units-{units}", $"seed-{k}", "final", "model.safetensors")));
        }

        var final = Path.Combine(output, "tiny_Model.Units-8", "seed-0", "final", "model.safetensors");
        var written = File.GetLastWriteTimeUtc(final);
        var again = Run("sweep", Path.Combine(_dir, "sweep.json"), "--out", output, "--quiet", "--Training:Steps=9");
        Assert.Equal(0, again.code);
        Assert.Contains("(4 finished)", again.output);
        Assert.Equal(written, File.GetLastWriteTimeUtc(final));

        var status = Run("sweep", "status", output);
        Assert.Equal(0, status.code);
        Assert.Equal(3, status.output.Trim().Split('\n').Length);   // a header and one line per point
    }

    [Fact]
    public void AnInvalidPointStopsTheSweepBeforeAnythingIsWritten()
    {
        var output = Path.Combine(_dir, "out");

        var (code, _, error) = Run("sweep", Sweep("[8, -3]"), "--out", output);

        Assert.Equal(2, code);
        Assert.Equal([
            $"rnnlab sweep: {Path.Combine(_dir, "sweep.json")}: point tiny_Model.Units--3: {Path.Combine(_dir, "sweep.json")} Grid: Model:Units = -3 is out of range; allowed: an integer from 1 to 100000.",
            "rnnlab sweep: nothing was started.",
        ], error.Trim().Split('\n'));
        Assert.False(Directory.Exists(output));
    }

    [Theory]
    [InlineData("--jobs", "2", "--executor", "slurm", "--jobs applies to --executor local")]
    [InlineData("--wait", "--executor", "local", "", "--wait applies to --executor slurm")]
    [InlineData("--executor", "cloud", "", "", "--executor 'cloud' is not allowed; allowed: local, slurm.")]
    public void OptionsThatDoNotGoTogetherAreOneLineAndExit2(string a, string b, string c, string d, string expected)
    {
        var args = new[] { "sweep", Sweep("[8]"), "--out", Path.Combine(_dir, "out"), a, b, c, d }.Where(x => x.Length > 0).ToArray();

        var (code, _, error) = Run(args);

        Assert.Equal(2, code);
        Assert.Contains(expected, error);
        Assert.Single(error.Trim().Split('\n'));
    }

    [Fact]
    public void StatusExitsNonZeroWhileANetworkFailed()
    {
        var output = Path.Combine(_dir, "out");
        // Create the sweep directory without training: a sweep stopped before its first network started.
        var sweep = RnnLab.Sweeps.SweepDirectory.CreateOrContinue(output, RnnLab.Sweeps.SweepDefinition.Load(Sweep("[8]"), null, new Dictionary<string, string>()));
        var failed = sweep.Network(1).Network;
        Directory.CreateDirectory(failed.Path);
        RnnLab.Artifacts.ArtifactFile.Write(failed.Failure, new RnnLab.Artifacts.FailureFile(1, "diverged", "host", DateTimeOffset.UtcNow),
            RnnLab.Artifacts.ArtifactJson.Default.FailureFile);

        var (code, printed, error) = Run("sweep", "status", output);

        Assert.Equal(1, code);
        Assert.Matches(@"tiny_Model\.Units-8 +0 +0 +1 +1 +- +-", printed);
        Assert.Contains("1 network(s) failed", error);
    }
}
