using RnnLab.Experiments;
using RnnLab.Kernels;
using RnnLab.Analysis.Dynamics;
using RnnLab.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RnnLab.Analysis.FixedPoints;

/// <summary>
/// One side of the fixed-point search: evaluates q(x) = 1/2 |F(x)|^2 at the current states (and what the
/// next step needs), then takes an Adam step on q's mean over the states the search started with. States
/// that finished leave (<see cref="Keep"/>); the others go on as if they had stayed. Two implementations,
/// the same arithmetic.
/// </summary>
internal interface ISpeedDescent : IDisposable
{
    /// <summary>q at the current states, summarized.</summary>
    SpeedSummary Evaluate();

    /// <summary>One Adam step at the given learning rate (after Evaluate at the same states).</summary>
    void Step(double lr);

    /// <summary>Keeps only these rows of the states (and their moments), in this order; after Evaluate, before Step.</summary>
    void Keep(Tensor rows);

    /// <summary>The current states [K, N], every step taken.</summary>
    Tensor States { get; }

    /// <summary>q [K] at the states of the last Evaluate.</summary>
    Tensor Q { get; }

    public static ISpeedDescent For(IVectorField field, Tensor x0, Tensor u, FixedPointKernel kernel) =>
        kernel == FixedPointKernel.Fused && field is RateRnnVectorField rnn ? new FusedSpeedDescent(rnn.Model, x0, u) : new AutogradSpeedDescent(field, x0, u);
}

/// <summary>
/// Autograd through the field, and Adam on the states as torch.optim.Adam takes it (the fused kernel is
/// tested against the managed optimizer itself): its moments are rows of tensors here, so that states can leave.
/// </summary>
internal sealed class AutogradSpeedDescent : ISpeedDescent
{
    private const double Beta1 = 0.9, Beta2 = 0.999, Eps = 1e-8;
    private readonly IVectorField _field;
    private readonly long _meanOver;
    private readonly Tensor _x, _u, _m, _v, _g, _q;
    private long _updates;

    public AutogradSpeedDescent(IVectorField field, Tensor x0, Tensor u)
    {
        _field = field;
        _meanOver = x0.size(0);
        _x = x0.detach().clone().DetachFromDisposeScope();
        _u = u.detach().clone().DetachFromDisposeScope();
        _m = zeros_like(_x).DetachFromDisposeScope();
        _v = zeros_like(_x).DetachFromDisposeScope();
        _g = zeros_like(_x).DetachFromDisposeScope();
        _q = full([_x.size(0)], double.NaN, _x.dtype).DetachFromDisposeScope();
    }

    public Tensor States => _x.alias();

    public Tensor Q => _q.alias();

    public SpeedSummary Evaluate()
    {
        using var scope = NewDisposeScope();
        var x = _x.detach().requires_grad_(true);
        Tensor q;
        using (enable_grad())
        {
            q = _field.Evaluate(x, _u).square().sum(1) * 0.5;
            _g.copy_(autograd.grad([q.sum() / _meanOver], [x])[0]!);
        }
        q = q.detach();
        var change = _updates == 0 ? double.PositiveInfinity : (q - _q).abs().max().ToDouble();
        _q.copy_(q);
        return new SpeedSummary(q.max().ToDouble(), change, q.mean().ToDouble());
    }

    public void Step(double lr)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var t = ++_updates;
        _m.mul_(Beta1).add_(_g, alpha: 1 - Beta1);
        _v.mul_(Beta2).addcmul_(_g, _g, 1 - Beta2);
        // torch.optim.Adam: x -= lr / (1 - b1^t) * m / (sqrt(v) / sqrt(1 - b2^t) + eps)
        _x.sub_(_m / (_v.sqrt() / Math.Sqrt(1 - Math.Pow(Beta2, t)) + Eps) * (lr / (1 - Math.Pow(Beta1, t))));
    }

    public void Keep(Tensor rows)
    {
        using var _ = no_grad();
        foreach (var t in new[] { _x, _u, _m, _v, _g, _q }) KeepRows(t, rows);
    }

    // Replaces t's contents by the given rows, in place (the handle stays; its storage shrinks).
    internal static void KeepRows(Tensor t, Tensor rows)
    {
        using var scope = NewDisposeScope();
        t.set_(t.index_select(0, rows).contiguous());
    }

    public void Dispose()
    {
        foreach (var t in new[] { _x, _u, _m, _v, _g, _q }) t.Dispose();
    }
}

/// <summary>The fused kernel, RateRnnDescent.Iterate, on preallocated state, moments and direction.</summary>
internal sealed class FusedSpeedDescent : ISpeedDescent
{
    private readonly Tensor _x, _w, _c, _m, _v, _d, _q;
    private readonly Activation _activation;
    private readonly double _slope, _tau;
    private readonly long _meanOver;
    private long _updates;
    private double _pendingLr;

    public FusedSpeedDescent(RateRnn model, Tensor x0, Tensor u)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        _x = x0.detach().clone().contiguous().DetachFromDisposeScope();
        _w = model.EffectiveRecurrentWeights()[0].detach().to(x0.dtype).contiguous().DetachFromDisposeScope();
        _c = model.InputDrive(u.to(model.EffectiveRecurrentWeights().dtype)).detach().to(x0.dtype).contiguous().DetachFromDisposeScope();
        _m = zeros_like(_x).DetachFromDisposeScope();
        _v = zeros_like(_x).DetachFromDisposeScope();
        _d = zeros_like(_x).DetachFromDisposeScope();
        _q = zeros([_x.size(0)], _x.dtype, _x.device).DetachFromDisposeScope();
        _activation = model.Activation.Kind;
        _slope = model.Activation.NegativeSlope;
        _tau = model.Options.Tau;
        _meanOver = _x.size(0);
    }

    public Tensor States
    {
        get
        {
            TakePendingStep();
            return _x.alias();
        }
    }

    public Tensor Q => _q.alias();

    public SpeedSummary Evaluate()
    {
        var summary = RateRnnDescent.Iterate(new RateFieldTerms(_w, _c, _tau, _activation, _slope), new DescentBuffers(_x, _m, _v, _d, _q),
            new AdamStep(_pendingLr, ++_updates), meanOver: _meanOver);
        _pendingLr = 0;
        return summary;
    }

    // The kernel takes a step at the start of its next call; Step only names its learning rate.
    public void Step(double lr) => _pendingLr = lr;

    public void Keep(Tensor rows)
    {
        TakePendingStep();
        using var _ = no_grad();
        foreach (var t in _c.dim() == 2 ? new[] { _x, _c, _m, _v, _d, _q } : [_x, _m, _v, _d, _q]) AutogradSpeedDescent.KeepRows(t, rows);
    }

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
