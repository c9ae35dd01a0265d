using static TorchSharp.torch;

namespace RnnLab.Analysis.Dynamics;

/// <summary>
/// Seed 000's temporal rescaling: with s = t / tau, dr/ds = tau F(r, u). The rescaled field has unit time
/// constant (tau is absorbed), and a step of dt in t is a step of dt / tau (= alpha) in s.
/// </summary>
public sealed class TemporalRescaling(IVectorField original, double tau) : IVectorField
{
    /// <summary>The time constant absorbed.</summary>
    public double Tau { get; } = tau;

    /// <inheritdoc />
    public long StateSize => original.StateSize;

    /// <inheritdoc />
    public long InputSize => original.InputSize;

    /// <inheritdoc />
    public Tensor Evaluate(Tensor r, Tensor u) => original.Evaluate(r, u) * Tau;

    /// <summary>The step in rescaled time that corresponds to dt in the original time.</summary>
    public double RescaledStep(double dt) => dt / Tau;
}
