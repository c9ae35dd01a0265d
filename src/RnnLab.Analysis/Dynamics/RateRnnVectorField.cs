using RnnLab.Kernels;
using RnnLab.Models;
using static TorchSharp.torch;

namespace RnnLab.Analysis.Dynamics;

/// <summary>The noise-free field of a rate RNN: F(r) = (-r + f(W_rec r + W_in u + b)) / tau, time in ms.</summary>
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

    /// <summary>dF/dr [K, N, N] at states r [K, N] under inputs u [K, in], in closed form: (diag f'(W r + c) W - I) / tau.</summary>
    public Tensor Jacobian(Tensor r, Tensor u)
    {
        using var scope = NewDisposeScope();
        var w = Model.EffectiveRecurrentWeights().detach().to(r.dtype);
        var slope = Model.Activation.Kind.Derivative(r.matmul(w.t()) + Model.InputDrive(u.to(r.dtype)).detach(), Model.Activation.NegativeSlope);
        var j = slope.unsqueeze(2) * w.unsqueeze(0) - eye(r.size(1), dtype: r.dtype).unsqueeze(0);
        return (j / Model.Options.Tau).MoveToOuterDisposeScope();
    }
}
