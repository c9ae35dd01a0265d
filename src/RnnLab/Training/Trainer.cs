using System.Diagnostics;
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
/// Trains K networks of one config (K = 1: one network; K &gt; 1: a multi-seed run's networks together, as one
/// <see cref="RateRnn"/> of K networks and one batched time loop per step) by BPTT with Adam on fresh batches
/// of their task, evaluating, logging and checkpointing as it goes. Each network keeps everything it would
/// have alone: three generators derived from its seed (one initializes the weights, one draws training batches
/// and noise, one draws evaluation batches; the untrained network's evaluation at step 0 puts that one back
/// where it was), its own batches, its own loss (the summed objective keeps gradients separate; clipping is
/// per network; Adam is element-wise) and its own files. The generators' states, the weights, Adam's moments
/// and the <see cref="TrainingHistory"/> the stop rule reads are in every checkpoint, written per network in
/// the single-network format, so a resumed run takes exactly the steps an uninterrupted one would and stops
/// where it does, and any network of an ensemble can be resumed alone. Each evaluation goes to the network's
/// metrics.jsonl and, for TensorBoard, to its tensorboard/ (<see cref="TensorBoardLog"/>). Networks trained
/// together end where training them one at a time ends, up to the rounding of batched versus single matrix products.
/// </summary>
public sealed class Trainer : IDisposable
{
    private readonly ExperimentOptions _options;
    private readonly IReadOnlyList<NetworkDirectory> _networks;
    private readonly ICognitiveTask _task;
    private readonly RateRnn _model;
    private readonly Adam _adam;
    private readonly List<NetworkRandomness> _random = [];
    private readonly List<IO.WriterLock> _locks = [];
    private readonly TrainingHistory[] _histories;
    private readonly TensorBoardLog[] _tensorBoard;
    private readonly string?[] _lastCheckpoints;
    private double[] _lastLosses = [];

    private Trainer(ExperimentOptions options, IReadOnlyList<NetworkDirectory> networks, int step, StartingWeights? start = null)
    {
        OptionsValidator.Ensure(options, "");   // the same rules as a config file's, for options built in code
        if (networks.Count == 0) throw new ArgumentException("A trainer needs at least one network.", nameof(networks));
        try
        {
            foreach (var network in networks)
            {
                _locks.Add(NetworkLock.Acquire(network.Path));   // one writer per network, until Dispose
                // Whoever decided to train the network looked before taking the lock; another writer may have finished it since.
                if (network.Finished) throw new NetworkFinishedException($"{network.Path}: already finished ({network.FinalModel}).");
            }
            _options = options;
            _networks = networks;
            _task = options.CreateTask();
            _model = RateRnn.ForSeeds(options.Model, _task.InputSize, _task.OutputSize, networks.Select(n => unchecked((ulong)n.Seed)).ToList());
            start?.ApplyTo(_model);
            _adam = optim.Adam(_model.TrainableParameters, lr: options.Training.LearningRate);
            _random = networks.Select(n => NetworkRandomness.For(n.Seed)).ToList();
            _histories = networks.Select(_ => TrainingHistory.Empty).ToArray();
            _tensorBoard = networks.Select(n => new TensorBoardLog(n.TensorBoard)).ToArray();
            _lastCheckpoints = new string?[networks.Count];
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

    /// <summary>The networks being trained (K = 1 for one).</summary>
    public RateRnn Model => _model;

    /// <summary>Starts one new network (<see cref="Start(ExperimentOptions, IReadOnlyList{NetworkDirectory}, StartingWeights?)"/>).</summary>
    public static Trainer Start(ExperimentOptions options, NetworkDirectory network, StartingWeights? start = null) =>
        Start(options, [network], start);

    /// <summary>
    /// Starts new networks, to train together: initializes each from its seed, or all from the given starting
    /// weights (<c>train --init</c>), and saves each one's untrained weights to its init/. A network started
    /// again (killed before its first checkpoint) begins a fresh metrics.jsonl, without the TensorBoard events and
    /// the learned/ of that attempt.
    /// </summary>
    public static Trainer Start(ExperimentOptions options, IReadOnlyList<NetworkDirectory> networks, StartingWeights? start = null)
    {
        if (options.Model.Train.Length == 0)
            throw new ArgumentException("Model:Train lists no parameter; nothing would be trained.", nameof(options));
        foreach (var network in networks) Directory.CreateDirectory(network.Path);
        var trainer = new Trainer(options, networks, 0, start);
        try
        {
            for (var k = 0; k < networks.Count; k++)
            {
                networks[k].BeginAfresh();
                Directory.CreateDirectory(Path.GetDirectoryName(networks[k].InitialModel)!);
                using var scope = NewDisposeScope();
                SafetensorsFile.Save(networks[k].InitialModel, trainer._model.StateOf(k), ModelMetadata(options, 0));
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
    /// Continues one network from its newest checkpoint that reads back intact and fits the run's config.
    /// Damaged or foreign checkpoints are reported through warn and skipped; when none is usable, the error
    /// names each one and why. metrics.jsonl is rebuilt from the checkpoint's history: rows past its step go
    /// (they will be logged again), and a row torn or lost by a crash comes back.
    /// </summary>
    public static Trainer Resume(ExperimentOptions options, NetworkDirectory network, Action<string> warn)
    {
        var problems = new List<string>();
        if (ResumeAtCommonStep(options, [network], problems, warn) is { } trainer) return trainer;
        var why = problems.Count == 0 ? "it has no checkpoint" : "no checkpoint is intact:\n  " + string.Join("\n  ", problems);
        throw new InvalidOperationException($"cannot resume {network.Path}: {why}");
    }

    /// <summary>
    /// Continues networks trained together from the newest step at which every one of them has a checkpoint
    /// that reads back intact and fits the config; checkpoints are written one network after another, so a
    /// process killed between them leaves the networks at different steps, and only a common step continues
    /// the same computation. With no common step, the networks start again from the beginning (so they still
    /// train together, as an uninterrupted run does). say reports where they continue; warn the checkpoints skipped.
    /// </summary>
    public static Trainer Resume(ExperimentOptions options, IReadOnlyList<NetworkDirectory> networks, StartingWeights? start,
        Action<string> say, Action<string> warn)
    {
        if (ResumeAtCommonStep(options, networks, [], warn) is { } trainer)
        {
            say($"{networks.Count} networks: resuming together at step {trainer.Step}.");
            return trainer;
        }
        if (networks.Any(n => File.Exists(n.InitialModel))) say($"{networks.Count} networks: no checkpoint common to all of them; starting them together from the beginning.");
        return Start(options, networks, start);
    }

    // The trainer at the newest checkpoint step every network has intact, or null; problems collects why each step was skipped.
    private static Trainer? ResumeAtCommonStep(ExperimentOptions options, IReadOnlyList<NetworkDirectory> networks, List<string> problems, Action<string> warn)
    {
        var steps = networks.Select(n => n.Checkpoints().Select(Path.GetFileName).ToHashSet()).Aggregate((a, b) => { a.IntersectWith(b); return a; });
        foreach (var name in steps.Order(StringComparer.Ordinal).Reverse())
        {
            var checkpoints = new List<TrainingCheckpoint>();
            Trainer? trainer = null;
            try
            {
                foreach (var network in networks) checkpoints.Add(TrainingCheckpoint.Load(Path.Combine(network.CheckpointFolder, name!)));
                trainer = new Trainer(options, networks, checkpoints[0].Step);
                using var scope = NewDisposeScope();
                for (var k = 0; k < networks.Count; k++)
                {
                    SnapshotFit.Check(checkpoints[k].Path, checkpoints[k].Model, trainer._model.StateOf(k));
                    try
                    {
                        AdamState.Check(trainer._adam, checkpoints[k].Optimizer);
                    }
                    catch (ArgumentException e)
                    {
                        throw new SafetensorsException(checkpoints[k].Path, $"does not fit this run's config: {e.Message}", e);
                    }
                }
                for (var k = 0; k < networks.Count; k++) trainer._model.LoadStateOf(k, checkpoints[k].Model);
                AdamState.Restore(trainer._adam, checkpoints.Select(c => c.Optimizer).ToList());
                for (var k = 0; k < networks.Count; k++)
                {
                    trainer._random[k].Restore(checkpoints[k].Randomness);
                    trainer._histories[k] = checkpoints[k].HistoryOf(networks[k]);
                    trainer._lastCheckpoints[k] = checkpoints[k].Path;
                    networks[k].Reconcile(trainer._histories[k]);
                }
                return trainer;
            }
            catch (SafetensorsException e)
            {
                trainer?.Dispose();
                problems.Add(e.Message);
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
        return null;
    }

    /// <summary>
    /// Trains until Training:Steps (or the stop rule: every network has learned its task, or is below the
    /// target loss), or until stop is requested (cancellation, or stopAfterStep), in which case checkpoints are
    /// written so the run can be resumed. The schedule: evaluate the untrained weights at step 0, then step,
    /// evaluate every EvaluateEvery steps and at the end, checkpoint every CheckpointEvery steps, at the end and
    /// where the task is learned (<see cref="StopRule"/>), saving the weights there as learned/ and, unless
    /// Training:ContinueToCap, as final/. Progress reports the training loss and evaluation averaged over the networks.
    /// </summary>
    public TrainingResult Run(Action<TrainingProgress>? progress = null, CancellationToken cancel = default, int? stopAfterStep = null)
    {
        var o = _options.Training;
        var clock = Stopwatch.StartNew();
        var startStep = Step;
        double Rate() => (Step - startStep) / Math.Max(1e-9, clock.Elapsed.TotalSeconds);
        double Elapsed() => _histories[0].ElapsedSeconds + clock.Elapsed.TotalSeconds;
        MetricsRecord? last = null;
        var ruled = o.TargetLoss > 0 || o.StopAccuracy > 0;
        // The untrained network, so that the loss and accuracy curves start where training starts. Once per
        // network: a run resumed at step 0 (stopped before its first step) carries this evaluation in its history.
        if (Step == 0 && _histories[0].Evaluations.Count == 0) last = EvaluateUntrainedAndLog(Elapsed());
        // Resumed from the checkpoint written where the task was learned: the process may have died before
        // learned/ or final/ was saved, so save them (again: the same bytes if it had).
        if (ruled && Step > 0 && LearnedStep() == Step && StopReason() is { } before)
        {
            SaveWeights(n => n.LearnedModel);
            if (!o.ContinueToCap)
            {
                SaveWeights(n => n.FinalModel);
                return new TrainingResult(before, Step, last, Rate());
            }
        }
        while (Step < o.Steps)
        {
            if (cancel.IsCancellationRequested || Step == stopAfterStep)
            {
                SaveCheckpoints(Elapsed());
                return new TrainingResult(TrainingOutcome.Interrupted, Step, last, Rate());
            }
            _lastLosses = TrainStep();
            var loss = _lastLosses.Average();
            Step++;

            var evaluated = Step % o.EvaluateEvery == 0 || Step == o.Steps;
            if (evaluated) last = EvaluateAndLog(loss, Elapsed());
            progress?.Invoke(new TrainingProgress(Step, o.Steps, loss, evaluated ? last!.EvalLoss : null, evaluated ? last!.Accuracy : null, Rate()));

            // Decided from the histories alone: the first evaluation at which the rule holds (it may hold again later, under ContinueToCap).
            var learned = ruled && evaluated && LearnedStep() == Step ? StopReason() : null;
            if (Step % o.CheckpointEvery == 0 || Step == o.Steps || learned is not null) SaveCheckpoints(Elapsed());
            if (learned is { } reason)
            {
                SaveWeights(n => n.LearnedModel);
                if (!o.ContinueToCap)
                {
                    SaveWeights(n => n.FinalModel);
                    return new TrainingResult(reason, Step, last, Rate());
                }
            }
        }
        SaveWeights(n => n.FinalModel);
        return new TrainingResult(TrainingOutcome.Completed, Step, last, Rate());
    }

    // Evaluates at the current step and logs each network's record; returns the record of the means.
    private MetricsRecord EvaluateAndLog(double trainLoss, double elapsedSeconds)
    {
        var results = Evaluate();
        Log(results, k => _lastLosses[k], elapsedSeconds);
        return new MetricsRecord(Step, trainLoss, results.Average(r => r.loss), results.Average(r => r.accuracy), elapsedSeconds);
    }

    // The untrained weights (step 0), with no training loss, leaving the evaluation streams where they were
    // (NetworkRandomness.KeepEvaluationStreams).
    private MetricsRecord EvaluateUntrainedAndLog(double elapsedSeconds)
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

    private void Log((double loss, double accuracy)[] results, Func<int, double?> trainLoss, double elapsedSeconds)
    {
        for (var k = 0; k < _networks.Count; k++)
        {
            var record = new MetricsRecord(Step, trainLoss(k), results[k].loss, results[k].accuracy, elapsedSeconds);
            _histories[k] = _histories[k].With(record);
            _networks[k].AppendMetrics(record);
            _tensorBoard[k].Append(record);
        }
    }

    // The networks train as one computation, so they stop together: when every one of them may.
    private TrainingOutcome? StopReason()
    {
        var reasons = _histories.Select(h => StopRule.Reason(h.Evaluations, _options.Training, Step)).ToList();
        if (reasons.Any(r => r is null)) return null;
        return reasons.All(r => r == TrainingOutcome.TargetLossReached) ? TrainingOutcome.TargetLossReached : TrainingOutcome.TaskLearned;
    }

    private int? LearnedStep() => StopRule.FirstStop(_histories.Select(h => h.Evaluations).ToList(), _options.Training);

    // One optimizer update; returns each network's training loss.
    private double[] TrainStep()
    {
        using var scope = NewDisposeScope();
        var batches = _random.Select(r => _task.Sample(_options.Training.BatchSize, r.TrainBatches)).ToList();
        try
        {
            var inputs = stack(batches.Select(b => b.Inputs).ToList(), 1);                      // [T, K, B, in]
            var trajectory = _model.call(inputs, _random.Select(r => r.TrainNoise).ToList());
            var objectives = new List<Tensor>();
            for (var k = 0; k < batches.Count; k++)
            {
                var network = new RateRnnTrajectory(trajectory.Rates.select(1, k), trajectory.Outputs.select(1, k));
                objectives.Add(TaskLoss.Objective(_model, k, network, batches[k], _options.Training));
            }
            var values = objectives.Select(l => l.ToDouble()).ToArray();
            for (var k = 0; k < values.Length; k++)
                if (!double.IsFinite(values[k]))
                    throw new TrainingDivergedException(Step + 1, values[k], _lastCheckpoints[k]);
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

    // Each network's gradient clipped to maxNorm on its own, as it would be alone. One network takes libtorch's
    // clip_grad_norm_; several take the same rule on their slices (the coefficient computed in double, which
    // rounds differently from libtorch's float): each path is kept as it was, so that runs repeat bitwise.
    private void ClipPerNetwork(double maxNorm)
    {
        if (_networks.Count == 1)
        {
            nn.utils.clip_grad_norm_(_model.TrainableParameters, maxNorm);
            return;
        }
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

    /// <summary>Each network's masked MSE and task accuracy on a fresh batch from its evaluation generator (with the model's noise).</summary>
    public (double loss, double accuracy)[] Evaluate()
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var batches = _random.Select(r => _task.Sample(_options.Training.EvaluationBatchSize, r.EvalBatches)).ToList();
        try
        {
            var trajectory = _model.call(stack(batches.Select(b => b.Inputs).ToList(), 1), _random.Select(r => r.EvalNoise).ToList());
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
        for (var k = 0; k < _networks.Count; k++)
        {
            using var scope = NewDisposeScope();
            var path = Path.Combine(_networks[k].CheckpointFolder, TrainingCheckpoint.FileName(Step));
            TrainingCheckpoint.Save(path, Step, _model.StateOf(k), AdamState.Capture(_adam, k), _random[k], _histories[k] with { ElapsedSeconds = elapsedSeconds });
            _lastCheckpoints[k] = path;
        }
    }

    private void SaveWeights(Func<NetworkDirectory, string> pathOf)
    {
        for (var k = 0; k < _networks.Count; k++)
        {
            using var scope = NewDisposeScope();
            Directory.CreateDirectory(Path.GetDirectoryName(pathOf(_networks[k]))!);
            SafetensorsFile.Save(pathOf(_networks[k]), _model.StateOf(k), ModelMetadata(_options, Step));
        }
    }

    internal static Dictionary<string, string> ModelMetadata(ExperimentOptions options, int step) => new()
    {
        ["task"] = options.TaskKind,
        ["step"] = step.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["units"] = options.Model.Units.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>Releases the model, optimizer and generators, and the networks' locks.</summary>
    public void Dispose()
    {
        _adam?.Dispose();
        _model?.Dispose();
        foreach (var r in _random) r.Dispose();
        foreach (var held in _locks) held.Dispose();
    }
}
