namespace RnnLab.Analysis.Dca;

/// <summary>
/// Limited-memory BFGS (Nocedal and Wright, Numerical Optimization, Algorithm 7.4: the two-loop recursion,
/// the last History pairs, H0 = (s'y / y'y) I) with a backtracking Armijo line search, minimizing a smooth
/// function of a flat vector: what DCA's reference runs through scipy's L-BFGS-B without bounds. It stops
/// with Converged when the gradient's largest component is at most the tolerance; otherwise it ends when
/// no step along the search direction lowers the function, or when ten steps in a row lowered it by no more
/// than rounding (1e-12 relative: stalled, short of the tolerance), or at the iteration cap, and says so.
/// A point where the function is undefined (it returns NaN or +infinity) is treated as a step too far; a
/// start where it is undefined ends there, not converged.
/// </summary>
public static class Lbfgs
{
    /// <summary>Where a minimization ended.</summary>
    public sealed record Result(double[] Point, double Value, int Iterations, double GradientNorm, bool Converged);

    /// <summary>Minimizes f (returning the value and its gradient) from start.</summary>
    public static Result Minimize(Func<double[], (double Value, double[] Gradient)> f, double[] start, int maxIterations, double gradientTolerance, int history = 10) =>
        MinimizeAll(points => [.. points.Select(f)], [start], maxIterations, gradientTolerance, history)[0];

    /// <summary>
    /// Minimizes from every start at once: each start runs its own L-BFGS (its own history and line search,
    /// exactly as <see cref="Minimize"/> would), and each round asks f for the next point of every start
    /// still running in one call, so that f can evaluate them together (DCA reads its covariances once for
    /// all starts). A start where f is not finite ends there, not converged.
    /// </summary>
    public static IReadOnlyList<Result> MinimizeAll(Func<IReadOnlyList<double[]>, (double Value, double[] Gradient)[]> f, IReadOnlyList<double[]> starts,
        int maxIterations, double gradientTolerance, int history = 10)
    {
        var runs = starts.Select(s => new Search(s, maxIterations, gradientTolerance, history)).ToList();
        while (runs.Where(r => r.Result is null).ToList() is { Count: > 0 } active)
        {
            var answers = f([.. active.Select(r => r.Point)]);
            for (var i = 0; i < active.Count; i++) active[i].Tell(answers[i].Value, answers[i].Gradient);
        }
        return [.. runs.Select(r => r.Result!)];
    }

    // One minimization as a coroutine: Point is where it needs f next; Tell gives it f there and moves it on.
    private sealed class Search
    {
        private readonly IEnumerator<double[]> _steps;
        private (double Value, double[] Gradient) _answer;

        public Search(double[] start, int maxIterations, double gradientTolerance, int history)
        {
            _steps = Steps((double[])start.Clone(), maxIterations, gradientTolerance, history).GetEnumerator();
            _steps.MoveNext();
        }

        public double[] Point => _steps.Current;

        public Result? Result { get; private set; }

        public void Tell(double value, double[] gradient)
        {
            _answer = (value, gradient);
            _steps.MoveNext();
        }

        private IEnumerable<double[]> Steps(double[] x, int maxIterations, double gradientTolerance, int history)
        {
            yield return x;
            var (fx, g) = _answer;
            if (!double.IsFinite(fx))
            {
                Result = new Result(x, fx, 0, double.NaN, false);
                yield break;
            }
            var pairs = new List<(double[] S, double[] Y, double Rho)>();
            var flat = 0;
            for (var iteration = 0; ; iteration++)
            {
                var norm = g.Max(Math.Abs);
                if (norm <= gradientTolerance) { Result = new Result(x, fx, iteration, norm, true); yield break; }
                if (iteration == maxIterations) { Result = new Result(x, fx, iteration, norm, false); yield break; }

                var direction = Direction(g, pairs);
                var slope = Dot(g, direction);
                if (slope >= 0)
                {
                    // Not a descent direction (rounding in a poorly conditioned history): start the history again.
                    pairs.Clear();
                    direction = Direction(g, pairs);
                    slope = Dot(g, direction);
                }
                double[]? next = null;
                double fNext = 0;
                double[] gNext = g;
                for (var (step, tries) = (1.0, 0); tries < 30; step *= 0.5, tries++)
                {
                    var candidate = x.Select((xi, i) => xi + step * direction[i]).ToArray();
                    yield return candidate;
                    var (value, gradient) = _answer;
                    if (double.IsFinite(value) && value <= fx + 1e-4 * step * slope)
                    {
                        (next, fNext, gNext) = (candidate, value, gradient);
                        break;
                    }
                }
                if (next is null) { Result = new Result(x, fx, iteration, norm, false); yield break; }
                flat = fx - fNext <= 1e-12 * Math.Max(1, Math.Abs(fx)) ? flat + 1 : 0;
                if (flat == 10) { Result = new Result(next, fNext, iteration + 1, gNext.Max(Math.Abs), gNext.Max(Math.Abs) <= gradientTolerance); yield break; }

                var s = next.Select((v, i) => v - x[i]).ToArray();
                var y = gNext.Select((v, i) => v - g[i]).ToArray();
                var sy = Dot(s, y);
                if (sy > 1e-12 * Math.Sqrt(Dot(s, s) * Dot(y, y)))   // keeps the implied Hessian positive definite
                {
                    pairs.Add((s, y, 1 / sy));
                    if (pairs.Count > history) pairs.RemoveAt(0);
                }
                (x, fx, g) = (next, fNext, gNext);
            }
        }
    }

    // -H g by the two-loop recursion; without pairs, the steepest-descent step of length one.
    private static double[] Direction(double[] g, List<(double[] S, double[] Y, double Rho)> pairs)
    {
        var q = (double[])g.Clone();
        if (pairs.Count == 0)
        {
            var length = Math.Sqrt(Dot(g, g));
            return q.Select(v => -v / length).ToArray();
        }
        var alpha = new double[pairs.Count];
        for (var k = pairs.Count - 1; k >= 0; k--)
        {
            alpha[k] = pairs[k].Rho * Dot(pairs[k].S, q);
            Axpy(-alpha[k], pairs[k].Y, q);
        }
        var (sLast, yLast, _) = pairs[^1];
        var gamma = Dot(sLast, yLast) / Dot(yLast, yLast);
        for (var i = 0; i < q.Length; i++) q[i] *= gamma;
        for (var k = 0; k < pairs.Count; k++)
        {
            var beta = pairs[k].Rho * Dot(pairs[k].Y, q);
            Axpy(alpha[k] - beta, pairs[k].S, q);
        }
        for (var i = 0; i < q.Length; i++) q[i] = -q[i];
        return q;
    }

    private static double Dot(double[] a, double[] b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++) sum += a[i] * b[i];
        return sum;
    }

    private static void Axpy(double a, double[] x, double[] y)
    {
        for (var i = 0; i < y.Length; i++) y[i] += a * x[i];
    }
}
