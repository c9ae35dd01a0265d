using static TorchSharp.torch;

namespace RnnLab.Models;

/// <summary>
/// The seam around the time loop of a <see cref="RateRnn"/> of one network: given the effective weights,
/// the input drive and the noise already drawn, run the Euler recursion over all steps. Everything random
/// is drawn before the loop, so every implementation (op-by-op autograd, or a fused kernel) sees the
/// same numbers for the same generator. Several networks (K &gt; 1) always run the fused kernel.
/// </summary>
public interface ITimeLoop
{
    /// <summary>
    /// r_t = (1 - alpha) r_{t-1} + alpha f(r_{t-1} W_rec^T + drive_t) for t = 0..T-1.
    /// drive [T, B, N] already holds W_in u_t + b + noise; r0 is [B, N]. Returns the rates [T, B, N].
    /// </summary>
    Tensor Run(Tensor recurrentWeights, Tensor drive, Tensor r0, double alpha, ActivationFunction activation);
}
