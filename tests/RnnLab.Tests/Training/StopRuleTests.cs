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
    public void TheUntrainedNetworksEvaluation_NeitherStopsARunNorCountsTowardsTheEvaluationsInARow()
    {
        var o = new TrainingOptions { StopAccuracy = 0.9, StopAfterEvaluations = 2, TargetLoss = 0.01 };
        MetricsRecord[] history = [Eval(0, 1, loss: 0.001), Eval(10, 0.95), Eval(20, 0.95)];

        Assert.Null(StopRule.Reason(history[..1], o, 0));    // at step 0 both the accuracy and the loss target are met
        Assert.Null(StopRule.Reason(history[..2], o, 10));   // step 0 and step 10 would be two in a row
        Assert.Equal(TrainingOutcome.TaskLearned, StopRule.Reason(history, o, 20));
        Assert.Equal(20, StopRule.FirstStop([history], o));
        Assert.Equal(20, StopRule.FirstStop([history[1..]], o));   // the same as with no step-0 evaluation at all
    }

    [Fact]
    public void FirstStop_IsTheFirstStepWhereEveryNetworkMayStop_OrNull()
    {
        var o = new TrainingOptions { StopAccuracy = 0.9, StopAfterEvaluations = 2 };
        MetricsRecord[] a = [Eval(10, 0.95), Eval(20, 0.95), Eval(30, 0.5), Eval(40, 0.95), Eval(50, 0.95)];
        MetricsRecord[] b = [Eval(10, 0.5), Eval(20, 0.95), Eval(30, 0.95), Eval(40, 0.95), Eval(50, 0.95)];
        Assert.Equal(20, StopRule.FirstStop([a], o));
        Assert.Equal(30, StopRule.FirstStop([b], o));
        Assert.Equal(50, StopRule.FirstStop([a, b], o));   // a breaks its run at 30, so together only at 50
        Assert.Null(StopRule.FirstStop([a[..4], b[..4]], o));
        Assert.Null(StopRule.FirstStop([a], new TrainingOptions { StopAfterEvaluations = 2 }));   // no rule
    }

    [Fact]
    public void AResumedRun_StopsWhereItWould_WhateverMetricsJsonlHolds()
    {
        var free = new NetworkDirectory(Path.Combine(_dir, "free"), 0, 5);
        using (var trainer = Trainer.Start(TestSupport.Experiment(training: Training()), free)) trainer.Run();
        var evaluations = free.ReadMetrics();
        var threshold = Enumerable.Range(3, evaluations.Count - 6).Select(i => evaluations.Skip(i - 2).Take(3).Min(e => e.Accuracy)).Where(a => a > 0).Min();
        var options = TestSupport.Experiment(training: Training(threshold));
        var stopStep = StopRule.FirstStop([evaluations], options.Training)!.Value;
        Assert.InRange(stopStep, 6, 38);   // inside the run, with an evaluation to interrupt after

        var straight = new NetworkDirectory(Path.Combine(_dir, "straight"), 0, 5);
        using (var trainer = Trainer.Start(options, straight)) Assert.Equal(stopStep, trainer.Run().Step);

        // Interrupted two evaluations before the stop, with metrics.jsonl then damaged three ways: the rows of a
        // later attempt that reach the threshold early, a torn line, and the loss of the file's first rows.
        foreach (var damage in new Func<string, string>[]
                 {
                     text => text + string.Concat(Enumerable.Range(1, 3).Select(i => TrainingHistory.Line(Eval(stopStep - 4 + 2 * i, 1)))),
                     text => text + "{\"step\":",
                     text => string.Concat(text.Split('\n').Skip(3).Select(l => l + "\n")).TrimEnd('\n') + "\n",
                 })
        {
            var resumed = new NetworkDirectory(Path.Combine(_dir, $"resumed-{Guid.NewGuid():N}"), 0, 5);
            using (var trainer = Trainer.Start(options, resumed)) trainer.Run(stopAfterStep: stopStep - 4);
            File.WriteAllText(resumed.Metrics, damage(File.ReadAllText(resumed.Metrics)));
            TrainingResult result;
            using (var trainer = Trainer.Resume(options, resumed, _ => { })) result = trainer.Run();
            Assert.Equal((TrainingOutcome.TaskLearned, stopStep), (result.Outcome, result.Step));
            Assert.Equal(File.ReadAllBytes(straight.FinalModel), File.ReadAllBytes(resumed.FinalModel));
            Assert.Equal(straight.ReadMetrics().Select(m => m with { ElapsedSeconds = 0 }), resumed.ReadMetrics().Select(m => m with { ElapsedSeconds = 0 }));
        }
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
