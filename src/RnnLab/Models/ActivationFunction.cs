using TorchSharp;
using static TorchSharp.torch;

namespace RnnLab.Models;

/// <summary>Applies an <see cref="Activation"/> to a tensor, with the leaky-relu angle resolved to a slope.</summary>
public sealed record ActivationFunction(Activation Kind, double LeakyReluAngle = 0)
{
    /// <summary>The slope below zero for leaky relu: tan(theta).</summary>
    public double NegativeSlope => Math.Tan(LeakyReluAngle);

    /// <summary>f(x).</summary>
    public Tensor Apply(Tensor x) => Kind switch
    {
        Activation.Relu => x.relu(),
        Activation.Tanh => x.tanh(),
        Activation.LeakyRelu => x.leaky_relu(NegativeSlope),
        Activation.Softplus => x.softplus(),
        Activation.Linear => x.alias(),
        _ => throw new ArgumentOutOfRangeException(nameof(Kind), Kind, "unknown activation"),
    };
}
