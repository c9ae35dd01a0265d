using RnnLab.Configuration;
using RnnLab.Kernels;
using RnnLab.Randomness;
using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace RnnLab.Models;

/// <summary>What a forward pass returns: rates [T, K, B, N] and outputs [T, K, B, out] (one network's run: [T, B, N] and [T, B, out]).</summary>
public sealed record RateRnnTrajectory(Tensor Rates, Tensor Outputs);

/// <summary>
/// K continuous-time rate RNNs of one configuration (seed 002's network; K = 1 for one network),
/// Euler-discretized with alpha = dt/tau:
/// <code>
/// r_t = (1 - alpha) r_{t-1} + alpha f(W_rec r_{t-1} + W_in u_t + b + sqrt(2 sigma^2 / alpha) n_t)
/// z_t = W_out r_t (+ b_out)
/// </code>
/// Noise sits inside f (the rate form of gyyang/multitask). W_rec acts through a fixed 0/1 mask
/// (connectivity, no self-connections), and under Dale's law through |W_rec| times each presynaptic
/// unit's sign, so constrained entries get exactly zero gradient and never move.
/// <para>
/// Every parameter and buffer has a leading network dimension: W_rec [K, N, N], W_in [K, N, in], b [K, N],
/// W_out [K, out, N] (b_out [K, out], r0 [K, N] when present), mask [K, N, N] and dale_sign [K, N]. Network k
/// is drawn from its own generator exactly as it would be alone, and draws its noise from its own stream in
/// the same order, so its outputs and gradients are those it would have alone (to rounding). Per-network
/// losses are summed for training, which keeps the gradients separate; Adam is element-wise, so each network
/// also trains as it would alone. A weights file holds one network, named (W_rec, W_in, b, W_out, b_out, r0,
/// mask, dale_sign) and shaped as ever: <see cref="StateOf"/> and <see cref="LoadStateOf"/> go between the two.
/// </para>
/// <para>
/// Rounding: one network (K = 1) runs its own arithmetic (the drive as one addmm, each noise added in the pass
/// that scales it, the time loop of Model:TimeLoop); K &gt; 1 networks run batched products and the fused
/// kernel. The two agree to rounding, not bitwise, and each is kept as it is so that a run repeats exactly.
/// </para>
/// </summary>
public sealed class RateRnn : nn.Module<Tensor, IReadOnlyList<NoiseStream>?, RateRnnTrajectory>
{
    // Registered under the names checkpoints use; Module.to() replaces them through these fields.
    [ComponentName(Name = "W_rec")] private Parameter _wRec;
    [ComponentName(Name = "W_in")] private Parameter _wIn;
    [ComponentName(Name = "b")] private Parameter _b;
    [ComponentName(Name = "W_out")] private Parameter _wOut;
    [ComponentName(Name = "b_out")] private Parameter? _bOut;
    [ComponentName(Name = "r0")] private Parameter? _r0;
    [ComponentName(Name = "mask")] private Tensor _mask;
    [ComponentName(Name = "dale_sign")] private Tensor? _daleSign;
    private readonly ITimeLoop _timeLoop;

    /// <summary>Initializes one network for a task with the given input and output sizes, drawing from init; timeLoop overrides Options.TimeLoop.</summary>
    public RateRnn(ModelOptions options, int inputs, int outputs, Generator init, ITimeLoop? timeLoop = null)
        : this(options, inputs, outputs, [init], timeLoop)
    {
    }

    /// <summary>Initializes K = init.Count networks, network k drawn from init[k] as <see cref="RateRnn(ModelOptions, int, int, Generator, ITimeLoop?)"/> draws one.</summary>
    public RateRnn(ModelOptions options, int inputs, int outputs, IReadOnlyList<Generator> init, ITimeLoop? timeLoop = null) : base(nameof(RateRnn))
    {
        OptionsValidator.Ensure(options, "Model");   // the same rules as a config file's, for options built in code
        if (init.Count == 0) throw new ArgumentException("A model needs at least one network.", nameof(init));
        Options = options;
        InputSize = inputs;
        OutputSize = outputs;
        Count = init.Count;
        Activation = new ActivationFunction(options.Activation, options.LeakyReluAngle);
        _timeLoop = timeLoop ?? (options.TimeLoop == TimeLoop.Fused ? new FusedTimeLoop() : new AutogradTimeLoop());
        bool Trains(string name) => options.Train.Contains(name);

        using (NewDisposeScope())
        {
            var networks = init.Select(g => Draw(options, inputs, outputs, g)).ToList();
            Tensor Stacked(string name) => stack(networks.Select(n => n[name]).ToList());
            _wRec = Kept(Stacked("W_rec"), Trains("W_rec"));
            _wIn = Kept(Stacked("W_in"), Trains("W_in"));
            _b = Kept(Stacked("b"), Trains("b"));
            _wOut = Kept(Stacked("W_out"), Trains("W_out"));
            if (options.OutputBias) _bOut = Kept(Stacked("b_out"), Trains("b_out"));
            if (options.InitialState == InitialState.Learned) _r0 = Kept(Stacked("r0"), Trains("r0"));
            _mask = Stacked("mask").DetachFromDisposeScope();
            if (options.Dale) _daleSign = Stacked("dale_sign").DetachFromDisposeScope();
        }
        RegisterComponents();
    }

    // One network's initial tensors, drawn from its generator in a fixed order: mask, W_rec, W_in, b, W_out, r0.
    private static Dictionary<string, Tensor> Draw(ModelOptions options, int inputs, int outputs, Generator init)
    {
        var n = options.Units;
        var drawn = new Dictionary<string, Tensor>();
        var mask = ConnectivityMask.Build(options, init);
        var wRec = randn([n, n], generator: init) * (options.Gain / Math.Sqrt(n));
        if (options.Dale)
        {
            // Magnitudes |N(0, g^2/N)|; inhibitory columns scaled so that excitation and inhibition balance on average.
            var excitatory = (long)Math.Round(options.ExcitatoryFraction * n);
            var sign = ones(n);
            sign.narrow(0, excitatory, n - excitatory).fill_(-1);
            drawn["dale_sign"] = sign;
            var balance = where(sign > 0, ones(n), full([n], excitatory / (double)Math.Max(1, n - excitatory)));
            wRec = wRec.abs() * balance.unsqueeze(0);
        }
        drawn["mask"] = mask;
        drawn["W_rec"] = wRec * mask;
        drawn["W_in"] = randn([n, inputs], generator: init) * options.InputStd;
        drawn["b"] = randn([n], generator: init) * options.BiasStd;
        drawn["W_out"] = randn([outputs, n], generator: init) * (options.OutputGain / Math.Sqrt(n));
        if (options.OutputBias) drawn["b_out"] = zeros(outputs);
        if (options.InitialState == InitialState.Learned) drawn["r0"] = randn([n], generator: init).abs() * options.InitialStateStd;
        return drawn;
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
    /// (<see cref="SeedStream.TorchSeed"/>), so training, resuming and analysis all rebuild the same network.
    /// </summary>
    public static RateRnn ForSeed(ModelOptions options, int inputs, int outputs, ulong seed, ITimeLoop? timeLoop = null) =>
        ForSeeds(options, inputs, outputs, [seed], timeLoop);

    /// <summary>The networks of these seeds, network k that of seeds[k] (<see cref="ForSeed"/>).</summary>
    public static RateRnn ForSeeds(ModelOptions options, int inputs, int outputs, IReadOnlyList<ulong> seeds, ITimeLoop? timeLoop = null)
    {
        var generators = seeds.Select(seed => new Generator(SeedStream.TorchSeed(seed, SeedPurpose.Initialization))).ToList();
        try
        {
            return new RateRnn(options, inputs, outputs, generators, timeLoop);
        }
        finally
        {
            foreach (var g in generators) g.Dispose();
        }
    }

    /// <summary>The options the networks were built with.</summary>
    public ModelOptions Options { get; }

    /// <summary>Input channels.</summary>
    public int InputSize { get; }

    /// <summary>Output channels.</summary>
    public int OutputSize { get; }

    /// <summary>The number of networks K.</summary>
    public int Count { get; }

    /// <summary>The nonlinearity.</summary>
    public ActivationFunction Activation { get; }

    /// <summary>The parameters training updates (those named in Model:Train).</summary>
    public IReadOnlyList<Parameter> TrainableParameters => parameters().Where(p => p.requires_grad).ToList();

    /// <summary>Each network's recurrent weights as they act: masked, and sign-constrained under Dale's law. [K, N, N]</summary>
    public Tensor EffectiveRecurrentWeights() => EffectiveRecurrentWeights(_wRec, _mask, _daleSign);

    /// <summary>
    /// W_rec as it acts: W_rec times its mask, and under Dale's law |W_rec| times the mask and each presynaptic
    /// unit's sign. For one network's tensors (W_rec and mask [N, N], signs [N]) or K networks' ([K, N, N], [K, N]).
    /// </summary>
    public static Tensor EffectiveRecurrentWeights(Tensor wRec, Tensor mask, Tensor? daleSign) =>
        daleSign is null ? wRec * mask : wRec.abs() * mask * daleSign.unsqueeze(-2);

    /// <summary>The effective recurrent weights [N, N] of one network's saved tensors (a weights file, a checkpoint's model).</summary>
    public static Tensor EffectiveRecurrentWeights(IReadOnlyDictionary<string, Tensor> state) =>
        EffectiveRecurrentWeights(state["W_rec"], state["mask"], state.GetValueOrDefault("dale_sign"));

    /// <summary>Network k's tensors, named and shaped as a weights file holds one network's (W_rec [N, N], ...): views into this model's.</summary>
    public Dictionary<string, Tensor> StateOf(int k) => state_dict().ToDictionary(kv => kv.Key, kv => kv.Value[k]);

    /// <summary>
    /// Copies one network's tensors (<see cref="StateOf"/>'s names and shapes) into network k. strict: the names
    /// must be exactly the network's; otherwise the ones given are copied. A shape that differs throws naming it.
    /// </summary>
    public void LoadStateOf(int k, IReadOnlyDictionary<string, Tensor> state, bool strict = true)
    {
        using var scope = NewDisposeScope();
        var own = StateOf(k);
        if (strict && (own.Keys.Any(name => !state.ContainsKey(name)) || state.Keys.Any(name => !own.ContainsKey(name))))
            throw new ArgumentException($"the tensors [{string.Join(", ", state.Keys)}] are not a network's [{string.Join(", ", own.Keys)}]", nameof(state));
        using var _ = no_grad();
        foreach (var (name, value) in state)
        {
            if (!own.TryGetValue(name, out var target)) continue;
            if (!value.shape.SequenceEqual(target.shape))
                throw new ArgumentException($"'{name}' has shape [{string.Join(", ", value.shape)}]; the network's is [{string.Join(", ", target.shape)}]", nameof(state));
            target.copy_(value);
        }
    }

    // Network k's initial state for a batch; a random one is drawn from its noise stream.
    private Tensor InitialStateOf(int k, long batch, NoiseStream? noise)
    {
        var n = Options.Units;
        return Options.InitialState switch
        {
            InitialState.Zeros => zeros([batch, n], _wRec.dtype, _wRec.device),
            InitialState.Learned => _r0![k].unsqueeze(0).expand(batch, n),
            _ => (noise ?? throw new ArgumentNullException(nameof(noise), "a random initial state needs a noise stream"))
                .Normal([batch, n], _wRec.dtype, _wRec.device).abs() * Options.InitialStateStd,
        };
    }

    /// <summary>
    /// Runs the K networks on inputs [T, K, B, in] (network k gets inputs[:, k]); noise[k] supplies network k's
    /// noise (null: noise-free), drawn in a fixed order (random initial state, input noise, recurrent noise).
    /// Returns rates [T, K, B, N] and outputs [T, K, B, out].
    /// </summary>
    public override RateRnnTrajectory forward(Tensor inputs, IReadOnlyList<NoiseStream>? noise)
    {
        if (noise is not null && noise.Count != Count) throw new ArgumentException($"{noise.Count} noise streams for {Count} networks.", nameof(noise));
        if (Count == 1)
        {
            var one = Forward(inputs.select(1, 0), noise?[0]);
            return new RateRnnTrajectory(one.Rates.unsqueeze(1), one.Outputs.unsqueeze(1));
        }
        var steps = inputs.size(0);
        var batch = inputs.size(2);
        var n = Options.Units;
        var (dtype, device) = (_wRec.dtype, _wRec.device);

        // Per network, the draws of one network's run, in its order.
        var r0Parts = new List<Tensor>();
        var inputNoise = new List<Tensor>();
        var recurrentNoise = new List<Tensor>();
        for (var k = 0; k < Count; k++)
        {
            var g = noise?[k];
            r0Parts.Add(InitialStateOf(k, batch, g));
            if (g is not null && Options.InputNoiseStd > 0) inputNoise.Add(g.Normal([steps, batch, InputSize], dtype, device) * Options.InputNoiseStd);
            if (g is not null && Options.NoiseStd > 0) recurrentNoise.Add(g.Normal([steps, batch, n], dtype, device) * Options.NoiseScale);
        }
        var u = inputNoise.Count > 0 ? inputs + stack(inputNoise, 1) : inputs;
        var drive = u.matmul(_wIn.transpose(1, 2)) + _b.unsqueeze(1);                 // [T, K, B, N]
        if (recurrentNoise.Count > 0) drive = drive + stack(recurrentNoise, 1);
        var r0 = stack(r0Parts);                                                      // [K, B, N]
        var rates = RateRnnLoop.Run(EffectiveRecurrentWeights(), drive, r0, Options.Alpha, Activation.Kind, Activation.NegativeSlope);
        var outputs = rates.matmul(_wOut.transpose(1, 2));                           // [T, K, B, out]
        if (_bOut is not null) outputs = outputs + _bOut.unsqueeze(1);
        return new RateRnnTrajectory(rates, outputs);
    }

    // ---- One network (K = 1): the runs, drives and fields analysis reads. --------------------------------

    private void RequireOne()
    {
        if (Count != 1) throw new InvalidOperationException($"this model holds {Count} networks; a single network's run needs one (K = 1).");
    }

    /// <summary>
    /// Runs one network (K = 1) over inputs [T, B, in]: rates [T, B, N] and outputs [T, B, out]. With a noise
    /// stream, noise is drawn from it in a fixed order (random initial state, input noise, recurrent noise);
    /// without one the run is noise-free.
    /// </summary>
    public RateRnnTrajectory Forward(Tensor inputs, NoiseStream? noise, Tensor? initialState = null)
    {
        RequireOne();
        var steps = inputs.size(0);
        var batch = inputs.size(1);
        var r0 = initialState ?? InitialStateOf(0, batch, noise);
        var u = inputs;
        if (noise is not null && Options.InputNoiseStd > 0)
            u = u.add(noise.Normal(u.shape, u.dtype, u.device), Options.InputNoiseStd);
        // b + u W_in^T as one product over all steps, and the scaled noise added in the same pass that adds it.
        var drive = _b[0].addmm(u.reshape(-1, InputSize), _wIn[0].t()).reshape(steps, batch, Options.Units);   // [T, B, N]
        if (noise is not null && Options.NoiseStd > 0)
            drive = drive.add(noise.Normal([steps, batch, Options.Units], drive.dtype, drive.device), Options.NoiseScale);
        var rates = _timeLoop.Run(EffectiveRecurrentWeights()[0], drive, r0, Options.Alpha, Activation);
        var outputs = rates.matmul(_wOut[0].t());                                    // [T, B, out]
        if (_bOut is not null) outputs = outputs + _bOut[0];
        return new RateRnnTrajectory(rates, outputs);
    }

    /// <summary>One network's (K = 1) constant part of the pre-activation, W_in u + b, for inputs u [..., in]: [..., N].</summary>
    public Tensor InputDrive(Tensor u)
    {
        RequireOne();
        return u.matmul(_wIn[0].t()) + _b[0];
    }

    /// <summary>One noise-free Euler step of one network (K = 1): r' = (1 - alpha) r + alpha f(W_rec r + W_in u + b). r [B, N], u [B, in].</summary>
    public Tensor Step(Tensor r, Tensor u) =>
        r * (1 - Options.Alpha) + Activation.Apply(r.matmul(EffectiveRecurrentWeights()[0].t()) + InputDrive(u)) * Options.Alpha;

    /// <summary>One network's (K = 1) continuous-time vector field F(r) = (-r + f(W_rec r + W_in u + b)) / tau, noise off. r [B, N], u [B, in].</summary>
    public Tensor VectorField(Tensor r, Tensor u) =>
        (Activation.Apply(r.matmul(EffectiveRecurrentWeights()[0].t()) + InputDrive(u)) - r) / Options.Tau;
}
