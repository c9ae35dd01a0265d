using RnnLab.Experiments;
using RnnLab.Models;
using RnnLab.Tasks;
using RnnLab.Safetensors;
using RnnLab.Training;

namespace RnnLab.Tests.Training;

public sealed class TrainerTests : IDisposable
{
    private readonly string _dir = TestSupport.TempDirectory();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private NetworkDirectory Network(string name, long seed = 3) => new(Path.Combine(_dir, name), 0, seed);

    private static Dictionary<string, float[]> Weights(string path)
    {
        using var content = SafetensorsFile.Load(path, requireChecksum: true);
        return content.Tensors.ToDictionary(kv => kv.Key, kv => kv.Value.to(float32).ToArray<float>());
    }

    [Fact]
    public void Training_KeepsTheDiagonalAtZero_AndLeavesUntrainedParametersBitwiseUnchanged()
    {
        var options = TestSupport.Experiment(
            model: new ModelOptions { Units = 12, Train = ["W_rec", "b"] },
            training: new TrainingOptions { Steps = 15, BatchSize = 8, LearningRate = 0.05, EvaluateEvery = 5, EvaluationBatchSize = 8, CheckpointEvery = 15 });
        var network = Network("mask");
        using (var trainer = Trainer.Start(options, network)) trainer.Run();
        var init = Weights(network.InitialModel);
        var final = Weights(network.FinalModel);
        Assert.Equal(init["W_in"], final["W_in"]);
        Assert.Equal(init["W_out"], final["W_out"]);
        Assert.NotEqual(init["W_rec"], final["W_rec"]);
        Assert.NotEqual(init["b"], final["b"]);
        for (var i = 0; i < 12; i++) Assert.Equal(0f, final["W_rec"][i * 12 + i]);
    }

    [Fact]
    public void DalesLaw_EffectiveWeightsKeepEachUnitsSign_ThroughTraining()
    {
        var options = TestSupport.Experiment(
            model: new ModelOptions { Units = 10, Dale = true, ExcitatoryFraction = 0.8 },
            training: new TrainingOptions { Steps = 10, BatchSize = 8, LearningRate = 0.05, EvaluateEvery = 10, EvaluationBatchSize = 8, CheckpointEvery = 10 });
        using var trainer = Trainer.Start(options, Network("dale"));
        trainer.Run();
        using var scope = NewDisposeScope();
        var w = trainer.Model.EffectiveRecurrentWeights().ToArray<float>();
        for (var i = 0; i < 10; i++)
            for (var j = 0; j < 10; j++)
            {
                if (i == j) { Assert.Equal(0f, w[i * 10 + j]); continue; }
                if (j < 8) Assert.True(w[i * 10 + j] >= 0, $"excitatory unit {j} has weight {w[i * 10 + j]}");
                else Assert.True(w[i * 10 + j] <= 0, $"inhibitory unit {j} has weight {w[i * 10 + j]}");
            }
    }

    [Fact]
    public void InterruptedAndResumedRun_EndsBitwiseIdenticalToAnUninterruptedOne()
    {
        var options = TestSupport.Experiment(
            model: new ModelOptions { Units = 16, InitialState = InitialState.Random, InputNoiseStd = 0.01 },
            training: new TrainingOptions { Steps = 20, BatchSize = 8, EvaluateEvery = 5, EvaluationBatchSize = 16, CheckpointEvery = 5, GradientClipNorm = 0.5 });
        var straight = Network("straight");
        using (var t = Trainer.Start(options, straight)) Assert.Equal(TrainingOutcome.Completed, t.Run().Outcome);

        var interrupted = Network("interrupted");
        using (var t = Trainer.Start(options, interrupted))
        {
            var r = t.Run(stopAfterStep: 7);
            Assert.Equal(TrainingOutcome.Interrupted, r.Outcome);
            Assert.Equal(7, r.Step);
        }
        Assert.False(File.Exists(interrupted.FinalModel));
        using (var t = Trainer.Resume(options, interrupted, _ => { }))
        {
            Assert.Equal(7, t.Step);
            Assert.Equal(TrainingOutcome.Completed, t.Run().Outcome);
        }

        Assert.Equal(File.ReadAllBytes(straight.FinalModel), File.ReadAllBytes(interrupted.FinalModel));
        Assert.Equal(straight.ReadMetrics().Select(m => (m.Step, m.Loss, m.EvalLoss, m.Accuracy)),
            interrupted.ReadMetrics().Select(m => (m.Step, m.Loss, m.EvalLoss, m.Accuracy)));
    }

    [Fact]
    public void TheUntrainedNetwork_IsEvaluatedAtStepZero_AndEveryEvaluationDrawsWhatItWouldWithoutIt()
    {
        var options = TestSupport.Experiment(
            model: new ModelOptions { Units = 16, InitialState = InitialState.Random },
            training: new TrainingOptions { Steps = 10, BatchSize = 8, EvaluateEvery = 5, EvaluationBatchSize = 16, CheckpointEvery = 5 });
        var network = Network("zero");
        using (var t = Trainer.Start(options, network)) t.Run();
        var rows = network.ReadMetrics();
        Assert.Equal([0, 5, 10], rows.Select(m => m.Step));
        Assert.Null(rows[0].Loss);   // no training step yet
        Assert.All(rows.Skip(1), m => Assert.NotNull(m.Loss));

        // The truth: trainers of the same seed whose evaluation streams are at their start, evaluating the
        // untrained weights and the weights of step 5. Both are the first draw of the streams: step 0 put them
        // back, so the first evaluation after training draws what it drew before step 0 was evaluated.
        using (var fresh = Trainer.Start(options, Network("untrained")))
            Assert.Equal((rows[0].EvalLoss, rows[0].Accuracy), fresh.Evaluate()[0]);
        using (var fresh = Trainer.Start(options, Network("step-5")))
        {
            using (var checkpoint = TrainingCheckpoint.Load(Path.Combine(network.CheckpointFolder, TrainingCheckpoint.FileName(5))))
                fresh.Model.LoadStateOf(0, checkpoint.Model);
            Assert.Equal((rows[1].EvalLoss, rows[1].Accuracy), fresh.Evaluate()[0]);
        }
    }

    [Fact]
    public void ARunResumedAtStepZero_DoesNotEvaluateTheUntrainedNetworkAgain()
    {
        var options = TestSupport.Experiment(training: new TrainingOptions { Steps = 10, BatchSize = 8, EvaluateEvery = 5, EvaluationBatchSize = 16, CheckpointEvery = 5 });
        var straight = Network("straight");
        using (var t = Trainer.Start(options, straight)) t.Run();
        var stopped = Network("stopped");
        using (var t = Trainer.Start(options, stopped)) Assert.Equal((TrainingOutcome.Interrupted, 0), (t.Run(stopAfterStep: 0).Outcome, t.Step));
        Assert.Equal([0], stopped.ReadMetrics().Select(m => m.Step));
        using (var t = Trainer.Resume(options, stopped, _ => { }))
        {
            Assert.Equal(0, t.Step);
            t.Run();
        }
        Assert.Equal(straight.ReadMetrics().Select(m => m with { ElapsedSeconds = 0 }), stopped.ReadMetrics().Select(m => m with { ElapsedSeconds = 0 }));
        Assert.Equal(File.ReadAllBytes(straight.FinalModel), File.ReadAllBytes(stopped.FinalModel));
    }

    [Fact]
    public void Resume_SkipsADamagedCheckpoint_AndRefusesWhenNoneIsIntact()
    {
        var options = TestSupport.Experiment();
        var network = Network("damaged");
        using (var t = Trainer.Start(options, network)) t.Run(stopAfterStep: 12);
        var checkpoints = network.Checkpoints();
        Assert.Equal(["step-00000012.safetensors", "step-00000010.safetensors", "step-00000005.safetensors"], checkpoints.Select(Path.GetFileName));

        var newest = File.ReadAllBytes(checkpoints[0]);
        File.WriteAllBytes(checkpoints[0], newest[..(newest.Length / 2)]);
        var warnings = new List<string>();
        using (var t = Trainer.Resume(options, network, warnings.Add)) Assert.Equal(10, t.Step);
        Assert.Single(warnings);
        Assert.StartsWith("skipping checkpoint " + checkpoints[0] + ": ", warnings[0]);

        foreach (var path in checkpoints.Skip(1))
        {
            var bytes = File.ReadAllBytes(path);
            bytes[^3] ^= 0x10;
            File.WriteAllBytes(path, bytes);
        }
        var e = Assert.Throws<InvalidOperationException>(() => Trainer.Resume(options, network, _ => { }));
        Assert.StartsWith($"cannot resume {network.Path}: no checkpoint is intact:", e.Message);
        Assert.Contains(checkpoints[2] + ": is corrupt: its checksum does not match its contents.", e.Message);
    }

    [Fact]
    public void DivergingLoss_StopsWithTheStep_AndLeavesTheLastCheckpointIntact()
    {
        var options = TestSupport.Experiment(model: new ModelOptions { Units = 8, Activation = Activation.Linear, Gain = 1e6 });
        var network = Network("nan");
        using var trainer = Trainer.Start(options, network);
        var e = Assert.Throws<TrainingDivergedException>(() => trainer.Run());
        Assert.Equal(1, e.Step);
        Assert.StartsWith("the training loss became ", e.Message);
        Assert.Contains("at step 1; training stopped without applying that update. No checkpoint had been written yet.", e.Message);
        Assert.Empty(network.Checkpoints());
        Assert.False(File.Exists(network.FinalModel));
    }

    [Fact]
    public void TargetLoss_StopsEarly_WithFinalWeightsAndACheckpoint()
    {
        var options = TestSupport.Experiment(training: new TrainingOptions
        {
            Steps = 1000, BatchSize = 8, EvaluateEvery = 2, EvaluationBatchSize = 8, CheckpointEvery = 1000, TargetLoss = 10,
        });
        var network = Network("target");
        using var trainer = Trainer.Start(options, network);
        var result = trainer.Run();
        Assert.Equal(TrainingOutcome.TargetLossReached, result.Outcome);
        Assert.Equal(2, result.Step);
        Assert.True(File.Exists(network.FinalModel));
        Assert.Equal(["step-00000002.safetensors"], network.Checkpoints().Select(Path.GetFileName));
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void PerceptionNetwork_ReachesLowLossAndHighAccuracy_WithinAFewHundredSteps()
    {
        var options = TestSupport.Experiment(
            model: new ModelOptions { Units = 64, InputStd = 1 / Math.Sqrt(3), BiasStd = 1 / Math.Sqrt(3) },
            task: new PerceptionTaskOptions(),
            training: new TrainingOptions { Steps = 300, BatchSize = 32, EvaluateEvery = 50, EvaluationBatchSize = 128, CheckpointEvery = 300 });
        using var trainer = Trainer.Start(options, Network("e2e"));
        var (before, _) = trainer.Evaluate()[0];
        var result = trainer.Run();
        Assert.Equal(TrainingOutcome.Completed, result.Outcome);
        Assert.True(result.LastMetrics!.EvalLoss < 0.01, $"eval loss {result.LastMetrics.EvalLoss} (untrained: {before})");
        Assert.True(result.LastMetrics.EvalLoss < before / 10, $"eval loss {result.LastMetrics.EvalLoss} vs untrained {before}");
        Assert.True(result.LastMetrics.Accuracy >= 0.95, $"accuracy {result.LastMetrics.Accuracy}");
    }

    // ---- K networks trained together: each ends as it would alone, to rounding. ----------------------------

    private List<NetworkDirectory> Networks(string name, int k) =>
        Enumerable.Range(0, k).Select(i => new NetworkDirectory(Path.Combine(_dir, name, $"seed-{i}"), i, 3 + i)).ToList();

    private static ExperimentOptions TogetherOptions() => TestSupport.Experiment(
        model: new ModelOptions { Units = 16, InitialState = InitialState.Random },
        training: new TrainingOptions { Steps = 12, BatchSize = 8, EvaluateEvery = 4, EvaluationBatchSize = 16, CheckpointEvery = 4, GradientClipNorm = 0.5, WeightL2 = 0.01 });

    [Fact]
    public void NetworksTrainedTogether_EachEndWhereTrainingItAloneEnds()
    {
        var options = TogetherOptions();
        var together = Networks("together", 3);
        using (var trainer = Trainer.Start(options, together)) Assert.Equal(TrainingOutcome.Completed, trainer.Run().Outcome);
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
    public void NetworksInterruptedTogether_ResumeBitwiseIdentical_AndTheirCheckpointsResumeSingly()
    {
        var options = TogetherOptions();
        var straight = Networks("straight", 2);
        using (var trainer = Trainer.Start(options, straight)) trainer.Run();
        var interrupted = Networks("interrupted", 2);
        using (var trainer = Trainer.Start(options, interrupted)) Assert.Equal(TrainingOutcome.Interrupted, trainer.Run(stopAfterStep: 6).Outcome);
        using (var trainer = Trainer.Resume(options, interrupted, null, _ => { }, _ => { }))
        {
            Assert.Equal(6, trainer.Step);
            trainer.Run();
        }
        for (var k = 0; k < 2; k++)
            Assert.Equal(File.ReadAllBytes(straight[k].FinalModel), File.ReadAllBytes(interrupted[k].FinalModel));

        // A checkpoint written by networks trained together is an ordinary single-network checkpoint (of a network whose
        // final weights are gone: a finished one is not trained again).
        File.Delete(interrupted[1].FinalModel);
        using var single = Trainer.Resume(options, new NetworkDirectory(interrupted[1].Path, 1, interrupted[1].Seed), _ => { });
        Assert.Equal(12, single.Step);
    }

    [Fact]
    public void NetworksResumedTogetherAtStepZero_AreNotEvaluatedUntrainedAgain()
    {
        var options = TogetherOptions();
        var straight = Networks("straight", 2);
        using (var trainer = Trainer.Start(options, straight)) trainer.Run();
        Assert.All(straight, n => Assert.Null(n.ReadMetrics()[0].Loss));   // the step-0 row of each network: no training loss yet
        var stopped = Networks("stopped", 2);
        using (var trainer = Trainer.Start(options, stopped)) Assert.Equal(TrainingOutcome.Interrupted, trainer.Run(stopAfterStep: 0).Outcome);
        using (var trainer = Trainer.Resume(options, stopped, null, _ => { }, _ => { }))
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
    public void ResumeTogether_ContinuesFromTheNewestStepEveryNetworkHasIntact_OrStartsThemTogetherAgain()
    {
        var options = TogetherOptions();
        var straight = Networks("straight", 2);
        using (var trainer = Trainer.Start(options, straight)) trainer.Run();

        var networks = Networks("uneven", 2);
        using (var trainer = Trainer.Start(options, networks)) trainer.Run(stopAfterStep: 9);
        File.Delete(networks[1].Checkpoints()[0]);   // killed between the two networks' checkpoints at step 9
        var said = new List<string>();
        using (var trainer = Trainer.Resume(options, networks, null, said.Add, said.Add))
        {
            Assert.Equal(8, trainer.Step);
            trainer.Run();
        }
        Assert.Equal(["2 networks: resuming together at step 8."], said);
        for (var k = 0; k < 2; k++) Assert.Equal(File.ReadAllBytes(straight[k].FinalModel), File.ReadAllBytes(networks[k].FinalModel));

        var early = Networks("early", 2);
        using (var trainer = Trainer.Start(options, early)) trainer.Run(stopAfterStep: 5);
        foreach (var c in early[0].Checkpoints()) File.Delete(c);   // network 0 killed before its first checkpoint: no common step
        said.Clear();
        using (var trainer = Trainer.Resume(options, early, null, said.Add, said.Add))
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
