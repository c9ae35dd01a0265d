using static TorchSharp.torch;

namespace RnnLab.Analysis.Dynamics;

/// <summary>
/// A continuous-time system dr/dt = F(r, u), evaluated row-wise on batches: r [K, N], u [K, in] -> [K, N].
/// Seed 000's procedures (rescaling, discretization, linearization) are operations on these.
/// </summary>
public interface IVectorField
{
    /// <summary>State dimension N.</summary>
    long StateSize { get; }

    /// <summary>Input dimension.</summary>
    long InputSize { get; }

    /// <summary>F(r, u).</summary>
    Tensor Evaluate(Tensor r, Tensor u);
}
