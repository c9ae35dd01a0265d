using RnnLab.Configuration;
using RnnLab.Randomness;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RnnLab.Models;

/// <summary>What a forward pass returns: rates [T, B, N] and outputs [T, B, out].</summary>
public sealed record RateRnnTrajectory(Tensor Rates, Tensor Outputs);

/// <summary>
/// The continuous-time rate RNN of seed 002, Euler-discretized with alpha = dt/tau:
/// <code>
/// r_t = (1 - alpha) r_{t-1} + alpha f(W_rec r_{t-1} + W_in u_t + b + sqrt(2 sigma^2 / alpha) n_t)
/// z_t = W_out r_t (+ b_out)
/// </code>
/// Noise sits inside f (the rate form of gyyang/multitask). W_rec acts through a fixed 0/1 mask
/// (connectivity, no self-connections), and under Dale's law through |W_rec| times each presynaptic
/// unit's sign, so constrained entries get exactly zero gradient and never move.
/// Parameters are named W_rec, W_in, b, W_out (b_out, r0 when present), the names checkpoints use.
/// </summary>
public sealed class RateRnn : nn.Module
{
    // Fields carry the registered names: TorchSharp's Module.to() finds and replaces them by name.
#pragma warning disable IDE1006
    private Parameter W_rec, W_in, b, W_out;
    private Parameter? b_out, r0;
    private Tensor mask;
    private Tensor? dale_sign;
#pragma warning restore IDE1006
    private readonly ITimeLoop _timeLoop;

    /// <summary>Initializes a network for a task with the given input and output sizes, drawing from init; timeLoop overrides Options.TimeLoop.</summary>
    public RateRnn(ModelOptions options, int inputs, int outputs, Generator init, ITimeLoop? timeLoop = null) : base(nameof(RateRnn))
    {
        OptionsValidator.Ensure(options, "Model");   // the same rules as a config file's, for options built in code
        Options = options;
        InputSize = inputs;
        OutputSize = outputs;
        Activation = new ActivationFunction(options.Activation, options.LeakyReluAngle);
        _timeLoop = timeLoop ?? (options.TimeLoop == TimeLoop.Fused ? new FusedTimeLoop() : new AutogradTimeLoop());
        var n = options.Units;
        bool Trains(string name) => options.Train.Contains(name);

        using (NewDisposeScope())
        {
            mask = ConnectivityMask.Build(options, init).DetachFromDisposeScope();
            var wRec = randn([n, n], generator: init) * (options.Gain / Math.Sqrt(n));
            if (options.Dale)
            {
                // Magnitudes |N(0, g^2/N)|; inhibitory columns scaled so that excitation and inhibition balance on average.
                var excitatory = (long)Math.Round(options.ExcitatoryFraction * n);
                var sign = ones(n);
                sign.narrow(0, excitatory, n - excitatory).fill_(-1);
                dale_sign = sign.DetachFromDisposeScope();
                var balance = where(sign > 0, ones(n), full([n], excitatory / (double)Math.Max(1, n - excitatory)));
                wRec = wRec.abs() * balance.unsqueeze(0);
            }
            W_rec = Kept(wRec * mask, Trains("W_rec"));
            W_in = Kept(randn([n, inputs], generator: init) * options.InputStd, Trains("W_in"));
            b = Kept(randn([n], generator: init) * options.BiasStd, Trains("b"));
            W_out = Kept(randn([outputs, n], generator: init) * (options.OutputGain / Math.Sqrt(n)), Trains("W_out"));
            if (options.OutputBias) b_out = Kept(zeros(outputs), Trains("b_out"));
            if (options.InitialState == InitialState.Learned)
                r0 = Kept(randn([n], generator: init).abs() * options.InitialStateStd, Trains("r0"));
        }
        register_parameter("W_rec", W_rec);
        register_parameter("W_in", W_in);
        register_parameter("b", b);
        register_parameter("W_out", W_out);
        if (b_out is not null) register_parameter("b_out", b_out);
        if (r0 is not null) register_parameter("r0", r0);
        register_buffer("mask", mask);
        if (dale_sign is not null) register_buffer("dale_sign", dale_sign);
    }

    // A parameter made inside a dispose scope would be disposed with it; the module owns its parameters.
    private static Parameter Kept(Tensor value, bool requiresGrad)
    {
        var parameter = new Parameter(value, requiresGrad);
        parameter.DetachFromDisposeScope();
        return parameter;
    }

    /// <summary>
    /// The network of a seed: its weights (and sparse mask) drawn from the seed's initialization stream
    /// (<see cref="SeedStream.TorchSeed"/>), so training, resuming, analysis and ensembles all rebuild the same network.
    /// </summary>
    public static RateRnn ForSeed(ModelOptions options, int inputs, int outputs, ulong seed, ITimeLoop? timeLoop = null)
    {
        using var init = new Generator(SeedStream.TorchSeed(seed, SeedPurpose.Initialization));
        return new RateRnn(options, inputs, outputs, init, timeLoop);
    }

    /// <summary>The options the network was built with.</summary>
    public ModelOptions Options { get; }

    /// <summary>Input channels.</summary>
    public int InputSize { get; }

    /// <summary>Output channels.</summary>
    public int OutputSize { get; }

    /// <summary>The nonlinearity.</summary>
    public ActivationFunction Activation { get; }

    /// <summary>The parameters training updates (those named in Model:Train).</summary>
    public IReadOnlyList<Parameter> TrainableParameters => parameters().Where(p => p.requires_grad).ToList();

    /// <summary>The recurrent weights as they act: masked, and sign-constrained under Dale's law. [N, N]</summary>
    public Tensor EffectiveRecurrentWeights() =>
        dale_sign is null ? W_rec * mask : W_rec.abs() * mask * dale_sign.unsqueeze(0);

    /// <summary>The initial state for a batch; a random one is drawn from the noise stream.</summary>
    public Tensor InitialStateFor(long batch, NoiseStream? noise)
    {
        var n = Options.Units;
        return Options.InitialState switch
        {
            InitialState.Zeros => zeros([batch, n], W_rec.dtype, W_rec.device),
            InitialState.Learned => r0!.unsqueeze(0).expand(batch, n),
            _ => (noise ?? throw new ArgumentNullException(nameof(noise), "a random initial state needs a noise stream"))
                .Normal([batch, n], W_rec.dtype, W_rec.device).abs() * Options.InitialStateStd,
        };
    }

    /// <summary>
    /// Runs the network over inputs [T, B, in]. With a noise stream, noise is drawn from it in a fixed order
    /// (random initial state, input noise, recurrent noise); without one the run is noise-free.
    /// </summary>
    public RateRnnTrajectory Forward(Tensor inputs, NoiseStream? noise, Tensor? initialState = null)
    {
        var steps = inputs.size(0);
        var batch = inputs.size(1);
        var r0 = initialState ?? InitialStateFor(batch, noise);
        var u = inputs;
        if (noise is not null && Options.InputNoiseStd > 0)
            u = u.add(noise.Normal(u.shape, u.dtype, u.device), Options.InputNoiseStd);
        // b + u W_in^T as one product over all steps, and the scaled noise added in the same pass that adds it.
        var drive = b.addmm(u.reshape(-1, InputSize), W_in.t()).reshape(steps, batch, Options.Units);   // [T, B, N]
        if (noise is not null && Options.NoiseStd > 0)
            drive = drive.add(noise.Normal([steps, batch, Options.Units], drive.dtype, drive.device), Options.NoiseScale);
        var rates = _timeLoop.Run(EffectiveRecurrentWeights(), drive, r0, Options.Alpha, Activation);
        var outputs = rates.matmul(W_out.t());                                      // [T, B, out]
        if (b_out is not null) outputs = outputs + b_out;
        return new RateRnnTrajectory(rates, outputs);
    }


    /// <summary>The constant part of the pre-activation, W_in u + b, for inputs u [..., in]: [..., N].</summary>
    public Tensor InputDrive(Tensor u) => u.matmul(W_in.t()) + b;

    /// <summary>One noise-free Euler step: r' = (1 - alpha) r + alpha f(W_rec r + W_in u + b). r [B, N], u [B, in].</summary>
    public Tensor Step(Tensor r, Tensor u) =>
        r * (1 - Options.Alpha) + Activation.Apply(r.matmul(EffectiveRecurrentWeights().t()) + InputDrive(u)) * Options.Alpha;

    /// <summary>The continuous-time vector field F(r) = (-r + f(W_rec r + W_in u + b)) / tau, noise off. r [B, N], u [B, in].</summary>
    public Tensor VectorField(Tensor r, Tensor u) =>
        (Activation.Apply(r.matmul(EffectiveRecurrentWeights().t()) + InputDrive(u)) - r) / Options.Tau;
}
