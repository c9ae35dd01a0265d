using TorchSharp;
using static TorchSharp.torch;

namespace RnnLab.Analysis.WeightComparison;

/// <summary>
/// How non-linear a relu network's dynamics are along its task trajectories, measured without DCA (seed
/// 002's H1 beside the PI sweep): RectifiedFraction, the fraction of unit-steps whose relu is at zero;
/// ActiveSetChangeRate, the fraction of units whose relu switches on or off from one step to the next
/// (a linear system has one active set; a piecewise-linear one that keeps switching is far from linear);
/// LinearModelError, the error of the best linear dynamical model r_t = A r_(t-1) + B u_t + c, fitted by
/// least squares on half of the trials and measured on the other half, over the error of predicting no
/// change (0: the dynamics are linear up to noise; 1: a linear model predicts the steps no better than
/// standing still).
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
        if (steps < 3 || trials < 4) throw new ArgumentException($"non-linearity measures need at least 3 steps and 4 trials; got {steps} and {trials}.", nameof(rates));
        var previous = cat([zeros([1, trials, n], float64), r.narrow(0, 0, steps - 1)]);
        var drive = (r - previous * (1 - alpha)) / alpha;
        // Rounding in the subtraction leaves |f| near 1e-16 times the rates where the relu is exactly 0.
        var active = drive > r.abs().max().ToDouble() * 1e-9;
        var rectified = 1 - active.to(float64).mean().ToDouble();
        var switches = (active.narrow(0, 1, steps - 1) != active.narrow(0, 0, steps - 1)).to(float64).mean().ToDouble();

        var u = inputs.to(float64);
        // Steps 1 .. T-1 of the trials [from, from + count): [r_(t-1), u_t, 1] and r_t, one row per step and trial.
        Tensor Steps(Tensor x, long from, long count) => x.narrow(0, 1, steps - 1).narrow(1, from, count);
        Tensor Features(long from, long count) =>
            cat([Steps(previous, from, count), Steps(u, from, count), ones([steps - 1, count, 1], float64)], 2).reshape(-1, n + u.size(2) + 1);
        var half = trials / 2;
        var fit = linalg.lstsq(Features(0, half), Steps(r, 0, half).reshape(-1, n)).Solution;
        var target = Steps(r, half, trials - half).reshape(-1, n);
        var residual = target - Features(half, trials - half).matmul(fit);
        var standing = target - Steps(previous, half, trials - half).reshape(-1, n);
        var error = residual.square().sum().ToDouble() / Math.Max(standing.square().sum().ToDouble(), double.Epsilon);
        return new Nonlinearity(rectified, switches, error);
    }
}
