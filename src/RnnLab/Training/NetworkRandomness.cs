using RnnLab.Randomness;
using static TorchSharp.torch;

namespace RnnLab.Training;

/// <summary>
/// Every random stream a network's training draws from, all named through <see cref="SeedStream"/> by
/// the network's seed and a purpose: training batches (a torch generator for the tasks' trial
/// parameters), training noise (Philox), evaluation batches and evaluation noise. Each stream's state
/// goes into checkpoints, so a resumed run draws exactly what an uninterrupted one would.
/// </summary>
public sealed class NetworkRandomness : IDisposable
{
    private NetworkRandomness(Generator trainBatches, NoiseStream trainNoise, Generator evalBatches, NoiseStream evalNoise)
    {
        (TrainBatches, TrainNoise, EvalBatches, EvalNoise) = (trainBatches, trainNoise, evalBatches, evalNoise);
    }

    /// <summary>The streams of a network seed, at their starts.</summary>
    public static NetworkRandomness For(long seed)
    {
        var s = unchecked((ulong)seed);
        return new NetworkRandomness(
            new Generator(SeedStream.TorchSeed(s, SeedPurpose.TrainingBatches)), SeedStream.For(s, SeedPurpose.TrainingNoise),
            new Generator(SeedStream.TorchSeed(s, SeedPurpose.Evaluation)), SeedStream.For(s, SeedPurpose.Evaluation));
    }

    /// <summary>Trial parameters of training batches.</summary>
    public Generator TrainBatches { get; }

    /// <summary>The network's noise during training steps (initial state, input and recurrent noise).</summary>
    public NoiseStream TrainNoise { get; private set; }

    /// <summary>Trial parameters of evaluation batches.</summary>
    public Generator EvalBatches { get; }

    /// <summary>The network's noise during evaluation.</summary>
    public NoiseStream EvalNoise { get; private set; }

    /// <summary>
    /// Keeps the evaluation streams where they are: whatever is drawn from them until the returned handle is
    /// disposed is drawn again afterwards. The untrained network's evaluation at step 0 draws under it, so it
    /// sees the trials and noise of the first evaluation after training (a paired start for the curves), and
    /// every later evaluation, and so every decision of the stop rule, is what it would be without it.
    /// </summary>
    public IDisposable KeepEvaluationStreams() => new EvaluationRewind(this);

    private sealed class EvaluationRewind(NetworkRandomness owner) : IDisposable
    {
        private readonly Tensor _batches = owner.EvalBatches.get_state();
        private readonly NoiseStream _noise = owner.EvalNoise.Clone();

        public void Dispose()
        {
            owner.EvalBatches.set_state(_batches);
            owner.EvalNoise = _noise;
            _batches.Dispose();
        }
    }

    /// <summary>The states as named tensors: "rng.train" and "rng.eval" (uint8 generator states), "noise.train" and "noise.eval" (int64 [4]).</summary>
    public Dictionary<string, Tensor> Capture() => new()
    {
        ["rng.train"] = TrainBatches.get_state(),
        ["rng.eval"] = EvalBatches.get_state(),
        ["noise.train"] = TrainNoise.StateTensor(),
        ["noise.eval"] = EvalNoise.StateTensor(),
    };

    /// <summary>The names <see cref="Capture"/> writes.</summary>
    public static IReadOnlyList<string> Names { get; } = ["rng.train", "rng.eval", "noise.train", "noise.eval"];

    /// <summary>Continues from captured states.</summary>
    public void Restore(IReadOnlyDictionary<string, Tensor> states)
    {
        TrainBatches.set_state(states["rng.train"]);
        EvalBatches.set_state(states["rng.eval"]);
        TrainNoise = NoiseTensors.FromStateTensor(states["noise.train"]);
        EvalNoise = NoiseTensors.FromStateTensor(states["noise.eval"]);
    }

    /// <summary>Releases the torch generators.</summary>
    public void Dispose()
    {
        TrainBatches.Dispose();
        EvalBatches.Dispose();
    }
}
