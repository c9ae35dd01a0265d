using RnnLab.Kernels;
using static TorchSharp.torch;

namespace RnnLab.Models;

/// <summary>The time loop as RnnLab's fused kernel (<see cref="RateRnnLoop"/>): one autograd node for all T steps, forward and BPTT.</summary>
public sealed class FusedTimeLoop : ITimeLoop
{
    /// <inheritdoc />
    public Tensor Run(Tensor recurrentWeights, Tensor drive, Tensor r0, double alpha, ActivationFunction activation) =>
        RateRnnLoop.Run(recurrentWeights, drive, r0, alpha, activation.Kind, activation.NegativeSlope);
}
