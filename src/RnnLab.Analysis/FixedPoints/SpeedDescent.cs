using RnnLab.Kernels;
using RnnLab.Analysis.Dynamics;
using RnnLab.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RnnLab.Analysis.FixedPoints;

/// <summary>How the fixed-point search computes q and moves the states: fused (native) or through autograd.</summary>
public enum FixedPointKernel
{
    /// <summary>For rate RNNs: each iteration (q, its gradient, Adam) in one native call over cache-sized tiles of states (other fields fall back to autograd).</summary>
    Fused,
    /// <summary>Autograd through any vector field, the managed Adam optimizer (the reference).</summary>
    Autograd,
}

/// <summary>
/// One side of the fixed-point search: evaluates q(x) = 1/2 |F(x)|^2 at the current states (and what the
/// next step needs), then takes an Adam step on mean q. Two implementations, the same arithmetic.
/// </summary>
internal interface ISpeedDescent : IDisposable
{
    /// <summary>q at the current states, summarized.</summary>
    SpeedSummary Evaluate();

    /// <summary>One Adam step on mean q at the given learning rate (after Evaluate at the same states).</summary>
    void Step(double lr);

    /// <summary>The current states [K, N], every step taken.</summary>
    Tensor States { get; }

    public static ISpeedDescent For(IVectorField field, Tensor x0, Tensor u, FixedPointKernel kernel) =>
        kernel == FixedPointKernel.Fused && field is RateRnnVectorField rnn ? new FusedSpeedDescent(rnn.Model, x0, u) : new AutogradSpeedDescent(field, x0, u);
}

/// <summary>Autograd through the field and the managed Adam optimizer.</summary>
internal sealed class AutogradSpeedDescent : ISpeedDescent
{
    private readonly IVectorField _field;
    private readonly Tensor _u;
    private readonly Parameter _x;
    private readonly TorchSharp.Modules.Adam _adam;
    private Tensor? _previousQ;

    public AutogradSpeedDescent(IVectorField field, Tensor x0, Tensor u)
    {
        (_field, _u) = (field, u);
        _x = new Parameter(x0.detach().clone());   // a Parameter takes over the handle it is given
        _adam = optim.Adam([_x]);
    }

    public Tensor States => _x.detach();

    public SpeedSummary Evaluate()
    {
        using var scope = NewDisposeScope();
        _adam.zero_grad();
        var q = _field.Evaluate(_x, _u).square().sum(1) * 0.5;
        q.mean().backward();
        q = q.detach();
        var change = _previousQ is null ? double.PositiveInfinity : (q - _previousQ).abs().max().ToDouble();
        var summary = new SpeedSummary(q.max().ToDouble(), change, q.mean().ToDouble());
        _previousQ?.Dispose();
        _previousQ = q.DetachFromDisposeScope();
        return summary;
    }

    public void Step(double lr)
    {
        foreach (var group in _adam.ParamGroups) group.LearningRate = lr;
        _adam.step();
    }

    public void Dispose()
    {
        _previousQ?.Dispose();
        _adam.Dispose();
        _x.Dispose();
    }
}

/// <summary>The fused kernel, RateRnnDescent.Iterate, on preallocated state, moments and direction.</summary>
internal sealed class FusedSpeedDescent : ISpeedDescent
{
    private readonly Tensor _x, _w, _c, _m, _v, _d, _q;
    private readonly Activation _activation;
    private readonly double _slope, _tau;
    private long _updates;
    private double _pendingLr;

    public FusedSpeedDescent(RateRnn model, Tensor x0, Tensor u)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        _x = x0.detach().clone().contiguous().DetachFromDisposeScope();
        _w = model.EffectiveRecurrentWeights().detach().to(x0.dtype).contiguous().DetachFromDisposeScope();
        _c = model.InputDrive(u.to(model.EffectiveRecurrentWeights().dtype)).detach().to(x0.dtype).contiguous().DetachFromDisposeScope();
        _m = zeros_like(_x).DetachFromDisposeScope();
        _v = zeros_like(_x).DetachFromDisposeScope();
        _d = zeros_like(_x).DetachFromDisposeScope();
        _q = zeros([_x.size(0)], _x.dtype, _x.device).DetachFromDisposeScope();
        _activation = model.Activation.Kind;
        _slope = model.Activation.NegativeSlope;
        _tau = model.Options.Tau;
    }

    public Tensor States
    {
        get
        {
            TakePendingStep();
            return _x.alias();
        }
    }

    public SpeedSummary Evaluate()
    {
        var summary = RateRnnDescent.Iterate(_x, _w, _c, _m, _v, _d, _q, _tau, _activation, _slope, _pendingLr, ++_updates);
        _pendingLr = 0;
        return summary;
    }

    // The kernel takes a step at the start of its next call; Step only names its learning rate.
    public void Step(double lr) => _pendingLr = lr;

    private void TakePendingStep()
    {
        if (_pendingLr == 0) return;
        using (no_grad()) _x.sub_(_d * _pendingLr);
        _pendingLr = 0;
    }

    public void Dispose()
    {
        foreach (var t in new[] { _x, _w, _c, _m, _v, _d, _q }) t.Dispose();
    }
}
