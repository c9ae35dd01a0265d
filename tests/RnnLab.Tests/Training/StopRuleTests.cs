using RnnLab.Experiments;
using RnnLab.Safetensors;
using RnnLab.Training;

namespace RnnLab.Tests.Training;

/// <summary>
/// Training stops where the task is learned: the first evaluation after which StopAfterEvaluations
/// evaluations in a row reached StopAccuracy. The truth is the same network trained without the rule,
/// with a checkpoint at every evaluation: the rule replayed on its metrics says where to stop, and its
/// checkpoint there holds the weights the stopped run must end with.
/// </summary>
public sealed class StopRuleTests : IDisposable
{
    private readonly string _dir = TestSupport.TempDirectory();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static TrainingOptions Training(double stopAccuracy = 0, bool continueToCap = false) => new()
    {
        Steps = 40, BatchSize = 8, LearningRate = 0.02, EvaluateEvery = 2, EvaluationBatchSize = 16, CheckpointEvery = 2,
        StopAccuracy = stopAccuracy, StopAfterEvaluations = 3, ContinueToCap = continueToCap,
    };

    private static MetricsRecord Eval(int step, double accuracy, double loss = 1) => new(step, loss, loss, accuracy, 0);

    [Fact]
    public void TheRuleNeedsKEvaluationsInARowAtTheLastStepAndTheTargetLossComesFirst()
    {
        var o = new TrainingOptions { StopAccuracy = 0.9, StopAfterEvaluations = 3, TargetLoss = 0.01 };
        MetricsRecord[] history = [Eval(100, 0.95), Eval(200, 0.85), Eval(300, 0.9), Eval(400, 0.97)];

        Assert.Null(StopRule.Reason(history, o, 400));                                  // 0.85 breaks the run
        Assert.Equal(TrainingOutcome.TaskLearned, StopRule.Reason([.. history, Eval(500, 0.91)], o, 500));
        Assert.Null(StopRule.Reason([.. history, Eval(500, 0.91)], o, 510));          // the last evaluation is not now
        Assert.Equal(TrainingOutcome.TargetLossReached, StopRule.Reason([Eval(100, 0.1, 0.005)], o, 100));
        Assert.Null(StopRule.Reason([.. history, Eval(500, 0.91)], new TrainingOptions { StopAfterEvaluations = 3 }, 500));   // off
    }

    [Fact]
    public void ARunStopsWhereTheRuleReplayedOnAnUnstoppedRunSaysAndEndsWithItsWeightsThere()
    {
        var free = new NetworkDirectory(Path.Combine(_dir, "free"), 0, 5);
        using (var trainer = Trainer.Start(TestSupport.Experiment(training: Training()), free)) trainer.Run();
        var evaluations = free.ReadMetrics();
        // A threshold that the run reaches three times in a row somewhere in the middle, not at once.
        var threshold = Enumerable.Range(3, evaluations.Count - 6).Select(i => evaluations.Skip(i - 2).Take(3).Min(e => e.Accuracy)).Where(a => a > 0).Min();
        var options = Training(threshold);
        var expected = Enumerable.Range(1, evaluations.Count).First(n => StopRule.Reason(evaluations.Take(n).ToList(), options, evaluations[n - 1].Step) is not null);
        var stopStep = evaluations[expected - 1].Step;
        Assert.InRange(stopStep, 6, 38);   // the test means something only if the stop falls inside the run

        var stopped = new NetworkDirectory(Path.Combine(_dir, "stopped"), 0, 5);
        TrainingResult result;
        using (var trainer = Trainer.Start(TestSupport.Experiment(training: options), stopped)) result = trainer.Run();

        Assert.Equal(TrainingOutcome.TaskLearned, result.Outcome);
        Assert.Equal(stopStep, result.Step);
        Assert.Equal(Tensors(CheckpointOf(free, stopStep)), Tensors(stopped.FinalModel));
        Assert.Equal(File.ReadAllBytes(stopped.FinalModel), File.ReadAllBytes(stopped.LearnedModel));

        // Killed after the checkpoint where the task was learned and before its weights were saved: resume saves them and stops.
        var final = File.ReadAllBytes(stopped.FinalModel);
        File.Delete(stopped.FinalModel);
        File.Delete(stopped.LearnedModel);
        using (var trainer = Trainer.Resume(TestSupport.Experiment(training: options), stopped, _ => { })) result = trainer.Run();
        Assert.Equal((TrainingOutcome.TaskLearned, stopStep), (result.Outcome, result.Step));
        Assert.Equal(final, File.ReadAllBytes(stopped.FinalModel));
        Assert.Equal(final, File.ReadAllBytes(stopped.LearnedModel));
    }

    [Fact]
    public void ContinuingToTheCapKeepsTheLearnedWeightsAndEndsWhereAnUnstoppedRunEndsAcrossAnInterruption()
    {
        var free = new NetworkDirectory(Path.Combine(_dir, "free"), 0, 6);
        using (var trainer = Trainer.Start(TestSupport.Experiment(training: Training()), free)) trainer.Run();
        var evaluations = free.ReadMetrics();
        var threshold = evaluations.Skip(evaluations.Count - 8).Min(e => e.Accuracy);   // reached by the last eight evaluations at least
        Assert.True(threshold > 0);
        var options = Training(threshold, continueToCap: true);
        var expected = evaluations.Select((e, i) => (e, n: i + 1)).First(x => StopRule.Reason(evaluations.Take(x.n).ToList(), options, x.e.Step) is not null).e.Step;

        var capped = new NetworkDirectory(Path.Combine(_dir, "capped"), 0, 6);
        using (var trainer = Trainer.Start(TestSupport.Experiment(training: options), capped)) trainer.Run(stopAfterStep: expected - 2);
        TrainingResult result;
        using (var trainer = Trainer.Resume(TestSupport.Experiment(training: options), capped, _ => { })) result = trainer.Run();

        Assert.Equal(TrainingOutcome.Completed, result.Outcome);
        Assert.Equal(40, result.Step);
        Assert.Equal(Tensors(CheckpointOf(free, expected)), Tensors(capped.LearnedModel));
        Assert.Equal(File.ReadAllBytes(free.FinalModel), File.ReadAllBytes(capped.FinalModel));
    }

    private static string CheckpointOf(NetworkDirectory network, int step) => Path.Combine(network.CheckpointFolder, TrainingCheckpoint.FileName(step));

    private static Dictionary<string, float[]> Tensors(string path)
    {
        if (Path.GetFileName(path).StartsWith("step-", StringComparison.Ordinal))
        {
            using var checkpoint = TrainingCheckpoint.Load(path);
            return checkpoint.Model.ToDictionary(kv => kv.Key, kv => kv.Value.to(TorchSharp.torch.float32).ToArray<float>());
        }
        using var content = SafetensorsFile.Load(path, requireChecksum: true);
        return content.Tensors.ToDictionary(kv => kv.Key, kv => kv.Value.to(TorchSharp.torch.float32).ToArray<float>());
    }
}
