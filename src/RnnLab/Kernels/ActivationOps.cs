using RnnLab.Models;
using static TorchSharp.torch;

namespace RnnLab.Kernels;

/// <summary>f, f' and f'' of an <see cref="Activation"/> as tensor ops, for any device and dtype: the one definition the model and the fused kernels share.</summary>
public static class ActivationOps
{
    /// <summary>Above this softplus is the identity, as in torch.nn.functional.softplus(x, beta: 1, threshold: 20).</summary>
    public const double SoftplusThreshold = 20;

    /// <summary>f(x).</summary>
    public static Tensor Apply(this Activation activation, Tensor x, double slope) => activation switch
    {
        Activation.Relu => x.relu(),
        Activation.Tanh => x.tanh(),
        Activation.LeakyRelu => x.leaky_relu(slope),
        Activation.Softplus => x.softplus(1, SoftplusThreshold),
        Activation.Linear => x.alias(),
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "unknown activation"),
    };

    /// <summary>f'(x), matching the derivatives libtorch's own backward formulas use.</summary>
    public static Tensor Derivative(this Activation activation, Tensor x, double slope) => activation switch
    {
        Activation.Relu => (x > 0).to(x.dtype),
        Activation.Tanh => 1 - x.tanh().square(),
        Activation.LeakyRelu => where(x > 0, ones_like(x), full_like(x, slope)),
        Activation.Softplus => where(x > SoftplusThreshold, ones_like(x), x.sigmoid()),
        Activation.Linear => ones_like(x),
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "unknown activation"),
    };

    /// <summary>f''(x): 0 for the piecewise-linear activations (away from their kink), as the derivative of <see cref="Derivative"/>.</summary>
    public static Tensor SecondDerivative(this Activation activation, Tensor x, double slope) => activation switch
    {
        Activation.Relu or Activation.LeakyRelu or Activation.Linear => zeros_like(x),
        Activation.Tanh => x.tanh() * (x.tanh().square() - 1) * 2,
        Activation.Softplus => where(x > SoftplusThreshold, zeros_like(x), x.sigmoid() * (1 - x.sigmoid())),
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "unknown activation"),
    };
}
