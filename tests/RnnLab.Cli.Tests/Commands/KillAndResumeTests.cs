using System.Diagnostics;

namespace RnnLab.Cli.Tests.Commands;

/// <summary>A training process killed with SIGKILL mid-run resumes to the same final weights as one left alone; while it runs, no second writer gets in.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class KillAndResumeTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rnnlab-kill-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    // 3000 steps: long enough that a run is still training while a test looks at it (a second writer's
    // refusal takes about a second), so the kill or signal always lands mid-run; at 400 steps a fast
    // machine finished first.
    private string Config()
    {
        var path = Path.Combine(_dir, "kill.json");
        File.WriteAllText(path, """
            { "Name": "kill", "Seed": 5, "Model": { "Units": 32 }, "Task": { "Kind": "perception", "Steps": 40, "GraceSteps": 5 },
              "Training": { "Steps": 3000, "BatchSize": 16, "EvaluateEvery": 10, "EvaluationBatchSize": 16, "CheckpointEvery": 10 } }
            """);
        return path;
    }

    private static Process Start(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "RnnLab.Cli.dll"));
        foreach (var a in args) info.ArgumentList.Add(a);
        return Process.Start(info)!;
    }

    // The reference: the same config trained in one go, in a process of its own.
    private string TrainUninterrupted(string config, string name)
    {
        var run = Path.Combine(_dir, name);
        using var p = Start("train", config, "--out", run, "--quiet");
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, p.StandardError.ReadToEnd());
        return run;
    }

    // Waits (two minutes at most) until a training process has written this many checkpoints.
    private static void WaitForCheckpoints(string run, int count)
    {
        var checkpoints = Path.Combine(run, "checkpoints");
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(120) &&
               (!Directory.Exists(checkpoints) || Directory.GetFiles(checkpoints, "step-*.safetensors").Length < count))
            Thread.Sleep(20);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void KilledRun_ResumesToBitwiseIdenticalFinalWeights()
    {
        var config = Config();
        var straight = TrainUninterrupted(config, "straight");

        var killed = Path.Combine(_dir, "killed");
        using (var p = Start("train", config, "--out", killed, "--quiet"))
        {
            WaitForCheckpoints(killed, 3);
            // While it trains, a second writer of the run is refused at once, in one line naming the first.
            var (busy, _, refusal) = CliRunner.Run("resume", killed, "--quiet");
            Assert.Equal(1, busy);
            Assert.StartsWith($"rnnlab resume: run {killed} is in use by pid {p.Id} on ", refusal.Trim());
            Assert.DoesNotContain('\n', refusal.Trim());
            p.Kill(); // SIGKILL: no handler runs, whatever it was writing stays as it was
            p.WaitForExit();
        }
        Assert.False(File.Exists(Path.Combine(killed, "final", "model.safetensors")));
        // The killed process's lock went with it: resume below is not blocked by the lock file left behind.
        Assert.True(File.Exists(Path.Combine(killed, ".lock")));

        var code = Program.Main(["resume", killed, "--quiet"]);
        Assert.Equal(0, code);
        Assert.Equal(File.ReadAllBytes(Path.Combine(straight, "final", "model.safetensors")),
            File.ReadAllBytes(Path.Combine(killed, "final", "model.safetensors")));
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void Sigterm_WritesACheckpointAtTheCurrentStep_Exits143_AndTheRunResumesBitwise()
    {
        var config = Config();
        var straight = TrainUninterrupted(config, "straight-term");

        var stopped = Path.Combine(_dir, "terminated");
        using (var p = Start("train", config, "--out", stopped, "--quiet"))
        {
            WaitForCheckpoints(stopped, 2);
            using (var kill = Process.Start("kill", ["-TERM", p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!) kill.WaitForExit();
            p.WaitForExit();
            var error = p.StandardError.ReadToEnd();
            Assert.True(p.ExitCode == 143, $"exit {p.ExitCode}: {error}");
            Assert.Contains("a checkpoint was written", error);
        }
        Assert.False(File.Exists(Path.Combine(stopped, "final", "model.safetensors")));
        // The newest checkpoint is the step the signal stopped at, logged like any other.
        var newest = Directory.GetFiles(Path.Combine(stopped, "checkpoints"), "step-*.safetensors").Max(StringComparer.Ordinal)!;
        var step = int.Parse(Path.GetFileNameWithoutExtension(newest)["step-".Length..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(step, 20, 2999);

        Assert.Equal(0, Program.Main(["resume", stopped, "--quiet"]));
        Assert.Equal(File.ReadAllBytes(Path.Combine(straight, "final", "model.safetensors")),
            File.ReadAllBytes(Path.Combine(stopped, "final", "model.safetensors")));
    }
}
