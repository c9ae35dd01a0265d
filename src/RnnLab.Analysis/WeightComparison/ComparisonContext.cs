using RnnLab.Experiments;
using RnnLab.Models;
using RnnLab.Randomness;
using RnnLab.Safetensors;
using TorchSharp;
using static TorchSharp.torch;

namespace RnnLab.Analysis.WeightComparison;

/// <summary>
/// What every measure of one network's comparison reads: the run, the network, the options, the
/// untrained and trained weights (as stored and as they act), the simulators of the task trials (and of
/// the retest's fresh trials), and the pieces several measures share: the weight change and each
/// method's subspace fit. Those are computed on first use and kept, so no DCA fit runs twice.
/// Owns the tensors and models it loads; dispose it when the measures are done.
/// </summary>
public sealed class ComparisonContext : IDisposable
{
    private readonly SafetensorsContent _init, _trained;
    private readonly DisposeScope _scope;
    private readonly Lazy<WeightChange> _change;
    private readonly Dictionary<SubspaceMethod, SubspaceAngles> _subspaces = [];

    /// <summary>Loads the network's init and trained snapshots; its fixed-point files are read first, so files of another run stop it before any work.</summary>
    public ComparisonContext(RunDirectory run, NetworkDirectory network, ComparisonOptions options)
    {
        Run = run;
        Network = network;
        Options = options;
        FixedPointCounts = NetworkComparison.FixedPointCounts(run, network, options.Trained);
        _scope = NewDisposeScope();
        var task = run.Options.CreateTask();
        _init = NetworkLoader.Read(run.Options, task, network, Snapshot.Init);
        try { _trained = NetworkLoader.Read(run.Options, task, network, options.Trained); }
        catch { _init.Dispose(); _scope.Dispose(); throw; }
        Mask = _init.Tensors["mask"];
        InitWeights = RateRnn.EffectiveRecurrentWeights(_init.Tensors);
        TrainedWeights = RateRnn.EffectiveRecurrentWeights(_trained.Tensors);
        _change = new Lazy<WeightChange>(() => WeightChange.Compare(InitWeights, TrainedWeights, Mask, Options.Weights));
        Simulator = new SnapshotSimulator(run.Options, network, options.Trials);
        Before = Simulator.Load(Snapshot.Init);
        After = Simulator.Load(options.Trained);
        Retest = new SnapshotSimulator(run.Options, network, options.Trials, replicate: 1);
        DcaSeed = SeedStream.TorchSeed(unchecked((ulong)network.Seed), SeedPurpose.Comparison, SnapshotSimulator.DcaStream);
    }

    /// <summary>The run.</summary>
    public RunDirectory Run { get; }

    /// <summary>The network compared.</summary>
    public NetworkDirectory Network { get; }

    /// <summary>The comparison's options.</summary>
    public ComparisonOptions Options { get; }

    /// <summary>The fixed-point counts `analyze` wrote (<see cref="NetworkComparison.FixedPointCounts"/>).</summary>
    public IReadOnlyList<ComparedStatistic> FixedPointCounts { get; }

    /// <summary>The connectivity mask.</summary>
    public Tensor Mask { get; }

    /// <summary>W_rec as it acts, untrained (<see cref="RateRnn.EffectiveRecurrentWeights(IReadOnlyDictionary{string, Tensor})"/>).</summary>
    public Tensor InitWeights { get; }

    /// <summary>W_rec as it acts, trained.</summary>
    public Tensor TrainedWeights { get; }

    /// <summary>The simulator of the task trials every snapshot runs.</summary>
    public SnapshotSimulator Simulator { get; }

    /// <summary>The simulator of fresh trials and noise for the same network (the test-retest null).</summary>
    public SnapshotSimulator Retest { get; }

    /// <summary>The untrained network.</summary>
    public RateRnn Before { get; }

    /// <summary>The trained network.</summary>
    public RateRnn After { get; }

    /// <summary>The seed of DCA's starts, from which the measures' other streams are set apart.</summary>
    public ulong DcaSeed { get; }

    /// <summary>The weight change from init to the trained snapshot, computed on first use.</summary>
    public WeightChange Change => _change.Value;

    /// <summary>One method's subspace comparison, computed on first use.</summary>
    public SubspaceAngles Subspace(SubspaceMethod method)
    {
        if (!_subspaces.TryGetValue(method, out var s))
            _subspaces[method] = s = SubspaceAngles.Compare(method, Simulator, Before, After, Options, DcaSeed, Retest);
        return s;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Before.Dispose();
        After.Dispose();
        Simulator.Dispose();
        Retest.Dispose();
        _init.Dispose();
        _trained.Dispose();
        _scope.Dispose();
    }
}
