using RnnLab.Experiments;
using RnnLab.Models;
using RnnLab.Safetensors;
using RnnLab.Training;

namespace RnnLab.Tests.Training;

public sealed class EnsembleTrainerTests : IDisposable
{
    private readonly string _dir = TestSupport.TempDirectory();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private List<NetworkDirectory> Networks(string name, int k) =>
        Enumerable.Range(0, k).Select(i => new NetworkDirectory(Path.Combine(_dir, name, $"seed-{i}"), i, 3 + i)).ToList();

    private static Dictionary<string, float[]> Weights(string path)
    {
        using var content = SafetensorsFile.Load(path, requireChecksum: true);
        return content.Tensors.ToDictionary(kv => kv.Key, kv => kv.Value.to(float32).ToArray<float>());
    }

    private static ExperimentOptions Options() => TestSupport.Experiment(
        model: new ModelOptions { Units = 16, InitialState = InitialState.Random },
        training: new TrainingOptions { Steps = 12, BatchSize = 8, EvaluateEvery = 4, EvaluationBatchSize = 16, CheckpointEvery = 4, GradientClipNorm = 0.5, WeightL2 = 0.01 });

    [Fact]
    public void EnsembleTraining_GivesEachNetworkWhatTrainingItAloneGives()
    {
        var options = Options();
        var together = Networks("together", 3);
        using (var trainer = EnsembleTrainer.Start(options, together)) Assert.Equal(TrainingOutcome.Completed, trainer.Run().Outcome);
        var alone = Networks("alone", 3);
        foreach (var network in alone)
            using (var trainer = Trainer.Start(options, network)) trainer.Run();

        for (var k = 0; k < 3; k++)
        {
            Assert.Equal(File.ReadAllBytes(alone[k].InitialModel), File.ReadAllBytes(together[k].InitialModel));
            var a = Weights(alone[k].FinalModel);
            var b = Weights(together[k].FinalModel);
            foreach (var (name, values) in a)
                for (var i = 0; i < values.Length; i++)
                    Assert.True(Math.Abs(values[i] - b[name][i]) <= 1e-4 * (1 + Math.Abs(values[i])), $"network {k} {name}[{i}]: {values[i]} alone, {b[name][i]} together");
            Assert.Equal(alone[k].ReadMetrics().Select(m => m.Step), together[k].ReadMetrics().Select(m => m.Step));
            Assert.Equal(alone[k].ReadMetrics().Select(m => m.Accuracy), together[k].ReadMetrics().Select(m => m.Accuracy));
        }
    }

    [Fact]
    public void InterruptedEnsemble_ResumesBitwiseIdentical_AndItsCheckpointsResumeSingly()
    {
        var options = Options();
        var straight = Networks("straight", 2);
        using (var trainer = EnsembleTrainer.Start(options, straight)) trainer.Run();
        var interrupted = Networks("interrupted", 2);
        using (var trainer = EnsembleTrainer.Start(options, interrupted)) Assert.Equal(TrainingOutcome.Interrupted, trainer.Run(stopAfterStep: 6).Outcome);
        using (var trainer = EnsembleTrainer.Resume(options, interrupted, null, _ => { }, _ => { }))
        {
            Assert.Equal(6, trainer.Step);
            trainer.Run();
        }
        for (var k = 0; k < 2; k++)
            Assert.Equal(File.ReadAllBytes(straight[k].FinalModel), File.ReadAllBytes(interrupted[k].FinalModel));

        // A checkpoint written by the ensemble is an ordinary single-network checkpoint (of a network whose
        // final weights are gone: a finished one is not trained again).
        File.Delete(interrupted[1].FinalModel);
        using var single = Trainer.Resume(options, new NetworkDirectory(interrupted[1].Path, 1, interrupted[1].Seed), _ => { });
        Assert.Equal(12, single.Step);
    }

    [Fact]
    public void AnEnsembleResumedAtStepZero_DoesNotEvaluateTheUntrainedNetworksAgain()
    {
        var options = Options();
        var straight = Networks("straight", 2);
        using (var trainer = EnsembleTrainer.Start(options, straight)) trainer.Run();
        Assert.All(straight, n => Assert.Null(n.ReadMetrics()[0].Loss));   // the step-0 row of each network: no training loss yet
        var stopped = Networks("stopped", 2);
        using (var trainer = EnsembleTrainer.Start(options, stopped)) Assert.Equal(TrainingOutcome.Interrupted, trainer.Run(stopAfterStep: 0).Outcome);
        using (var trainer = EnsembleTrainer.Resume(options, stopped, null, _ => { }, _ => { }))
        {
            Assert.Equal(0, trainer.Step);
            trainer.Run();
        }
        for (var k = 0; k < 2; k++)
        {
            Assert.Equal([0, 4, 8, 12], stopped[k].ReadMetrics().Select(m => m.Step));
            Assert.Equal(straight[k].ReadMetrics().Select(m => m with { ElapsedSeconds = 0 }), stopped[k].ReadMetrics().Select(m => m with { ElapsedSeconds = 0 }));
            Assert.Equal(File.ReadAllBytes(straight[k].FinalModel), File.ReadAllBytes(stopped[k].FinalModel));
        }
    }

    [Fact]
    public void Resume_ContinuesFromTheNewestStepEveryNetworkHasIntact_OrStartsThemTogetherAgain()
    {
        var options = Options();
        var straight = Networks("straight", 2);
        using (var trainer = EnsembleTrainer.Start(options, straight)) trainer.Run();

        var networks = Networks("uneven", 2);
        using (var trainer = EnsembleTrainer.Start(options, networks)) trainer.Run(stopAfterStep: 9);
        File.Delete(networks[1].Checkpoints()[0]);   // killed between the two networks' checkpoints at step 9
        var said = new List<string>();
        using (var trainer = EnsembleTrainer.Resume(options, networks, null, said.Add, said.Add))
        {
            Assert.Equal(8, trainer.Step);
            trainer.Run();
        }
        Assert.Equal(["2 networks: resuming together at step 8."], said);
        for (var k = 0; k < 2; k++) Assert.Equal(File.ReadAllBytes(straight[k].FinalModel), File.ReadAllBytes(networks[k].FinalModel));

        var early = Networks("early", 2);
        using (var trainer = EnsembleTrainer.Start(options, early)) trainer.Run(stopAfterStep: 5);
        foreach (var c in early[0].Checkpoints()) File.Delete(c);   // network 0 killed before its first checkpoint: no common step
        said.Clear();
        using (var trainer = EnsembleTrainer.Resume(options, early, null, said.Add, said.Add))
        {
            Assert.Equal(0, trainer.Step);
            trainer.Run();
        }
        Assert.Equal(["2 networks: no checkpoint common to all of them; starting them together from the beginning."], said);
        for (var k = 0; k < 2; k++)
        {
            Assert.Equal(File.ReadAllBytes(straight[k].FinalModel), File.ReadAllBytes(early[k].FinalModel));
            Assert.Equal(straight[k].ReadMetrics().Select(m => m with { ElapsedSeconds = 0 }), early[k].ReadMetrics().Select(m => m with { ElapsedSeconds = 0 }));
        }
    }
}
