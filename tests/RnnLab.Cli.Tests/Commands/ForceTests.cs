using RnnLab.Experiments;
using static RnnLab.Cli.Tests.CliRunner;

namespace RnnLab.Cli.Tests.Commands;

/// <summary>
/// train --force replaces a run RnnLab made that nobody is using, and nothing else: a folder that is not a
/// run, a run holding files RnnLab did not write, and a run a process is training are refused in one line,
/// left exactly as they were.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class ForceTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rnnlab-force-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Config() => TinyConfig.Write(_dir);

    // Every file under a folder with its bytes, to show a refusal changed nothing.
    private static Dictionary<string, byte[]> Contents(string folder) =>
        Directory.GetFiles(folder, "*", SearchOption.AllDirectories).ToDictionary(f => Path.GetRelativePath(folder, f), File.ReadAllBytes);

    private static void AssertUnchanged(Dictionary<string, byte[]> before, string folder)
    {
        var after = Contents(folder);
        Assert.Equal(before.Keys.Order(StringComparer.Ordinal), after.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, bytes) in before) Assert.Equal(bytes, after[name]);
    }

    [Fact]
    public void Force_OnAFolderThatIsNotARun_IsRefused_AndItsFilesStay()
    {
        var folder = Path.Combine(_dir, "P");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "thesis.txt"), "x\n");
        var before = Contents(folder);

        var (code, _, error) = Run("train", Config(), "--out", folder, "--force", "--quiet");

        Assert.Equal(1, code);
        Assert.Equal($"rnnlab train: {folder}: is not a run RnnLab made (it has no readable run.json), so it is not replaced; choose another output folder.", error.Trim());
        AssertUnchanged(before, folder);
    }

    [Fact]
    public void Force_OnARunHoldingAFileRnnLabDidNotWrite_IsRefusedNamingIt()
    {
        var run = Path.Combine(_dir, "run");
        Assert.Equal(0, Run("train", Config(), "--out", run, "--seeds", "2", "--jobs", "1", "--quiet").code);
        File.WriteAllText(Path.Combine(run, "seed-1", "notes.md"), "what I saw\n");
        var before = Contents(run);

        var (code, _, error) = Run("train", Config(), "--out", run, "--force", "--quiet");

        Assert.Equal(1, code);
        Assert.Equal($"rnnlab train: {run}: holds {Path.Combine("seed-1", "notes.md")}, which RnnLab did not write, so the run is not replaced; move it away or choose another output folder.", error.Trim());
        AssertUnchanged(before, run);
    }

    [Fact]
    public void Force_OnARunAProcessIsTraining_IsRefusedNamingTheHolder()
    {
        var run = Path.Combine(_dir, "busy");
        Assert.Equal(0, Run("train", Config(), "--out", run, "--seeds", "2", "--jobs", "1", "--quiet").code);
        var before = Contents(run);
        string refusal;
        // The lock a training process holds on seed-1 (flock conflicts between two opens even within one process).
        using (NetworkLock.Acquire(Path.Combine(run, "seed-1")))
        {
            var (code, _, error) = Run("train", Config(), "--out", run, "--force", "--quiet");
            Assert.Equal(1, code);
            refusal = error.Trim();
        }
        Assert.StartsWith($"rnnlab train: run {run} is in use by pid {Environment.ProcessId} on ", refusal);
        Assert.EndsWith($"({Path.Combine("seed-1", ".lock")}); wait for it to finish or stop it first.", refusal);
        Assert.DoesNotContain('\n', refusal);
        foreach (var (name, bytes) in before.Where(kv => !kv.Key.EndsWith(".owner", StringComparison.Ordinal))) Assert.Equal(bytes, File.ReadAllBytes(Path.Combine(run, name)));
    }

    [Fact]
    public void Force_OnAnIdleRun_ReplacesItWithANewRun()
    {
        var run = Path.Combine(_dir, "idle");
        Assert.Equal(0, Run("train", Config(), "--out", run, "--seeds", "2", "--jobs", "1", "--quiet").code);
        var first = RunDirectory.Open(run).Id;

        var (code, _, error) = Run("train", Config(), "--out", run, "--force", "--quiet");

        Assert.True(code == 0, error);
        var replaced = RunDirectory.Open(run);
        Assert.NotEqual(first, replaced.Id);
        Assert.Null(replaced.Seeds);   // the new run is one network; the old seed folders are gone
        Assert.False(Directory.Exists(Path.Combine(run, "seed-0")));
        Assert.True(File.Exists(Path.Combine(run, "final", "model.safetensors")));
    }
}
