using TorchSharp;
using static TorchSharp.torch;

namespace RnnLab.Analysis.Dca;

/// <summary>
/// Gaussian predictive information between the past and the future T steps of a projected process
/// (Clark et al. 2019): PI = logdet Sigma_T - 1/2 logdet Sigma_2T, in nats, where Sigma_w is the
/// block-Toeplitz covariance of w consecutive projected states (<see cref="BlockToeplitz"/>), built from
/// V^T P_k V. PI depends on the column space of V only (V -> V M leaves it unchanged for invertible M), so
/// it is a property of a subspace. The log-determinants go through Cholesky: a projected covariance that is
/// not positive definite is an error (<see cref="NotPositiveDefiniteException"/>), never a large PI.
/// </summary>
public static class PredictiveInformation
{
    /// <summary>PI of the projection V [N, d] given lagged covariances P [2T, N, N]; differentiable in V (and P).</summary>
    public static Tensor Of(Tensor covariances, Tensor v) => OfProjected(v.t().matmul(covariances).matmul(v));

    /// <summary>PI from the projected lagged covariances V^T P_k V [2T, d, d]; differentiable in them.</summary>
    public static Tensor OfProjected(Tensor projected)
    {
        var lags = projected.size(0);
        if (lags < 2 || lags % 2 != 0)
            throw new ArgumentException($"predictive information needs an even number (>= 2) of lagged covariances, C_0 .. C_(2T-1); got {lags}.", nameof(projected));
        var d = projected.size(1);
        var sigma = BlockToeplitz.Of(projected);                                               // [2T d, 2T d]
        var past = sigma.narrow(0, 0, lags / 2 * d).narrow(1, 0, lags / 2 * d);
        return LogDeterminant(past) - LogDeterminant(sigma) * 0.5;
    }

    /// <summary>log det of a symmetric positive definite matrix, through its Cholesky factor; differentiable.</summary>
    public static Tensor LogDeterminant(Tensor matrix)
    {
        var (factor, info) = linalg.cholesky_ex(matrix);
        if (info.item<int>() != 0)
            throw new NotPositiveDefiniteException(
                $"a {matrix.size(0)} x {matrix.size(0)} projected covariance is not positive definite (Cholesky fails at column {info.item<int>()}); predictive information is undefined there.");
        return factor.diagonal().log().sum() * 2.0;
    }
}
