using TorchSharp;
using RnnLab.Randomness;
using RnnLab.Experiments;
using RnnLab.Models;
using RnnLab.Tasks;
using static TorchSharp.torch;

namespace RnnLab.Analysis.WeightComparison;

/// <summary>
/// Runs one network of a run, untrained or trained, on the same trials with the same noise, so that
/// what differs between two simulations is the weights (or the activation swapped in), never the data.
/// Trials come from a generator seeded by the network's seed (or a seed shared by the networks compared);
/// the recurrent noise of every simulation is drawn afresh from one seed. States are float64 [T, B, N].
/// </summary>
public sealed class SnapshotSimulator : IDisposable
{
    private readonly ModelOptions _model;
    private readonly NetworkDirectory _network;
    private readonly ulong _seed;
    private readonly uint _replicate;
    private readonly Tensor _taskInputs;
    private readonly TrialBatch _taskTrials;

    // Sub-streams of the comparison purpose: task trials, network noise, and DCA's starts (NetworkComparison);
    // a replicate r draws its trials and noise from the sub-streams 3r and 3r + 1.
    internal const uint TrialsStream = 0, NoiseStream = 1, DcaStream = 2;

    /// <summary>
    /// Samples the task trials once. Replicate 0 is the comparison's own draw; another replicate draws fresh
    /// trials and noise for the same network, as a test-retest null does. The trials and noise come from the
    /// network's seed, or from seed when it is given: then every network of the task sees the same trials and
    /// (for networks of one size) the same noise, as a comparison across networks needs. With freshTrials false,
    /// another replicate keeps replicate 0's trials and redraws the noise only.
    /// </summary>
    public SnapshotSimulator(ExperimentOptions experiment, NetworkDirectory network, int trials, uint replicate = 0, ulong? seed = null, bool freshTrials = true)
    {
        _replicate = replicate;
        _model = experiment.Model;
        _network = network;
        Task = experiment.CreateTask();
        GraceSteps = Math.Clamp(experiment.Task.GraceSteps, 0, Math.Max(0, Task.Steps - 1));
        _seed = seed ?? unchecked((ulong)network.Seed);
        using var scope = NewDisposeScope();
        using var generator = new Generator(SeedStream.TorchSeed(_seed, SeedPurpose.Comparison, TrialsStream + 3 * (freshTrials ? _replicate : 0)));
        _taskTrials = Task.Sample(trials, generator);
        foreach (var t in new[] { _taskTrials.Inputs, _taskTrials.Targets, _taskTrials.Mask }) t.DetachFromDisposeScope();   // kept for Score
        _taskInputs = _taskTrials.Inputs.to(float64).detach().DetachFromDisposeScope();
    }

    /// <summary>The task.</summary>
    public ICognitiveTask Task { get; }

    /// <summary>The steps at the start of a trial whose output the loss ignores (the task's GraceSteps).</summary>
    public int GraceSteps { get; }

    /// <summary>The model options of the run.</summary>
    public ModelOptions Model => _model;

    /// <summary>Trials of the task.</summary>
    public long Trials => _taskInputs.size(1);

    /// <summary>The task trials (inputs, targets, mask) every snapshot runs and is scored on; owned by the simulator.</summary>
    public TrialBatch TaskTrials => _taskTrials;

    /// <summary>Loads a snapshot, optionally with other model options (another activation).</summary>
    public RateRnn Load(Snapshot snapshot, ModelOptions? model = null) => NetworkLoader.Load(model ?? _model, Task, _network, snapshot);

    /// <summary>Rates and outputs over the task trials.</summary>
    public RateRnnTrajectory OnTask(RateRnn network) => Run(network, _taskInputs);

    /// <summary>
    /// How well the network does the task on the task trials, with the model's noise: the masked mean
    /// squared error (the training loss without penalties) and the task's own accuracy.
    /// </summary>
    public (double Loss, double Accuracy) Score(RateRnn network)
    {
        using var scope = NewDisposeScope();
        var outputs = OnTask(network).Outputs.to(float32);
        return (RnnLab.Training.TaskLoss.MaskedMse(outputs, _taskTrials).ToDouble(), Task.Accuracy(_taskTrials, outputs));
    }

    /// <summary>Rates and outputs over trials of the task's length at a constant input (one value per input channel).</summary>
    public RateRnnTrajectory AtCondition(RateRnn network, double[] condition)
    {
        var inputs = tensor(condition).reshape(1, 1, -1).expand(Task.Steps, Trials, condition.Length).contiguous();
        return Run(network, inputs);
    }

    private RateRnnTrajectory Run(RateRnn network, Tensor inputs)
    {
        // The same noise for every snapshot and condition: each run starts the stream afresh.
        var noise = SeedStream.For(_seed, SeedPurpose.Comparison, NoiseStream + 3 * _replicate);
        using (no_grad())
        {
            var run = network.Forward(inputs, noise);
            return new RateRnnTrajectory(run.Rates.detach(), run.Outputs.detach());
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _taskInputs.Dispose();
        _taskTrials.Dispose();
    }
}
