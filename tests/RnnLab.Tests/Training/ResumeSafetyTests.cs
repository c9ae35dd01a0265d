using RnnLab.Experiments;
using RnnLab.Models;
using RnnLab.Training;

namespace RnnLab.Tests.Training;

/// <summary>
/// What resume trusts: a checkpoint only when it reads back intact and fits the run's config, final weights
/// only when they read back intact; a network started again begins a fresh metrics.jsonl; a trainer that
/// fails to start holds no lock.
/// </summary>
public sealed class ResumeSafetyTests : IDisposable
{
    private readonly string _dir = TestSupport.TempDirectory();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private NetworkDirectory Network(string name) => new(Path.Combine(_dir, name), 0, 3);

    private static ExperimentOptions Options(int units = 12) => TestSupport.Experiment(model: new ModelOptions { Units = units },
        training: new TrainingOptions { Steps = 12, BatchSize = 8, EvaluateEvery = 4, EvaluationBatchSize = 8, CheckpointEvery = 4 });

    [Fact]
    public void Resume_SkipsANewestCheckpointOfAnotherConfig_NamingTheTensor_AndEndsAsAnUninterruptedRun()
    {
        var straight = Network("straight");
        using (var t = Trainer.Start(Options(), straight)) t.Run();

        var other = Network("other");
        using (var t = Trainer.Start(Options(units: 16), other)) t.Run(stopAfterStep: 8);
        var mixed = Network("mixed");
        using (var t = Trainer.Start(Options(), mixed)) t.Run(stopAfterStep: 5);
        var foreign = Path.Combine(mixed.CheckpointFolder, TrainingCheckpoint.FileName(8));
        File.Copy(Path.Combine(other.CheckpointFolder, TrainingCheckpoint.FileName(8)), foreign);

        var warnings = new List<string>();
        using (var t = Trainer.Resume(Options(), mixed, warnings.Add))
        {
            Assert.Equal(5, t.Step);
            t.Run();
        }
        Assert.Equal([$"skipping checkpoint {foreign}: does not fit this run's config: 'W_rec' is float32 [16, 16]; the config's network has float32 [12, 12]."], warnings);
        Assert.Equal(File.ReadAllBytes(straight.FinalModel), File.ReadAllBytes(mixed.FinalModel));
    }

    [Fact]
    public void ATruncatedFinalModel_IsNotFinished_AndResumeMakesItAgainBitwise()
    {
        var network = Network("final");
        using (var t = Trainer.Start(Options(), network)) t.Run();
        var final = File.ReadAllBytes(network.FinalModel);
        Assert.True(network.Finished);

        File.WriteAllBytes(network.FinalModel, final[..(final.Length - 100)]);
        Assert.False(network.Finished);
        Assert.StartsWith($"{network.FinalModel}: ", network.FinalDamage());

        var warnings = new List<string>();
        var directory = RunDirectory.Create(Path.Combine(_dir, "run"), Options(), seeds: null, replace: false);
        using (var t = RunContinuation.Network(directory, network, null, _ => { }, warnings.Add))
        {
            Assert.NotNull(t);
            Assert.Equal(12, t.Step);
            t.Run();
        }
        Assert.Single(warnings);
        Assert.EndsWith("Training it again from its newest checkpoint.", warnings[0]);
        Assert.Equal(final, File.ReadAllBytes(network.FinalModel));
        Assert.True(network.Finished);
    }

    [Fact]
    public void StartingAgain_BeginsAFreshMetricsLog_AndDropsTheLearnedWeightsOfTheAttemptBefore()
    {
        var network = Network("again");
        Directory.CreateDirectory(Path.GetDirectoryName(network.LearnedModel)!);
        File.WriteAllText(network.Metrics, TrainingHistory.Line(new MetricsRecord(4, 1, 1, 1, 0)));
        File.WriteAllText(network.LearnedModel, "of an attempt that died");
        File.WriteAllText(Path.Combine(network.Path, ".metrics.jsonl.0123.tmp"), "left by a kill");
        using (var t = Trainer.Start(Options(), network)) t.Run(stopAfterStep: 3);
        Assert.Equal([0], network.ReadMetrics().Select(m => m.Step));   // this attempt's step-0 evaluation alone
        Assert.False(File.Exists(network.LearnedModel));
        Assert.Empty(Directory.GetFiles(network.Path, ".*.tmp"));
    }

    [Fact]
    public void NetworksThatFailToStartTogether_ReleaseEveryLock()
    {
        var networks = Enumerable.Range(0, 2).Select(i => new NetworkDirectory(Path.Combine(_dir, "ensemble", $"seed-{i}"), i, 3 + i)).ToList();
        // Weights checked for a 16-unit network, handed to two 12-unit networks: building the model fails after the locks are taken.
        var file = Path.Combine(_dir, "start.safetensors");
        using (var template = RateRnn.ForSeed(new ModelOptions { Units = 16 }, 1, 1, 0)) RnnLab.Safetensors.SafetensorsFile.Save(file, template.StateOf(0));
        using var start = StartingWeights.Read(file, new ModelOptions { Units = 16 }, 1, 1);
        Assert.ThrowsAny<Exception>(() => Trainer.Start(Options(), networks, start));
        Assert.All(networks, n => Assert.False(NetworkLock.IsHeld(n.Path)));
    }
}
