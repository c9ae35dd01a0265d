using RnnLab.Torch;
using static RnnLab.Torch.torch;

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
    private readonly nn.Parameter _wRec, _wIn, _b, _wOut;
    private readonly nn.Parameter? _bOut, _r0;
    private readonly Tensor _mask;
    private readonly Tensor? _daleSign;
    private readonly ITimeLoop _timeLoop;

    /// <summary>Initializes a network for a task with the given input and output sizes, drawing from init; timeLoop overrides Options.TimeLoop.</summary>
    public RateRnn(ModelOptions options, int inputs, int outputs, Generator init, ITimeLoop? timeLoop = null) : base(nameof(RateRnn))
    {
        Options = options;
        InputSize = inputs;
        OutputSize = outputs;
        Activation = new ActivationFunction(options.Activation, options.LeakyReluAngle);
        _timeLoop = timeLoop ?? (options.TimeLoop == TimeLoop.Fused ? new FusedTimeLoop() : new AutogradTimeLoop());
        var n = options.Units;
        bool Trains(string name) => options.Train.Contains(name);

        using (NewDisposeScope())
        {
            _mask = ConnectivityMask.Build(options, init).DetachFromDisposeScope();
            var wRec = randn([n, n], init) * (options.Gain / Math.Sqrt(n));
            if (options.Dale)
            {
                // Magnitudes |N(0, g^2/N)|; inhibitory columns scaled so that excitation and inhibition balance on average.
                var excitatory = (long)Math.Round(options.ExcitatoryFraction * n);
                var sign = ones(n);
                sign.narrow(0, excitatory, n - excitatory).fill_(-1);
                _daleSign = sign.DetachFromDisposeScope();
                var balance = where(sign > 0, ones(n), full([n], excitatory / (double)Math.Max(1, n - excitatory)));
                wRec = wRec.abs() * balance.unsqueeze(0);
            }
            _wRec = new nn.Parameter(wRec * _mask, Trains("W_rec"));
            _wIn = new nn.Parameter(randn([n, inputs], init) * options.InputStd, Trains("W_in"));
            _b = new nn.Parameter(randn([n], init) * options.BiasStd, Trains("b"));
            _wOut = new nn.Parameter(randn([outputs, n], init) * (options.OutputGain / Math.Sqrt(n)), Trains("W_out"));
            if (options.OutputBias) _bOut = new nn.Parameter(zeros(outputs), Trains("b_out"));
            if (options.InitialState == InitialState.Learned)
                _r0 = new nn.Parameter(randn([n], init).abs() * options.InitialStateStd, Trains("r0"));
        }
        register_parameter("W_rec", _wRec);
        register_parameter("W_in", _wIn);
        register_parameter("b", _b);
        register_parameter("W_out", _wOut);
        if (_bOut is not null) register_parameter("b_out", _bOut);
        if (_r0 is not null) register_parameter("r0", _r0);
        register_buffer("mask", _mask);
        if (_daleSign is not null) register_buffer("dale_sign", _daleSign);
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
    public IReadOnlyList<nn.Parameter> TrainableParameters => parameters().Where(p => p.requires_grad).ToList();

    /// <summary>The recurrent weights as they act: masked, and sign-constrained under Dale's law. [N, N]</summary>
    public Tensor EffectiveRecurrentWeights() =>
        _daleSign is null ? _wRec * _mask : _wRec.abs() * _mask * _daleSign.unsqueeze(0);

    /// <summary>The initial state for a batch; a random one is drawn from the generator.</summary>
    public Tensor InitialStateFor(long batch, Generator? generator)
    {
        var n = Options.Units;
        return Options.InitialState switch
        {
            InitialState.Zeros => zeros([batch, n], _wRec.dtype, _wRec.device),
            InitialState.Learned => _r0!.unsqueeze(0).expand(batch, n),
            _ => randn([batch, n], generator ?? throw new ArgumentNullException(nameof(generator), "a random initial state needs a generator"),
                _wRec.dtype, _wRec.device).abs() * Options.InitialStateStd,
        };
    }

    /// <summary>
    /// Runs the network over inputs [T, B, in]. With a generator, noise is drawn from it in a fixed order
    /// (random initial state, input noise, recurrent noise); without one the run is noise-free.
    /// </summary>
    public RateRnnTrajectory Forward(Tensor inputs, Generator? noise, Tensor? initialState = null)
    {
        var steps = inputs.size(0);
        var batch = inputs.size(1);
        var r0 = initialState ?? InitialStateFor(batch, noise);
        var u = inputs;
        if (noise is not null && Options.InputNoiseStd > 0)
            u = u + randn(u.shape, noise, u.dtype, u.device) * Options.InputNoiseStd;
        // b + u W_in^T as one product over all steps, and the scaled noise added in the same pass that adds it.
        var drive = _b.addmm(u.reshape(-1, InputSize), _wIn.t()).reshape(steps, batch, Options.Units);   // [T, B, N]
        if (noise is not null && Options.NoiseStd > 0)
            drive = drive.add(randn([steps, batch, Options.Units], noise, drive.dtype, drive.device), Options.NoiseScale);
        var rates = _timeLoop.Run(EffectiveRecurrentWeights(), drive, r0, Options.Alpha, Activation);
        var outputs = rates.matmul(_wOut.t());                                      // [T, B, out]
        if (_bOut is not null) outputs = outputs + _bOut;
        return new RateRnnTrajectory(rates, outputs);
    }


    /// <summary>The constant part of the pre-activation, W_in u + b, for inputs u [..., in]: [..., N].</summary>
    public Tensor InputDrive(Tensor u) => u.matmul(_wIn.t()) + _b;

    /// <summary>One noise-free Euler step: r' = (1 - alpha) r + alpha f(W_rec r + W_in u + b). r [B, N], u [B, in].</summary>
    public Tensor Step(Tensor r, Tensor u) =>
        r * (1 - Options.Alpha) + Activation.Apply(r.matmul(EffectiveRecurrentWeights().t()) + InputDrive(u)) * Options.Alpha;

    /// <summary>The continuous-time vector field F(r) = (-r + f(W_rec r + W_in u + b)) / tau, noise off. r [B, N], u [B, in].</summary>
    public Tensor VectorField(Tensor r, Tensor u) =>
        (Activation.Apply(r.matmul(EffectiveRecurrentWeights().t()) + InputDrive(u)) - r) / Options.Tau;
}
