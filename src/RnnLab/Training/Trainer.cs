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
/// Trains one network by BPTT with Adam on fresh batches of its task, evaluating, logging and
/// checkpointing as it goes. All randomness comes from three generators derived from the network's
/// seed: one initializes the weights, one draws training batches and noise, one draws evaluation
/// batches (the untrained network's evaluation at step 0 puts that one back where it was). Their states,
/// the weights, Adam's moments and the <see cref="TrainingHistory"/> the stop rule reads are in every
/// checkpoint, so a resumed run takes exactly the steps an uninterrupted one would and stops where it does.
/// </summary>
public sealed class Trainer : IDisposable, ITrainingSteps
{
    private readonly ExperimentOptions _options;
    private readonly NetworkDirectory _network;
    private readonly ICognitiveTask _task;
    private readonly RateRnn _model;
    private readonly Adam _adam;
    private readonly NetworkRandomness _random;
    private string? _lastCheckpoint;
    private readonly IO.WriterLock _lock;
    private TrainingHistory _history = TrainingHistory.Empty;

    private Trainer(ExperimentOptions options, NetworkDirectory network, int step, StartingWeights? start = null)
    {
        OptionsValidator.Ensure(options, "");   // the same rules as a config file's, for options built in code
        _lock = NetworkLock.Acquire(network.Path);   // one writer per network, until Dispose
        try
        {
            // Whoever decided to train the network looked before taking the lock; another writer may have finished it since.
            if (network.Finished) throw new NetworkFinishedException($"{network.Path}: already finished ({network.FinalModel}).");
            _options = options;
            _network = network;
            _task = options.CreateTask();
            _model = RateRnn.ForSeed(options.Model, _task.InputSize, _task.OutputSize, unchecked((ulong)network.Seed));
            start?.ApplyTo(_model);
            _adam = optim.Adam(_model.TrainableParameters, lr: options.Training.LearningRate);
            _random = NetworkRandomness.For(network.Seed);
            Step = step;
        }
        catch
        {
            _lock.Dispose();
            throw;
        }
    }

    /// <summary>Steps taken so far.</summary>
    public int Step { get; private set; }

    /// <summary>The network being trained.</summary>
    public RateRnn Model => _model;

    /// <summary>
    /// Starts a new network: initializes it from its seed, or takes the given starting weights
    /// (<c>train --init</c>), and saves the untrained weights to init/. A network started again (killed
    /// before its first checkpoint) begins a fresh metrics.jsonl and loses the learned/ of that attempt.
    /// </summary>
    public static Trainer Start(ExperimentOptions options, NetworkDirectory network, StartingWeights? start = null)
    {
        if (options.Model.Train.Length == 0)
            throw new ArgumentException("Model:Train lists no parameter; nothing would be trained.", nameof(options));
        Directory.CreateDirectory(network.Path);
        var trainer = new Trainer(options, network, 0, start);
        try
        {
            network.BeginAfresh();
            Directory.CreateDirectory(Path.GetDirectoryName(network.InitialModel)!);
            SafetensorsFile.Save(network.InitialModel, trainer._model.state_dict(), ModelMetadata(options, 0));
            return trainer;
        }
        catch
        {
            trainer.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Continues from the newest checkpoint that reads back intact and fits the run's config. Damaged or
    /// foreign checkpoints are reported through warn and skipped; when none is usable, the error names each
    /// one and why. metrics.jsonl is rebuilt from the checkpoint's history: rows past its step go (they
    /// will be logged again), and a row torn or lost by a crash comes back.
    /// </summary>
    public static Trainer Resume(ExperimentOptions options, NetworkDirectory network, Action<string> warn)
    {
        var problems = new List<string>();
        foreach (var path in network.Checkpoints())
        {
            Trainer? trainer = null;
            try
            {
                using var checkpoint = TrainingCheckpoint.Load(path);
                trainer = new Trainer(options, network, checkpoint.Step);
                SnapshotFit.Check(path, checkpoint.Model, trainer._model.state_dict());
                trainer._model.load_state_dict(new Dictionary<string, Tensor>(checkpoint.Model));
                try
                {
                    AdamState.Restore(trainer._adam, checkpoint.Optimizer);
                }
                catch (ArgumentException e)
                {
                    throw new SafetensorsException(path, $"does not fit this run's config: {e.Message}", e);
                }
                trainer._random.Restore(checkpoint.Randomness);
                trainer._history = checkpoint.HistoryOf(network);
                trainer._lastCheckpoint = path;
                network.Reconcile(trainer._history);
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
        }
        var why = problems.Count == 0 ? "it has no checkpoint" : "no checkpoint is intact:\n  " + string.Join("\n  ", problems);
        throw new InvalidOperationException($"cannot resume {network.Path}: {why}");
    }

    /// <summary>
    /// Trains until Training:Steps (or the target loss), or until stop is requested (cancellation, or
    /// stopAfterStep), in which case a checkpoint is written so the run can be resumed.
    /// </summary>
    public TrainingResult Run(Action<TrainingProgress>? progress = null, CancellationToken cancel = default, int? stopAfterStep = null) =>
        TrainingLoop.Run(this, _options.Training, progress, cancel, stopAfterStep);

    int ITrainingSteps.Step { get => Step; set => Step = value; }

    double ITrainingSteps.TrainStep() => TrainStep();

    double ITrainingSteps.ElapsedBefore => _history.ElapsedSeconds;

    MetricsRecord ITrainingSteps.EvaluateAndLog(double trainLoss, double elapsedSeconds)
    {
        var (evalLoss, accuracy) = Evaluate();
        return Log(new MetricsRecord(Step, trainLoss, evalLoss, accuracy, elapsedSeconds));
    }

    MetricsRecord ITrainingSteps.EvaluateUntrainedAndLog(double elapsedSeconds)
    {
        (double loss, double accuracy) result;
        using (_random.KeepEvaluationStreams()) result = Evaluate();
        return Log(new MetricsRecord(Step, null, result.loss, result.accuracy, elapsedSeconds));
    }

    bool ITrainingSteps.Evaluated => _history.Evaluations.Count > 0;

    private MetricsRecord Log(MetricsRecord record)
    {
        _history = _history.With(record);
        _network.AppendMetrics(record);
        return record;
    }

    TrainingOutcome? ITrainingSteps.StopReason() => StopRule.Reason(_history.Evaluations, _options.Training, Step);

    int? ITrainingSteps.LearnedStep => StopRule.FirstStop([_history.Evaluations], _options.Training);

    void ITrainingSteps.SaveLearned() => SaveWeights(_network.LearnedModel);

    void ITrainingSteps.SaveCheckpoint(double elapsedSeconds) => SaveCheckpoint(elapsedSeconds);

    void ITrainingSteps.SaveFinal() => SaveWeights(_network.FinalModel);

    private double TrainStep()
    {
        using var scope = NewDisposeScope();
        using var batch = _task.Sample(_options.Training.BatchSize, _random.TrainBatches);
        var trajectory = _model.Forward(batch.Inputs, _random.TrainNoise);
        var loss = TaskLoss.Objective(_model, trajectory, batch, _options.Training);
        var value = loss.ToDouble();
        if (!double.IsFinite(value)) throw new TrainingDivergedException(Step + 1, value, _lastCheckpoint);
        _adam.zero_grad();
        loss.backward();
        if (_options.Training.GradientClipNorm > 0)
            nn.utils.clip_grad_norm_(_model.TrainableParameters, _options.Training.GradientClipNorm);
        _adam.step();
        return value;
    }

    /// <summary>Masked MSE and task accuracy on a fresh evaluation batch (with the model's noise).</summary>
    public (double loss, double accuracy) Evaluate()
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        using var batch = _task.Sample(_options.Training.EvaluationBatchSize, _random.EvalBatches);
        var trajectory = _model.Forward(batch.Inputs, _random.EvalNoise);
        return (TaskLoss.MaskedMse(trajectory.Outputs, batch).ToDouble(), _task.Accuracy(batch, trajectory.Outputs));
    }

    private void SaveCheckpoint(double elapsedSeconds)
    {
        using var scope = NewDisposeScope();
        var path = Path.Combine(_network.CheckpointFolder, TrainingCheckpoint.FileName(Step));
        TrainingCheckpoint.Save(path, Step, _model.state_dict(), AdamState.Capture(_adam), _random, _history with { ElapsedSeconds = elapsedSeconds });
        _lastCheckpoint = path;
    }

    private void SaveWeights(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        SafetensorsFile.Save(path, _model.state_dict(), ModelMetadata(_options, Step));
    }

    internal static Dictionary<string, string> ModelMetadata(ExperimentOptions options, int step) => new()
    {
        ["task"] = options.TaskKind,
        ["step"] = step.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["units"] = options.Model.Units.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>Releases the model, optimizer and generators.</summary>
    public void Dispose()
    {
        _adam.Dispose();
        _model.Dispose();
        _random.Dispose();
        _lock.Dispose();
    }
}
