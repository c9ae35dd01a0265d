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

    /// <summary>
    /// PI of V [N, d] and its gradient with respect to V, given P and its transposes stacked as
    /// [P_0 .. P_(2T-1), P_0^T .. P_(2T-1)^T] [4T, N, N]. It reads the N x N matrices once (one batched
    /// product gives P_k V and P_k^T V), where autograd through <see cref="Of"/> reads them four times, which
    /// dominates the cost at a few hundred units: dPI/dV = sum_k P_k V G_k^T + P_k^T V G_k, G_k = dPI/d(V^T P_k V)
    /// (from autograd on the small projected matrices).
    /// </summary>
    public static (double Value, Tensor Gradient) WithGradient(Tensor stacked, Tensor v)
    {
        var lags = stacked.size(0) / 2;
        var n = stacked.size(1);
        var products = stacked.reshape(-1, n).matmul(v).reshape(2 * lags, n, v.size(1));       // [4T, N, d], one product
        var forward = products.narrow(0, 0, lags);
        var backward = products.narrow(0, lags, lags);
        using var grad = enable_grad();
        var projected = v.t().matmul(forward).detach().requires_grad_(true);                   // [2T, d, d]
        var pi = OfProjected(projected);
        var g = autograd.grad([pi], [projected])[0]!;
        return (pi.ToDouble(), (forward.matmul(g.transpose(1, 2)) + backward.matmul(g)).sum([0]));
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
