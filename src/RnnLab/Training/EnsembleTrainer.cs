using RnnLab.Configuration;
using RnnLab.Experiments;
using RnnLab.Models;
using RnnLab.Tasks;
using TorchSharp;
using TorchSharp.Modules;
using RnnLab.Safetensors;
using static TorchSharp.torch;

namespace RnnLab.Training;

/// <summary>
/// Trains the K networks of a multi-seed run together as one <see cref="RateRnnEnsemble"/>: one fused,
/// batched time loop per step instead of K. Each network keeps everything a <see cref="Trainer"/> would
/// give it: its own init, training and evaluation generators (the same seeds), its own batches, its own
/// loss (the summed objective keeps gradients separate; clipping is per network; Adam is element-wise),
/// and its own files. Checkpoints are written per network in the single-network format, so any network
/// can be resumed alone, and the results equal training the networks one at a time, up to the rounding
/// of batched versus single matrix products.
/// </summary>
public sealed class EnsembleTrainer : IDisposable, ITrainingSteps
{
    private readonly ExperimentOptions _options;
    private readonly IReadOnlyList<NetworkDirectory> _networks;
    private readonly ICognitiveTask _task;
    private readonly RateRnnEnsemble _model;
    private readonly Adam _adam;
    private readonly List<NetworkRandomness> _random;
    private double[] _lastLosses = [];
    private readonly List<IO.WriterLock> _locks;
    private TrainingHistory[] _histories;

    private EnsembleTrainer(ExperimentOptions options, IReadOnlyList<NetworkDirectory> networks, int step, StartingWeights? start = null)
    {
        OptionsValidator.Ensure(options, "");
        _locks = [];
        _random = [];
        try
        {
            foreach (var network in networks) _locks.Add(NetworkLock.Acquire(network.Path));   // one writer per network, until Dispose
            _options = options;
            _networks = networks;
            _task = options.CreateTask();
            _model = new RateRnnEnsemble(options.Model, _task.InputSize, _task.OutputSize, networks.Select(n => (ulong)n.Seed).ToList(), start);
            _adam = optim.Adam(_model.TrainableParameters, lr: options.Training.LearningRate);
            _random = networks.Select(n => NetworkRandomness.For(n.Seed)).ToList();
            _histories = networks.Select(_ => TrainingHistory.Empty).ToArray();
            Step = step;
        }
        catch
        {
            // Whatever was built goes, and every lock taken is released: a failed start leaves no network held.
            foreach (var r in _random) r.Dispose();
            _adam?.Dispose();
            _model?.Dispose();
            foreach (var held in _locks) held.Dispose();
            throw;
        }
    }

    /// <summary>Steps taken so far (the same for every network).</summary>
    public int Step { get; private set; }

    /// <summary>The stacked networks.</summary>
    public RateRnnEnsemble Model => _model;

    /// <summary>Starts K new networks (from their seeds, or all from the given starting weights) and saves each one's untrained weights.</summary>
    public static EnsembleTrainer Start(ExperimentOptions options, IReadOnlyList<NetworkDirectory> networks, StartingWeights? start = null)
    {
        var trainer = new EnsembleTrainer(options, networks, 0, start);
        try
        {
            for (var k = 0; k < networks.Count; k++)
            {
                networks[k].BeginAfresh();
                Directory.CreateDirectory(Path.GetDirectoryName(networks[k].InitialModel)!);
                using var scope = NewDisposeScope();
                SafetensorsFile.Save(networks[k].InitialModel, trainer._model.StateOf(k), Trainer.ModelMetadata(options, 0));
            }
            return trainer;
        }
        catch
        {
            trainer.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Continues the ensemble from the newest step at which every network has a checkpoint that reads back
    /// intact and fits the config; checkpoints are written one network after another, so a process killed
    /// between them leaves the networks at different steps, and only a common step continues the same
    /// computation. With no common step, the ensemble starts again from the beginning (so the networks still
    /// train together, as an uninterrupted ensemble does). say reports where it continues; warn the
    /// checkpoints skipped.
    /// </summary>
    public static EnsembleTrainer Resume(ExperimentOptions options, IReadOnlyList<NetworkDirectory> networks, StartingWeights? start,
        Action<string> say, Action<string> warn)
    {
        var steps = networks.Select(n => n.Checkpoints().Select(Path.GetFileName).ToHashSet()).Aggregate((a, b) => { a.IntersectWith(b); return a; });
        foreach (var name in steps.Order(StringComparer.Ordinal).Reverse())
        {
            var checkpoints = new List<TrainingCheckpoint>();
            EnsembleTrainer? trainer = null;
            try
            {
                foreach (var network in networks) checkpoints.Add(TrainingCheckpoint.Load(Path.Combine(network.CheckpointFolder, name!)));
                var step = checkpoints[0].Step;
                trainer = new EnsembleTrainer(options, networks, step);
                using var scope = NewDisposeScope();
                for (var k = 0; k < networks.Count; k++) SnapshotFit.Check(checkpoints[k].Path, checkpoints[k].Model, trainer._model.StateOf(k));
                trainer._model.load_state_dict(Stack(checkpoints.Select(c => c.Model).ToList()));
                try
                {
                    AdamState.Restore(trainer._adam, Stack(checkpoints.Select(c => c.Optimizer).ToList(), scalarsShared: true));
                }
                catch (ArgumentException e)
                {
                    throw new SafetensorsException(checkpoints[0].Path, $"does not fit this run's config: {e.Message}", e);
                }
                for (var k = 0; k < networks.Count; k++)
                {
                    trainer._random[k].Restore(checkpoints[k].Randomness);
                    trainer._histories[k] = checkpoints[k].HistoryOf(networks[k]);
                    networks[k].Reconcile(trainer._histories[k]);
                }
                say($"{networks.Count} networks: resuming together at step {step}.");
                return trainer;
            }
            catch (SafetensorsException e)
            {
                trainer?.Dispose();
                warn($"skipping checkpoint {e.Message}");
            }
            catch
            {
                trainer?.Dispose();
                throw;
            }
            finally
            {
                foreach (var c in checkpoints) c.Dispose();
            }
        }
        if (networks.Any(n => File.Exists(n.InitialModel))) say($"{networks.Count} networks: no checkpoint common to all of them; starting them together from the beginning.");
        return Start(options, networks, start);
    }

    // Per-network tensors stacked along a new leading dimension; zero-dimensional entries (step counts,
    // hyperparameters) are the same for every network and kept once.
    private static Dictionary<string, Tensor> Stack(IReadOnlyList<IReadOnlyDictionary<string, Tensor>> parts, bool scalarsShared = false) =>
        parts[0].Keys.ToDictionary(key => key, key =>
            scalarsShared && parts[0][key].dim() == 0 ? parts[0][key] : stack(parts.Select(p => p[key]).ToList()));

    /// <summary>Trains until Training:Steps, the target loss (every network below it), or a stop request.</summary>
    public TrainingResult Run(Action<TrainingProgress>? progress = null, CancellationToken cancel = default, int? stopAfterStep = null) =>
        TrainingLoop.Run(this, _options.Training, progress, cancel, stopAfterStep);

    int ITrainingSteps.Step { get => Step; set => Step = value; }

    double ITrainingSteps.TrainStep()
    {
        _lastLosses = TrainStep();
        return _lastLosses.Average();
    }

    double ITrainingSteps.ElapsedBefore => _histories[0].ElapsedSeconds;

    MetricsRecord ITrainingSteps.EvaluateAndLog(double trainLoss, double elapsedSeconds)
    {
        var results = Evaluate();
        Log(results, k => _lastLosses[k], elapsedSeconds);
        return new MetricsRecord(Step, trainLoss, results.Average(r => r.loss), results.Average(r => r.accuracy), elapsedSeconds);
    }

    MetricsRecord ITrainingSteps.EvaluateUntrainedAndLog(double elapsedSeconds)
    {
        var kept = _random.Select(r => r.KeepEvaluationStreams()).ToList();
        (double loss, double accuracy)[] results;
        try
        {
            results = Evaluate();
        }
        finally
        {
            foreach (var k in kept) k.Dispose();
        }
        Log(results, _ => null, elapsedSeconds);
        return new MetricsRecord(Step, null, results.Average(r => r.loss), results.Average(r => r.accuracy), elapsedSeconds);
    }

    bool ITrainingSteps.Evaluated => _histories[0].Evaluations.Count > 0;

    private void Log((double loss, double accuracy)[] results, Func<int, double?> trainLoss, double elapsedSeconds)
    {
        for (var k = 0; k < _networks.Count; k++)
        {
            var record = new MetricsRecord(Step, trainLoss(k), results[k].loss, results[k].accuracy, elapsedSeconds);
            _histories[k] = _histories[k].With(record);
            _networks[k].AppendMetrics(record);
        }
    }

    // The networks train as one computation, so they stop together: when every one of them may.
    TrainingOutcome? ITrainingSteps.StopReason()
    {
        var reasons = _histories.Select(h => StopRule.Reason(h.Evaluations, _options.Training, Step)).ToList();
        if (reasons.Any(r => r is null)) return null;
        return reasons.All(r => r == TrainingOutcome.TargetLossReached) ? TrainingOutcome.TargetLossReached : TrainingOutcome.TaskLearned;
    }

    int? ITrainingSteps.LearnedStep => StopRule.FirstStop(_histories.Select(h => h.Evaluations).ToList(), _options.Training);

    void ITrainingSteps.SaveLearned() => SaveWeights(n => n.LearnedModel);

    void ITrainingSteps.SaveCheckpoint(double elapsedSeconds) => SaveCheckpoints(elapsedSeconds);

    void ITrainingSteps.SaveFinal() => SaveWeights(n => n.FinalModel);

    private double[] TrainStep()
    {
        using var scope = NewDisposeScope();
        var batches = _random.Select(r => _task.Sample(_options.Training.BatchSize, r.TrainBatches)).ToList();
        try
        {
            var inputs = stack(batches.Select(b => b.Inputs).ToList(), 1);                      // [T, K, B, in]
            var trajectory = _model.Forward(inputs, _random.Select(r => r.TrainNoise).ToList());
            var objectives = new List<Tensor>();
            for (var k = 0; k < batches.Count; k++)
            {
                var single = new RateRnnTrajectory(trajectory.Rates.select(1, k), trajectory.Outputs.select(1, k));
                objectives.Add(TaskLoss.Objective(_model, k, single, batches[k], _options.Training));
            }
            var values = objectives.Select(l => l.ToDouble()).ToArray();
            for (var k = 0; k < values.Length; k++)
                if (!double.IsFinite(values[k]))
                    throw new TrainingDivergedException(Step + 1, values[k], LastCheckpoint(k));
            _adam.zero_grad();
            stack(objectives).sum().backward();
            if (_options.Training.GradientClipNorm > 0) ClipPerNetwork(_options.Training.GradientClipNorm);
            _adam.step();
            return values;
        }
        finally
        {
            foreach (var b in batches) b.Dispose();
        }
    }

    // clip_grad_norm_ of each network on its own slices, as each would be clipped alone.
    private void ClipPerNetwork(double maxNorm)
    {
        using var _ = no_grad();
        var grads = _model.TrainableParameters.Select(p => p.grad).Where(g => g is not null).Select(g => g!).ToList();
        for (var k = 0; k < _networks.Count; k++)
        {
            var slices = grads.Select(g => g[k]).ToList();
            var total = stack(slices.Select(s => s.norm()).ToList()).norm().ToDouble();
            var coefficient = maxNorm / (total + 1e-6);
            if (coefficient < 1) foreach (var s in slices) s.mul_(coefficient);
        }
    }

    /// <summary>Each network's masked MSE and accuracy on a fresh batch from its evaluation generator.</summary>
    public (double loss, double accuracy)[] Evaluate()
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var batches = _random.Select(r => _task.Sample(_options.Training.EvaluationBatchSize, r.EvalBatches)).ToList();
        try
        {
            var trajectory = _model.Forward(stack(batches.Select(b => b.Inputs).ToList(), 1), _random.Select(r => r.EvalNoise).ToList());
            return batches.Select((b, k) =>
            {
                var outputs = trajectory.Outputs.select(1, k);
                return (TaskLoss.MaskedMse(outputs, b).ToDouble(), _task.Accuracy(b, outputs));
            }).ToArray();
        }
        finally
        {
            foreach (var b in batches) b.Dispose();
        }
    }

    private void SaveCheckpoints(double elapsedSeconds)
    {
        using var scope = NewDisposeScope();
        var optimizer = AdamState.Capture(_adam);
        for (var k = 0; k < _networks.Count; k++)
        {
            var slice = optimizer.ToDictionary(kv => kv.Key, kv => kv.Value.dim() == 0 ? kv.Value : kv.Value[k]);
            var path = Path.Combine(_networks[k].CheckpointFolder, TrainingCheckpoint.FileName(Step));
            TrainingCheckpoint.Save(path, Step, _model.StateOf(k), slice, _random[k], _histories[k] with { ElapsedSeconds = elapsedSeconds });
        }
    }

    private void SaveWeights(Func<NetworkDirectory, string> pathOf)
    {
        using var scope = NewDisposeScope();
        for (var k = 0; k < _networks.Count; k++)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(pathOf(_networks[k]))!);
            SafetensorsFile.Save(pathOf(_networks[k]), _model.StateOf(k), Trainer.ModelMetadata(_options, Step));
        }
    }

    private string? LastCheckpoint(int k) => _networks[k].Checkpoints().FirstOrDefault();

    /// <summary>Releases the model, optimizer and generators.</summary>
    public void Dispose()
    {
        _adam?.Dispose();
        _model?.Dispose();
        foreach (var r in _random) r.Dispose();
        foreach (var held in _locks) held.Dispose();
    }
}
