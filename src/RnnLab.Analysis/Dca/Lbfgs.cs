namespace RnnLab.Analysis.Dca;

/// <summary>
/// Limited-memory BFGS (Nocedal and Wright, Numerical Optimization, Algorithm 7.4: the two-loop recursion,
/// the last History pairs, H0 = (s'y / y'y) I) with a backtracking Armijo line search, minimizing a smooth
/// function of a flat vector: what DCA's reference runs through scipy's L-BFGS-B without bounds. It stops
/// with Converged when the gradient's largest component is at most the tolerance; otherwise it ends when
/// no step along the search direction lowers the function, or when ten steps in a row lowered it by no more
/// than rounding (1e-12 relative: stalled, short of the tolerance), or at the iteration cap, and says so.
/// A point where the function is undefined (it returns NaN or +infinity) is treated as a step too far.
/// </summary>
public static class Lbfgs
{
    /// <summary>Where a minimization ended.</summary>
    public sealed record Result(double[] Point, double Value, int Iterations, double GradientNorm, bool Converged);

    /// <summary>Minimizes f (returning the value and its gradient) from start.</summary>
    public static Result Minimize(Func<double[], (double Value, double[] Gradient)> f, double[] start, int maxIterations, double gradientTolerance, int history = 10)
    {
        var x = (double[])start.Clone();
        var (fx, g) = f(x);
        if (!double.IsFinite(fx)) throw new ArgumentException("the function is not finite at the start.", nameof(start));
        var pairs = new List<(double[] S, double[] Y, double Rho)>();
        var flat = 0;
        for (var iteration = 0; ; iteration++)
        {
            var norm = g.Max(Math.Abs);
            if (norm <= gradientTolerance) return new Result(x, fx, iteration, norm, true);
            if (iteration == maxIterations) return new Result(x, fx, iteration, norm, false);

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
                var (value, gradient) = f(candidate);
                if (double.IsFinite(value) && value <= fx + 1e-4 * step * slope)
                {
                    (next, fNext, gNext) = (candidate, value, gradient);
                    break;
                }
            }
            if (next is null) return new Result(x, fx, iteration, norm, false);
            flat = fx - fNext <= 1e-12 * Math.Max(1, Math.Abs(fx)) ? flat + 1 : 0;
            if (flat == 10) return new Result(next, fNext, iteration + 1, gNext.Max(Math.Abs), gNext.Max(Math.Abs) <= gradientTolerance);

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
