using RnnLab.Randomness;
using RnnLab.Kernels;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RnnLab.Models;

/// <summary>
/// K rate RNNs of one configuration as one batched computation: each parameter gets a leading network
/// dimension ([K, N, N] for W_rec), and the time loop runs all K networks in one fused call with
/// batched matrix products. Network k is initialized exactly as a <see cref="RateRnn"/> built from
/// seeds[k], and draws its noise from its own generator in the same order, so its outputs and
/// gradients are those it would have alone (to rounding). Per-network losses are summed for training,
/// which keeps the gradients separate; Adam is element-wise, so each network also trains as it would alone.
/// </summary>
public sealed class RateRnnEnsemble : nn.Module
{
    private readonly Tensor _mask;
    private readonly Tensor? _daleSign;

    /// <summary>Builds the K networks from their seeds (then from the starting weights, when given) and stacks them.</summary>
    public RateRnnEnsemble(ModelOptions options, int inputs, int outputs, IReadOnlyList<ulong> seeds, StartingWeights? start = null) : base(nameof(RateRnnEnsemble))
    {
        if (seeds.Count == 0) throw new ArgumentException("An ensemble needs at least one seed.", nameof(seeds));
        Options = options;
        InputSize = inputs;
        OutputSize = outputs;
        Count = seeds.Count;
        Activation = new ActivationFunction(options.Activation, options.LeakyReluAngle);
        var networks = seeds.Select(seed => RateRnn.ForSeed(options, inputs, outputs, seed)).ToList();
        if (start is not null) foreach (var network in networks) start.ApplyTo(network);
        try
        {
            using var scope = NewDisposeScope();
            foreach (var (name, first) in networks[0].named_parameters())
            {
                var stacked = stack(networks.Select(n => (Tensor)n.named_parameters().First(p => p.name == name).parameter).ToList());
                var parameter = new Parameter(stacked.detach(), first.requires_grad);   // a leaf of its own, not a view of the networks' graph
                parameter.DetachFromDisposeScope();   // the module owns it, not the scope
                register_parameter(name, parameter);
            }
            _mask = stack(networks.Select(n => n.state_dict()["mask"]).ToList()).DetachFromDisposeScope();
            register_buffer("mask", _mask);
            if (options.Dale)
            {
                _daleSign = stack(networks.Select(n => n.state_dict()["dale_sign"]).ToList()).DetachFromDisposeScope();
                register_buffer("dale_sign", _daleSign);
            }
        }
        finally
        {
            foreach (var n in networks) n.Dispose();
        }
    }

    // Looked up by name each time, so the module's own parameter is used even after Module.to() replaced it.
    private Parameter Stacked(string name) => get_parameter(name) ?? throw new InvalidOperationException($"the ensemble has no parameter '{name}'");

    /// <summary>The shared options.</summary>
    public ModelOptions Options { get; }
    /// <summary>Input channels.</summary>
    public int InputSize { get; }
    /// <summary>Output channels.</summary>
    public int OutputSize { get; }
    /// <summary>Number of networks K.</summary>
    public int Count { get; }
    /// <summary>The nonlinearity.</summary>
    public ActivationFunction Activation { get; }

    /// <summary>The parameters training updates.</summary>
    public IReadOnlyList<Parameter> TrainableParameters => parameters().Where(p => p.requires_grad).ToList();

    /// <summary>[K, N, N]: each network's recurrent weights as they act.</summary>
    public Tensor EffectiveRecurrentWeights()
    {
        var w = Stacked("W_rec");
        return _daleSign is null ? w * _mask : w.abs() * _mask * _daleSign.unsqueeze(1);
    }

    /// <summary>
    /// Runs all networks on inputs [T, K, B, in] (network k gets inputs[:, k]); noise[k] supplies
    /// network k's noise (null: noise-free). Returns rates [T, K, B, N] and outputs [T, K, B, out].
    /// </summary>
    public RateRnnTrajectory Forward(Tensor inputs, IReadOnlyList<NoiseStream>? noise)
    {
        if (noise is not null && noise.Count != Count) throw new ArgumentException($"{noise.Count} noise streams for {Count} networks.", nameof(noise));
        var steps = inputs.size(0);
        var batch = inputs.size(2);
        var n = Options.Units;
        var dtype = Stacked("W_rec").dtype;
        var device = Stacked("W_rec").device;

        // Per network, the same draws in the same order as RateRnn.Forward: initial state, input noise, recurrent noise.
        var r0Parts = new List<Tensor>();
        var inputNoise = new List<Tensor>();
        var recurrentNoise = new List<Tensor>();
        for (var k = 0; k < Count; k++)
        {
            var g = noise?[k];
            r0Parts.Add(Options.InitialState switch
            {
                InitialState.Zeros => zeros([batch, n], dtype, device),
                InitialState.Learned => Stacked("r0")[k].unsqueeze(0).expand(batch, n),
                _ => (g ?? throw new ArgumentNullException(nameof(noise), "a random initial state needs noise streams")).Normal([batch, n], dtype, device).abs() * Options.InitialStateStd,
            });
            if (g is not null && Options.InputNoiseStd > 0) inputNoise.Add(g.Normal([steps, batch, InputSize], dtype, device) * Options.InputNoiseStd);
            if (g is not null && Options.NoiseStd > 0) recurrentNoise.Add(g.Normal([steps, batch, n], dtype, device) * Options.NoiseScale);
        }
        var u = inputNoise.Count > 0 ? inputs + stack(inputNoise, 1) : inputs;
        var drive = u.matmul(Stacked("W_in").transpose(1, 2)) + Stacked("b").unsqueeze(1);   // [T, K, B, N]
        if (recurrentNoise.Count > 0) drive = drive + stack(recurrentNoise, 1);
        var r0 = stack(r0Parts);                                                                      // [K, B, N]
        var rates = RateRnnLoop.Run(EffectiveRecurrentWeights(), drive, r0, Options.Alpha, Activation.Kind, Activation.NegativeSlope);
        var outputs = rates.matmul(Stacked("W_out").transpose(1, 2));                              // [T, K, B, out]
        if (get_parameter("b_out") is { } bOut) outputs = outputs + bOut.unsqueeze(1);
        return new RateRnnTrajectory(rates, outputs);
    }


    /// <summary>Network k's state dict (slices of the stacked tensors, named as a RateRnn's).</summary>
    public Dictionary<string, Tensor> StateOf(int k) => state_dict().ToDictionary(kv => kv.Key, kv => kv.Value[k]);
}
