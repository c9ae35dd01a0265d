using RnnLab.Kernels;
using RnnLab.Models;
using static TorchSharp.torch;

namespace RnnLab.Analysis.Dynamics;

/// <summary>The noise-free field of a rate RNN (a model of one network): F(r) = (-r + f(W_rec r + W_in u + b)) / tau, time in ms.</summary>
public sealed class RateRnnVectorField(RateRnn model) : IVectorField
{
    /// <summary>The network.</summary>
    public RateRnn Model { get; } = model;

    /// <inheritdoc />
    public long StateSize => Model.Options.Units;

    /// <inheritdoc />
    public long InputSize => Model.InputSize;

    /// <inheritdoc />
    public Tensor Evaluate(Tensor r, Tensor u) => Model.VectorField(r, u);

    /// <summary>
    /// The gradient [K, N] and Hessian [K, N, N] of q = 1/2 |F|^2 at states r [K, N] under inputs u [K, in], in
    /// closed form: grad q = J^T F and H = J^T J + W^T diag(F f''(a) / tau) W, with a = W r + c (the second term
    /// is sum_k F_k times the Hessian of F_k, f''(a_k) w_k w_k^T / tau; it vanishes for piecewise-linear f).
    /// </summary>
    public (Tensor Gradient, Tensor Hessian) SpeedCurvature(Tensor r, Tensor u)
    {
        using var scope = NewDisposeScope();
        var kind = Model.Activation.Kind;
        var slope = Model.Activation.NegativeSlope;
        var tau = Model.Options.Tau;
        var w = Model.EffectiveRecurrentWeights()[0].detach().to(r.dtype);
        var a = r.matmul(w.t()) + Model.InputDrive(u.to(r.dtype)).detach();
        var f = (kind.Apply(a, slope) - r) / tau;
        var j = Jacobian(r, u);
        var gradient = j.transpose(1, 2).matmul(f.unsqueeze(2)).squeeze(2);
        var curvature = (f * kind.SecondDerivative(a, slope) / tau).unsqueeze(2) * w.unsqueeze(0);   // diag(F f'' / tau) W
        var hessian = j.transpose(1, 2).matmul(j) + w.t().unsqueeze(0).matmul(curvature);
        return (gradient.MoveToOuterDisposeScope(), hessian.MoveToOuterDisposeScope());
    }

    /// <summary>dF/dr [K, N, N] at states r [K, N] under inputs u [K, in], in closed form: (diag f'(W r + c) W - I) / tau.</summary>
    public Tensor Jacobian(Tensor r, Tensor u)
    {
        using var scope = NewDisposeScope();
        var w = Model.EffectiveRecurrentWeights()[0].detach().to(r.dtype);
        var slope = Model.Activation.Kind.Derivative(r.matmul(w.t()) + Model.InputDrive(u.to(r.dtype)).detach(), Model.Activation.NegativeSlope);
        var j = slope.unsqueeze(2) * w.unsqueeze(0) - eye(r.size(1), dtype: r.dtype).unsqueeze(0);
        return (j / Model.Options.Tau).MoveToOuterDisposeScope();
    }
}
