using static TorchSharp.torch;

namespace RnnLab.Analysis.Dca;

/// <summary>
/// The lagged cross-covariances C_k = E[(x_t - m)(x_{t+k} - m)^T], k = 0 .. lags-1, of a process observed
/// as trials, estimated from every pair (t, t+k) inside a trial; the mean m is pooled over trials and time.
/// Under stationarity they fill the block-Toeplitz covariance of any window (DCA's assumption).
/// </summary>
public static class LaggedCovariances
{
    /// <summary>C [lags, N, N] in float64 from states [T, B, N] (time-major, as the model returns them).</summary>
    public static Tensor Of(Tensor states, int lags)
    {
        var steps = states.size(0);
        if (lags < 1 || lags > steps - 1)
            throw new ArgumentException($"{lags} lags need trials longer than {lags} steps; these have {steps}.", nameof(lags));
        var n = states.size(2);
        var x = states.to(float64);
        x = x - x.reshape(-1, n).mean([0]);
        var blocks = new Tensor[lags];
        for (var k = 0; k < lags; k++)
        {
            var past = x.narrow(0, 0, steps - k).reshape(-1, n);
            var future = x.narrow(0, k, steps - k).reshape(-1, n);
            blocks[k] = past.t().matmul(future) / past.size(0);
        }
        blocks[0] = (blocks[0] + blocks[0].t()) * 0.5;
        return stack(blocks);
    }
}
