using RnnLab.Training;
using static RnnLab.Cli.Tests.CliRunner;

namespace RnnLab.Cli.Tests.Commands;

/// <summary>
/// Values inside the documented ranges that this machine cannot hold: refused with one line naming the
/// key, what it needs and what there is, before any directory is created.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class MachineLimitTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rnnlab-limits-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Config() => TinyConfig.Write(_dir);

    // What the refusal says about 100000 units of the tiny config, on this machine.
    private static string Refusal() =>
        "Model:Units = 100000 needs about 298.3 GB to train a network (298 GB of weights, gradients and Adam's moments for 100000 units, 244.1 MB of trajectories); " +
        $"this machine has {TrainingMemory.Size(TrainingMemory.Available())}; allowed: Units, batch sizes and trial steps whose training fits in memory.";

    [Fact]
    public void Train_UnitsBeyondMemory_IsRefusedBeforeTheRunDirectoryExists()
    {
        var run = Path.Combine(_dir, "run");
        var (code, output, error) = Run("train", Config(), "--out", run, "--Model:Units=100000");
        Assert.Equal(2, code);
        Assert.Equal([$"rnnlab train: command line: {Refusal()}", "rnnlab train: nothing was trained."], error.Trim().Split('\n'));
        Assert.Equal("", output);
        Assert.False(Directory.Exists(run));
    }

    [Fact]
    public void Sweep_PointBeyondMemory_IsRefusedBeforeTheSweepDirectoryExists()
    {
        var sweep = Path.Combine(_dir, "sweep.json");
        File.WriteAllText(sweep, """{ "Config": "tiny.json", "Grid": { "Model:Units": [8, 100000] } }""");
        Config();
        var output = Path.Combine(_dir, "out");
        var (code, _, error) = Run("sweep", sweep, "--out", output);
        Assert.Equal(2, code);
        Assert.Equal([$"rnnlab sweep: {sweep}: point tiny_Model.Units-100000: {sweep} Grid: {Refusal()}", "rnnlab sweep: nothing was started."], error.Trim().Split('\n'));
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void Resume_RunBeyondMemory_IsRefusedBeforeAnyNetworkStarts()
    {
        var run = Path.Combine(_dir, "run");
        Assert.Equal(0, Run("train", Config(), "--out", run, "--quiet", "--Training:Steps=6", "--Training:CheckpointEvery=3").code);
        // As if begun on a machine with far more memory.
        var config = Path.Combine(run, "config.json");
        File.WriteAllText(config, File.ReadAllText(config).Replace("\"Units\": 8,", "\"Units\": 100000,"));
        File.Delete(Path.Combine(run, "final", "model.safetensors"));
        var entries = Directory.GetFileSystemEntries(run, "*", SearchOption.AllDirectories).Order().ToList();
        var (code, _, error) = Run("resume", run);
        Assert.Equal(1, code);
        Assert.Equal($"rnnlab resume: {config}: {Refusal()}", error.Trim());
        Assert.Equal(entries, Directory.GetFileSystemEntries(run, "*", SearchOption.AllDirectories).Order());
    }

    [Fact]
    public void Sweep_GridOfAMillionPoints_IsRefusedAtOnce_AndCreatesNothing()
    {
        Config();
        var values = string.Join(", ", Enumerable.Range(1, 1000));
        var sweep = Path.Combine(_dir, "grid.json");
        File.WriteAllText(sweep, $$"""{ "Config": "tiny.json", "Grid": { "Model:Units": [{{values}}], "Training:Steps": [{{values}}] } }""");
        var output = Path.Combine(_dir, "out");
        var (code, _, error) = Run("sweep", sweep, "--out", output);
        Assert.Equal(2, code);
        Assert.Equal([$"rnnlab sweep: {sweep}: Config, Grid and Seeds make 1 config x 1000 Model:Units values x 1000 Training:Steps values x 1 seed = 1000000 networks; allowed: at most 10000 networks in one sweep.",
            "rnnlab sweep: nothing was started."], error.Trim().Split('\n'));
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void Analyze_StatesBeyondMemory_IsOneUsageLine_BeforeAnySearch()
    {
        var run = Path.Combine(_dir, "run");
        Assert.Equal(0, Run("train", Config(), "--out", run, "--quiet").code);
        var available = TrainingMemory.Available();
        var (code, output, error) = Run("analyze", run, "--states", "2000000000", "--quiet");
        Assert.Equal(2, code);
        // 2e9 states x 8 units x 128 bytes = 1907.3 GB
        Assert.Equal($"rnnlab analyze: --states 2000000000 needs about 1907.3 GB for the fixed-point search of 8 units; this machine has {TrainingMemory.Size(available)}; " +
            $"allowed: an integer from 1 to {RnnLab.Analysis.FixedPoints.SearchMemory.MaxStates(8, available)} here.", error.Trim());
        Assert.Equal("", output);
        Assert.False(Directory.Exists(Path.Combine(run, "analysis")));
    }
}
