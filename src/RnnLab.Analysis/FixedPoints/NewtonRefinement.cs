using RnnLab.Analysis.Dynamics;
using TorchSharp;
using static TorchSharp.torch;

namespace RnnLab.Analysis.FixedPoints;

/// <summary>
/// Newton's method from the points the descent of q left, each point on its own, in two forms.
/// <list type="bullet">
/// <item><b>Roots</b> of F: the step solves J d = -F, and a backtracking line search (Armijo on 1/2 |F|^2,
/// halving from the full step) takes the first fraction of it that lowers |F| enough. For a piecewise-linear
/// activation (relu, leaky relu, linear) F is linear within the activation pattern of r, so the full step
/// lands on the fixed point of that pattern's linear system, (I - D W) r = D c: when that point has the same
/// pattern it is exact and the step is taken; when not, the line search takes part of it and the next step
/// solves the new pattern's system. Where J is singular (a line attractor) the step is the least-squares,
/// least-norm one. Newton on F is not slowed by a small eigenvalue of J, which stalls descent on q.</item>
/// <item><b>Minima</b> of q, for slow points (a ghost holds q above 0): the step solves H d = -grad q with H
/// q's Hessian (in closed form for a rate RNN, by autograd for any other field), and the line search is Armijo on q. It stops where the gradient vanishes, and only where H
/// is positive definite does it step downhill: elsewhere the point is left.</item>
/// </list>
/// A point converges when its full step is below tolerance x max(1, |r|_inf): one step after that the
/// error of a quadratically converging method is at rounding level. A point whose step cannot be solved,
/// whose line search finds no decrease, or that has not converged in the step budget, goes back to where
/// the descent left it.
/// </summary>
public static class NewtonRefinement
{
    /// <summary>The points after refinement [P, N], whether each converged, and the Newton steps each took.</summary>
    public sealed record Result(Tensor States, bool[] Converged, int[] Steps);

    private const int Halvings = 30;
    private const double Armijo = 1e-4;
    private const double RoundingDecrease = 64 * 2.220446049250313e-16;   // 64 machine epsilons of float64

    /// <summary>Newton on F(r) = 0.</summary>
    public static Result Roots(IVectorField field, Tensor starts, Tensor u, int maxSteps, double tolerance) =>
        Run(new RootProblem(field), starts, u, maxSteps, tolerance);

    /// <summary>Newton on grad q(r) = 0, stepping only where q's Hessian is positive definite.</summary>
    public static Result Minima(IVectorField field, Tensor starts, Tensor u, int maxSteps, double tolerance) =>
        Run(new MinimumProblem(field), starts, u, maxSteps, tolerance);

    // One Newton problem: its step at x (NaN rows where it has none) with the merit and its slope along the step.
    private interface IProblem
    {
        (Tensor Step, Tensor Merit, Tensor Slope) At(Tensor x, Tensor u);
        Tensor Merit(Tensor x, Tensor u);
    }

    private sealed class RootProblem(IVectorField field) : IProblem
    {
        public (Tensor Step, Tensor Merit, Tensor Slope) At(Tensor x, Tensor u)
        {
            using var _ = no_grad();
            var f = field.Evaluate(x, u);
            var step = Solve(Jacobian(field, x, u), -f);
            var merit = f.square().sum(1) * 0.5;
            return (step, merit, merit * -2);                  // d/dt 1/2 |F(x + t d)|^2 at 0 is -|F|^2
        }

        public Tensor Merit(Tensor x, Tensor u) => Speed(field, x, u);
    }

    private sealed class MinimumProblem(IVectorField field) : IProblem
    {
        public (Tensor Step, Tensor Merit, Tensor Slope) At(Tensor x, Tensor u)
        {
            var (g, h) = SpeedCurvature(field, x, u);
            using var _ = no_grad();
            // Downhill only where H is positive definite (Cholesky succeeds): elsewhere Newton would climb to a saddle of q.
            var (factor, info) = linalg.cholesky_ex(h);
            var step = cholesky_solve(-g.unsqueeze(2), factor).squeeze(2);
            step = step.masked_fill(info.ne(0).unsqueeze(1), double.NaN);
            return (step, Merit(x, u), (g * step).sum(1));
        }

        public Tensor Merit(Tensor x, Tensor u) => Speed(field, x, u);
    }

    private static Result Run(IProblem problem, Tensor starts, Tensor u, int maxSteps, double tolerance)
    {
        using var scope = NewDisposeScope();
        var p = (int)starts.size(0);
        var x = starts.to(float64).clone();
        var converged = new bool[p];
        var steps = new int[p];
        var active = Enumerable.Range(0, p).ToList();
        for (var step = 0; step < maxSteps && active.Count > 0; step++)
        {
            using var round = NewDisposeScope();
            var rows = tensor(active.Select(i => (long)i).ToArray());
            var (xa, ua) = (x.index_select(0, rows), u.index_select(0, rows));
            var (d, merit, slope) = problem.At(xa, ua);
            var solved = d.isfinite().all(1).ToArray<bool>();
            // Converged: the full step is below tolerance, or the decrease it promises is below the merit's rounding
            // (a minimum of q in a flat direction, a ghost's, is found to where q can still tell points apart).
            var small = (d.abs().amax(1) <= tolerance * xa.abs().amax(1).clamp_min(1))
                .logical_or(-slope <= merit * RoundingDecrease).ToArray<bool>();
            // A point whose full step is already small has converged: a line search there would only compare rounding errors.
            var search = solved.Select((s, j) => s && !small[j]).ToArray();
            var (taken, accepted) = LineSearch(problem, xa, ua, d, merit, slope, search);
            x.index_copy_(0, rows, taken);

            var next = new List<int>();
            for (var j = 0; j < active.Count; j++)
            {
                var i = active[j];
                if (solved[j] && small[j]) converged[i] = true;
                else if (accepted[j])
                {
                    steps[i]++;
                    next.Add(i);
                }
                // else no step could be solved or none lowered the merit: left where the descent left it
            }
            active = next;
        }
        var unconverged = tensor(Enumerable.Range(0, p).Where(i => !converged[i]).Select(i => (long)i).ToArray());
        if (unconverged.numel() > 0) x.index_copy_(0, unconverged, starts.to(float64).index_select(0, unconverged));
        return new Result(x.MoveToOuterDisposeScope(), converged, steps);
    }

    // Backtracks from the full step, each row on its own: the first t in 1, 1/2, 1/4, ... with
    // merit(x + t d) <= merit(x) + Armijo t slope. Returns the states after the accepted steps (unchanged
    // where none was) and which rows accepted one (of those searched).
    private static (Tensor Taken, bool[] Accepted) LineSearch(IProblem problem, Tensor x, Tensor u, Tensor d, Tensor merit, Tensor slope, bool[] search)
    {
        var taken = x.clone();
        var accepted = new bool[search.Length];
        var t = 1.0;
        var slopes = slope.ToArray<double>();
        var open = Enumerable.Range(0, search.Length).Where(j => search[j] && slopes[j] < 0).ToList();
        for (var h = 0; h <= Halvings && open.Count > 0; h++, t *= 0.5)
        {
            var rows = tensor(open.Select(j => (long)j).ToArray());
            var trial = x.index_select(0, rows) + d.index_select(0, rows) * t;
            var ok = (problem.Merit(trial, u.index_select(0, rows)) <= merit.index_select(0, rows) + slope.index_select(0, rows) * (Armijo * t)).ToArray<bool>();
            var still = new List<int>();
            var done = new List<long>();
            for (var k = 0; k < open.Count; k++)
            {
                if (ok[k]) { accepted[open[k]] = true; done.Add(k); }
                else still.Add(open[k]);
            }
            if (done.Count > 0)
            {
                var pick = tensor(done.ToArray());
                taken.index_copy_(0, rows.index_select(0, pick), trial.index_select(0, pick));
            }
            open = still;
        }
        return (taken, accepted);
    }

    // J d = b per row: LU where J is regular, the pseudo-inverse's least-squares, least-norm step where it is singular.
    private static Tensor Solve(Tensor j, Tensor b)
    {
        var (solution, info) = linalg.solve_ex(j, b.unsqueeze(2));
        var singular = info.ne(0).logical_or(solution.isfinite().logical_not().flatten(1).any(1)).nonzero().flatten();
        if (singular.numel() > 0)
        {
            var least = linalg.pinv(j.index_select(0, singular)).matmul(b.unsqueeze(2).index_select(0, singular));
            solution.index_copy_(0, singular, least);
        }
        return solution.squeeze(2);
    }

    /// <summary>q = 1/2 |F(x)|^2 [K] at states x [K, N], without a graph.</summary>
    public static Tensor Speed(IVectorField field, Tensor x, Tensor u)
    {
        using var _ = no_grad();
        return field.Evaluate(x, u).square().sum(1) * 0.5;
    }

    /// <summary>
    /// The gradient [K, N] and the symmetrized Hessian [K, N, N] of q = 1/2 |F|^2 at states x [K, N]: in closed
    /// form for a rate RNN (<see cref="RateRnnVectorField.SpeedCurvature"/>), by double backward for any other field.
    /// </summary>
    public static (Tensor Gradient, Tensor Hessian) SpeedCurvature(IVectorField field, Tensor x, Tensor u)
    {
        if (field is RateRnnVectorField rnn)
        {
            var (gradient, hessian) = rnn.SpeedCurvature(x, u);
            return (gradient, (hessian + hessian.transpose(1, 2)) * 0.5);
        }
        Tensor Gradient(Tensor r)
        {
            var ur = u.size(0) == r.size(0) ? u : u.repeat(r.size(0) / u.size(0), 1);
            var q = (field.Evaluate(r, ur).square().sum(1) * 0.5).sum();
            return autograd.grad([q], [r], retain_graph: true, create_graph: true)[0]!;   // the Hessian differentiates this graph again
        }
        using var _ = enable_grad();
        var g = Gradient(x.detach().requires_grad_(true)).detach();
        var h = BatchedJacobian.Of(Gradient, x.detach(), outputSize: x.size(1)).detach();
        return (g, (h + h.transpose(1, 2)) * 0.5);
    }

    // dF/dr: in closed form for a rate RNN, by autograd for any other field.
    private static Tensor Jacobian(IVectorField field, Tensor x, Tensor u) =>
        field is RateRnnVectorField rnn ? rnn.Jacobian(x, u) : Linearizer.StateJacobian(field, x, u);
}
