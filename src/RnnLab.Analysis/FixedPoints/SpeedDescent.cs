using RnnLab.Analysis.Dynamics;
using RnnLab.Models;
using RnnLab.Torch;
using static RnnLab.Torch.torch;

namespace RnnLab.Analysis.FixedPoints;

/// <summary>How the fixed-point search computes q and moves the states: fused (native) or through autograd.</summary>
public enum FixedPointKernel
{
    /// <summary>For rate RNNs: q and its gradient in two matrix products and two passes, Adam in one pass (others fall back to autograd).</summary>
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
    /// <summary>q [K] at the current states.</summary>
    Tensor Speed();

    /// <summary>One Adam step on mean q at the given learning rate (after Speed at the same states).</summary>
    void Step(double lr);

    /// <summary>The current states [K, N].</summary>
    Tensor States { get; }

    public static ISpeedDescent For(IVectorField field, Tensor x0, Tensor u, FixedPointKernel kernel) =>
        kernel == FixedPointKernel.Fused && field is RateRnnVectorField rnn ? new FusedSpeedDescent(rnn.Model, x0, u) : new AutogradSpeedDescent(field, x0, u);
}

/// <summary>Autograd through the field and the managed Adam optimizer.</summary>
internal sealed class AutogradSpeedDescent : ISpeedDescent
{
    private readonly IVectorField _field;
    private readonly Tensor _u;
    private readonly nn.Parameter _x;
    private readonly RnnLab.Torch.Modules.Adam _adam;

    public AutogradSpeedDescent(IVectorField field, Tensor x0, Tensor u)
    {
        (_field, _u) = (field, u);
        _x = new nn.Parameter(x0);
        _adam = optim.Adam([_x]);
    }

    public Tensor States => _x.detach();

    public Tensor Speed()
    {
        _adam.zero_grad();
        var q = _field.Evaluate(_x, _u).square().sum(1) * 0.5;
        q.mean().backward();
        return q.detach();
    }

    public void Step(double lr)
    {
        _adam.lr = lr;
        _adam.step();
    }

    public void Dispose()
    {
        _adam.Dispose();
        _x.Dispose();
    }
}

/// <summary>RnnLab's native kernels: FusedKernels.RateRnnSpeed and FusedKernels.AdamUpdate on preallocated buffers.</summary>
internal sealed class FusedSpeedDescent : ISpeedDescent
{
    private readonly Tensor _x, _w, _c, _grad, _m, _v;
    private readonly FusedActivation _activation;
    private readonly double _slope, _tau;
    private long _steps;

    public FusedSpeedDescent(RateRnn model, Tensor x0, Tensor u)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        _x = x0.detach().clone().contiguous().DetachFromDisposeScope();
        _w = model.EffectiveRecurrentWeights().detach().to(x0.dtype).contiguous().DetachFromDisposeScope();
        _c = model.InputDrive(u.to(x0.dtype)).detach().contiguous().DetachFromDisposeScope();
        _grad = zeros_like(_x).DetachFromDisposeScope();
        _m = zeros_like(_x).DetachFromDisposeScope();
        _v = zeros_like(_x).DetachFromDisposeScope();
        _activation = FusedTimeLoop.Code(model.Activation.Kind);
        _slope = model.Activation.NegativeSlope;
        _tau = model.Options.Tau;
    }

    public Tensor States => _x.alias();

    public Tensor Speed() => FusedKernels.RateRnnSpeed(_x, _w, _c, _tau, _activation, _slope, _grad);

    public void Step(double lr) => FusedKernels.AdamUpdate(_x, _grad, _m, _v, ++_steps, lr);

    public void Dispose()
    {
        foreach (var t in new[] { _x, _w, _c, _grad, _m, _v }) t.Dispose();
    }
}
