using TorchSharp;
using static TorchSharp.torch;

namespace RnnLab.Analysis.WeightComparison;

/// <summary>
/// How non-linear a relu network's dynamics are along its task trajectories, measured without DCA (seed
/// 002's H1 beside the PI sweep): RectifiedFraction, the fraction of unit-steps whose relu is at zero;
/// ActiveSetChangeRate, the fraction of units whose relu switches on or off from one step to the next
/// (a linear system has one active set; a piecewise-linear one that keeps switching is far from linear);
/// LinearModelError, the residual of the best linear dynamical model r_t = A r_(t-1) + B u_t + c, fitted by
/// least squares to all the steps, over the error of predicting no change (0: the dynamics are linear up to
/// noise; 1: a linear model predicts the steps no better than standing still, which it contains, so the
/// ratio is at most 1). Fitted in-sample: a model fitted to half the trials and tested on the other half
/// extrapolated along the directions of silent units (columns of zeros or nearly so) and gave ratios of
/// hundreds on trained networks.
/// </summary>
public sealed record Nonlinearity(double RectifiedFraction, double ActiveSetChangeRate, double LinearModelError)
{
    /// <summary>
    /// The measures of rates [T, B, N] driven by inputs [T, B, I] with Euler factor alpha, the network starting
    /// at r = 0. The relu's output is read back from the update, f_t = (r_t - (1 - alpha) r_(t-1)) / alpha,
    /// which holds the model's noise as it was drawn: a unit is rectified where f_t is 0.
    /// </summary>
    public static Nonlinearity Of(Tensor rates, Tensor inputs, double alpha)
    {
        using var scope = NewDisposeScope();
        var r = rates.to(float64);
        var (steps, trials, n) = (r.size(0), r.size(1), r.size(2));
        if (steps < 3) throw new ArgumentException($"non-linearity measures need at least 3 steps; got {steps}.", nameof(rates));
        var previous = cat([zeros([1, trials, n], float64), r.narrow(0, 0, steps - 1)]);
        var drive = (r - previous * (1 - alpha)) / alpha;
        // Rounding in the subtraction leaves |f| near 1e-16 times the rates where the relu is exactly 0.
        var active = drive > r.abs().max().ToDouble() * 1e-9;
        var rectified = 1 - active.to(float64).mean().ToDouble();
        var switches = (active.narrow(0, 1, steps - 1) != active.narrow(0, 0, steps - 1)).to(float64).mean().ToDouble();

        var u = inputs.to(float64);
        // Steps 1 .. T-1: [r_(t-1), u_t, 1] and r_t, one row per step and trial. Silent units make the features rank-deficient,
        // where QR-based least squares (lstsq's CPU default) returns garbage; the pseudo-inverse gives the minimum-norm solution.
        Tensor Steps(Tensor x) => x.narrow(0, 1, steps - 1);
        var features = cat([Steps(previous), Steps(u), ones([steps - 1, trials, 1], float64)], 2).reshape(-1, n + u.size(2) + 1);
        var target = Steps(r).reshape(-1, n);
        var residual = target - features.matmul(linalg.pinv(features).matmul(target));
        var standing = target - Steps(previous).reshape(-1, n);
        var error = residual.square().sum().ToDouble() / Math.Max(standing.square().sum().ToDouble(), double.Epsilon);
        return new Nonlinearity(rectified, switches, error);
    }
}
