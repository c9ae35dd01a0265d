using static TorchSharp.torch;

namespace RnnLab.Analysis.Dca;

/// <summary>
/// Gaussian predictive information between the past and the future T steps of a projected process
/// (Clark et al. 2019): PI = logdet Sigma_T - 1/2 logdet Sigma_2T, in nats, where Sigma_w is the
/// block-Toeplitz covariance of w consecutive projected states, built from V^T C_k V. PI depends on the
/// column space of V only (V -> V M leaves it unchanged for invertible M), so it is a property of a subspace.
/// </summary>
public static class PredictiveInformation
{
    /// <summary>
    /// PI of the projection V [N, d] given lagged covariances C [2T, N, N]; differentiable in V (and C).
    /// </summary>
    public static Tensor Of(Tensor covariances, Tensor v)
    {
        var lags = covariances.size(0);
        if (lags < 2 || lags % 2 != 0)
            throw new ArgumentException($"predictive information needs an even number (>= 2) of lagged covariances, C_0 .. C_(2T-1); got {lags}.", nameof(covariances));
        var d = v.size(1);
        var window = lags / 2;
        var projected = v.t().matmul(covariances).matmul(v);                                    // [2T, d, d]
        // Block (i, j) of Sigma_2T is P_(j-i) for j >= i and P_(i-j)^T below the diagonal: lay out
        // P_(2T-1)^T .. P_1^T, P_0 .. P_(2T-1) once and gather the blocks by j - i.
        var lagged = cat([projected.narrow(0, 1, lags - 1).flip(0).transpose(1, 2), projected]);  // [4T-1, d, d]
        var index = new long[lags * lags];
        for (var i = 0; i < lags; i++)
            for (var j = 0; j < lags; j++)
                index[i * lags + j] = j - i + lags - 1;
        var sigma = lagged.index_select(0, tensor(index)).reshape(lags, lags, d, d)
            .permute(0, 2, 1, 3).reshape(lags * d, lags * d);                                   // [2T d, 2T d]
        var past = sigma.narrow(0, 0, window * d).narrow(1, 0, window * d);
        return linalg.slogdet(past).Item2 - linalg.slogdet(sigma).Item2 * 0.5;
    }
}
