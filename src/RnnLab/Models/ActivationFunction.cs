using RnnLab.Kernels;
using TorchSharp;
using static TorchSharp.torch;

namespace RnnLab.Models;

/// <summary>Applies an <see cref="Activation"/> to a tensor, with the leaky-relu angle resolved to a slope.</summary>
public sealed record ActivationFunction(Activation Kind, double LeakyReluAngle = 0)
{
    /// <summary>The slope below zero for leaky relu: tan(theta).</summary>
    public double NegativeSlope => Math.Tan(LeakyReluAngle);

    /// <summary>f(x).</summary>
    public Tensor Apply(Tensor x) => Kind.Apply(x, NegativeSlope);
}
