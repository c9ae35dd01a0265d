using TorchSharp;
using static TorchSharp.torch;

namespace RnnLab.Analysis.Dca;

/// <summary>
/// The lagged covariances P_k = E[(x_t - m)(x_(t+k) - m)^T], k = 0 .. lags-1, of a process observed as
/// trials, estimated as DCA's reference implementation does (BouchardLab's calc_cross_cov_mats_from_data,
/// toeplitzify and rectify_spectrum; its C_k is our P_k transposed):
/// <list type="number">
/// <item>the covariance of every window of `lags` consecutive states of every trial, about the mean m pooled
/// over trials and time, divided by the number of windows less one: a Gram matrix, positive semi-definite;</item>
/// <item>made block-Toeplitz: P_k is the average of its blocks at lag k (each pair (t, t+k) weighted by how
/// many windows hold it at that lag);</item>
/// <item>when that block-Toeplitz matrix is not positive definite, P_0 gets the shift (-lambda_min + 1e-6) I
/// that makes it so.</item>
/// </list>
/// Estimating each lag on its own window of the trial, as RnnLab once did, gives an indefinite matrix on
/// trials that are not stationary (every trial starts at r = 0), on which predictive information is not defined.
/// </summary>
public static class LaggedCovariances
{
    /// <summary>The floor rectify_spectrum keeps above zero.</summary>
    public const double SpectrumFloor = 1e-6;

    /// <summary>P [lags, N, N] in float64 from states [T, B, N] (time-major, as the model returns them); T must exceed lags.</summary>
    public static Tensor Of(Tensor states, int lags) => Estimate(states, lags).Covariances;

    /// <summary>The shift of <see cref="Estimate"/> relative to the mean variance of the units before it: how far from stationary the trials were.</summary>
    public static double RelativeShift(Tensor covariances, double shift) => shift == 0 ? 0 : shift / (covariances[0].diagonal().mean().ToDouble() - shift);

    /// <summary>
    /// <see cref="Of"/>, with the shift rectification added to P_0's diagonal (0 when the block-Toeplitz
    /// estimate was positive definite as it was).
    /// </summary>
    public static (Tensor Covariances, double Shift) Estimate(Tensor states, int lags)
    {
        var steps = states.size(0);
        var trials = states.size(1);
        var windowsPerTrial = steps - lags + 1;
        if (lags < 1 || steps <= lags)
            throw new ArgumentException($"{lags} lags need trials longer than {lags} steps; these have {steps}.", nameof(lags));
        using var scope = NewDisposeScope();
        var n = states.size(2);
        var x = states.to(float64);
        x = x - x.reshape(-1, n).mean([0]);
        var windows = (double)(trials * windowsPerTrial);
        var blocks = new Tensor[lags];
        for (var k = 0; k < lags; k++)
        {
            // Pair (t, t+k) sits at lag k in the windows w = t - i, i = 0 .. lags-1-k, that lie inside the trial.
            var weights = Enumerable.Range(0, (int)steps - k)
                .Select(t => (double)Math.Max(0, Math.Min(t, lags - 1 - k) - Math.Max(0, t - (int)windowsPerTrial + 1) + 1)).ToArray();
            var past = x.narrow(0, 0, steps - k) * tensor(weights, float64).reshape(-1, 1, 1);
            var future = x.narrow(0, k, steps - k);
            blocks[k] = past.reshape(-1, n).t().matmul(future.reshape(-1, n)) / ((lags - k) * (windows - 1));
        }
        blocks[0] = (blocks[0] + blocks[0].t()) * 0.5;
        var result = stack(blocks);
        var shift = 0.0;
        var (_, info) = linalg.cholesky_ex(BlockToeplitz.Of(result));
        if (info.item<int>() != 0)
        {
            var lowest = linalg.eigvalsh(BlockToeplitz.Of(result)).min().ToDouble();
            if (lowest <= 0)
            {
                shift = -lowest + SpectrumFloor;
                result[0] += eye(n, dtype: float64) * shift;
            }
        }
        return (result.MoveToOuterDisposeScope(), shift);
    }
}
