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
}
