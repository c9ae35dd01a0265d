using static TorchSharp.torch;

namespace RnnLab.Kernels;

/// <summary>Nonlinearities the fused kernels implement, both as tensor ops and as vectorized CPU passes.</summary>
public enum FusedActivation
{
    /// <summary>max(0, x).</summary>
    Relu = 0,
    /// <summary>tanh(x).</summary>
    Tanh = 1,
    /// <summary>x above 0, slope x below.</summary>
    LeakyRelu = 2,
    /// <summary>log(1 + e^x), linear above 20 (as torch's softplus).</summary>
    Softplus = 3,
    /// <summary>x.</summary>
    Linear = 4,
}

/// <summary>f and f' of a <see cref="FusedActivation"/> as tensor ops, for any device and dtype.</summary>
public static class FusedActivationOps
{
    /// <summary>Above this softplus is the identity, as in torch.nn.functional.softplus(x, beta: 1, threshold: 20).</summary>
    public const double SoftplusThreshold = 20;

    /// <summary>f(x).</summary>
    public static Tensor Apply(this FusedActivation activation, Tensor x, double slope) => activation switch
    {
        FusedActivation.Relu => x.relu(),
        FusedActivation.Tanh => x.tanh(),
        FusedActivation.LeakyRelu => x.leaky_relu(slope),
        FusedActivation.Softplus => x.softplus(1, SoftplusThreshold),
        FusedActivation.Linear => x.alias(),
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "unknown activation"),
    };

    /// <summary>f'(x), matching the derivatives libtorch's own backward formulas use.</summary>
    public static Tensor Derivative(this FusedActivation activation, Tensor x, double slope) => activation switch
    {
        FusedActivation.Relu => (x > 0).to(x.dtype),
        FusedActivation.Tanh => 1 - x.tanh().square(),
        FusedActivation.LeakyRelu => where(x > 0, ones_like(x), full_like(x, slope)),
        FusedActivation.Softplus => where(x > SoftplusThreshold, ones_like(x), x.sigmoid()),
        FusedActivation.Linear => ones_like(x),
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "unknown activation"),
    };
}
