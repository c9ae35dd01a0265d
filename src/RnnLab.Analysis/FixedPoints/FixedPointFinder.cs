using System.Diagnostics;
using System.Numerics;
using RnnLab.Analysis.Dynamics;
using TorchSharp;
using static TorchSharp.torch;

namespace RnnLab.Analysis.FixedPoints;

/// <summary>
/// Finds fixed and slow points of dr/dt = F(r, u) at a constant input u by minimizing
/// q(r) = 1/2 |F(r)|^2 jointly over many initial states with Adam and an adaptive learning rate
/// (Sussillo and Barak 2013; Golub and Sussillo 2018), in float64. Points are then sorted into fixed
/// and slow by their q, de-duplicated, stripped of distance outliers, and described by their autograd
/// Jacobians, eigen-decompositions and stability.
/// </summary>
public sealed class FixedPointFinder(FixedPointOptions options)
{
    /// <summary>The options.</summary>
    public FixedPointOptions Options { get; } = options;

    /// <summary>
    /// Searches from initialStates [K, N] at condition [in]; dt (the model's Euler step) turns the
    /// continuous-time eigenvalues lambda into the map's mu = 1 + dt lambda.
    /// </summary>
    public FixedPointSearch Find(IVectorField field, Tensor initialStates, Tensor condition, double dt)
    {
        Options.Validate();
        var clock = Stopwatch.StartNew();
        using var scope = NewDisposeScope();
        var x0 = initialStates.to(float64).detach();
        var k = x0.size(0);
        var u = condition.to(float64).reshape(1, -1).expand(k, condition.numel()).contiguous();

        var (states, iterations, lr) = Minimize(field, x0, u);
        Tensor q;
        using (no_grad()) q = Q(field, states, u);
        var (rerun, rerunIterations) = Options.RerunSlowPoints ? RerunSlowPoints(field, states, u, q) : (0, 0);
        var minimization = clock.Elapsed;

        var candidates = Select(x0, states, q);
        var points = candidates.Count == 0 ? [] : Describe(field, states, u, q, candidates, iterations, dt);
        return new FixedPointSearch(condition.to(float64).ToArray<double>(), points, candidates.Count, iterations, lr, clock.Elapsed, minimization)
        {
            RerunStates = rerun,
            RerunIterations = rerunIterations,
        };
    }

    // The joint search's one learning rate follows mean q, which states stuck far from any slow point can
    // dominate: it then shrinks until the states that were closing in on a fixed point stop as slow points.
    // Those (FixedTolerance <= q < SlowTolerance) are minimized again on their own, from where they
    // stopped, with a fresh learning rate, as FixedPointFinder re-runs its q outliers. Writes the states
    // and q back in place; returns how many were rerun and the iterations that took.
    private (int States, int Iterations) RerunSlowPoints(IVectorField field, Tensor states, Tensor u, Tensor q)
    {
        var slow = ((q >= Options.FixedTolerance) & (q < Options.SlowTolerance)).nonzero().flatten();
        var count = (int)slow.numel();
        if (count == 0) return (0, 0);
        var (moved, iterations, _) = Minimize(field, states.index_select(0, slow), u.index_select(0, slow));
        using (no_grad())
        {
            states.index_copy_(0, slow, moved);
            q.index_copy_(0, slow, Q(field, moved, u.index_select(0, slow)));
        }
        return (count, iterations);
    }

    private static Tensor Q(IVectorField field, Tensor x, Tensor u) => field.Evaluate(x, u).square().sum(1) * 0.5;

    private (Tensor states, int iterations, double lr) Minimize(IVectorField field, Tensor x0, Tensor u)
    {
        using var descent = ISpeedDescent.For(field, x0, u, Options.Kernel);
        var lr = Options.LearningRate;
        var previousMean = double.PositiveInfinity;
        var better = 0;
        var iteration = 0;
        for (; iteration < Options.MaxIterations; iteration++)
        {
            var q = descent.Evaluate();
            if (q.Max < Options.TolQ || q.MaxChange < Options.TolDq) break;
            if (q.Mean > previousMean)
            {
                lr *= Options.LearningRateDecrease;
                better = 0;
            }
            else if (++better >= Options.IncreaseAfter)
            {
                lr *= Options.LearningRateIncrease;
                better = 0;
            }
            previousMean = q.Mean;
            descent.Step(lr);
        }
        return (descent.States.clone(), iteration, lr);
    }

    // Indices of the points kept: slow enough, not outliers, unique (the lowest q of each cluster).
    private List<int> Select(Tensor x0, Tensor x, Tensor q)
    {
        var qs = q.ToArray<double>();
        var n = x.size(1);
        var states = x.ToArray<double>();
        var centroid = x0.mean([0]);
        var meanInitialDistance = (x0 - centroid).norm(1).mean().ToDouble();
        var distance = (x - centroid).norm(1).ToArray<double>();
        var limit = Options.OutlierFactor * Math.Max(meanInitialDistance, 1e-12);

        var kept = new List<int>();
        foreach (var i in Enumerable.Range(0, qs.Length).Where(i => qs[i] < Options.SlowTolerance && distance[i] <= limit).OrderBy(i => qs[i]))
        {
            var duplicate = kept.Any(j =>
            {
                double d2 = 0;
                for (var c = 0; c < n; c++)
                {
                    var d = states[i * n + c] - states[j * n + c];
                    d2 += d * d;
                }
                return Math.Sqrt(d2) < Options.UniqueDistance;
            });
            if (!duplicate) kept.Add(i);
        }
        return kept;
    }

    private List<FixedPoint> Describe(IVectorField field, Tensor states, Tensor u, Tensor q, List<int> kept, int iterations, double dt)
    {
        var index = tensor(kept.Select(i => (long)i).ToArray());
        var x = states.index_select(0, index);
        var uk = u.index_select(0, index);
        var qk = q.index_select(0, index).ToArray<double>();
        var jacobian = Linearizer.StateJacobian(field, x, uk);                  // [P, N, N]
        var inputJacobian = Linearizer.InputJacobian(field, x, uk);             // [P, N, in]
        var (values, vectors) = linalg.eig(jacobian);                              // [P, N], [P, N, N]
        var hessian = Options.CheckMinimum ? HessianEigenvalueRange(field, x, uk) : default((double[] Min, double[] Max)?);

        var n = (int)x.size(1);
        var inputs = (int)uk.size(1);
        var xs = x.ToArray<double>();
        var us = uk.ToArray<double>();
        var js = jacobian.ToArray<double>();
        var bs = inputJacobian.ToArray<double>();
        var re = values.real.contiguous().ToArray<double>();
        var im = values.imag.contiguous().ToArray<double>();
        var vre = vectors.real.contiguous().ToArray<double>();
        var vim = vectors.imag.contiguous().ToArray<double>();

        var points = new List<FixedPoint>(kept.Count);
        for (var p = 0; p < kept.Count; p++)
        {
            var order = Enumerable.Range(0, n).OrderByDescending(i => re[p * n + i]).ThenByDescending(i => im[p * n + i]).ToArray();
            var lambda = order.Select(i => new Complex(re[p * n + i], im[p * n + i])).ToArray();
            var modes = new Complex[n, n]; // column c is the eigenvector of lambda[c]
            for (var row = 0; row < n; row++)
                for (var c = 0; c < n; c++)
                    modes[row, c] = new Complex(vre[(p * n + row) * n + order[c]], vim[(p * n + row) * n + order[c]]);
            var unstable = lambda.Count(l => l.Real > 0);
            var stability = unstable == 0 ? Stability.Stable : unstable == n ? Stability.Unstable : Stability.Saddle;
            points.Add(new FixedPoint(
                xs.AsSpan(p * n, n).ToArray(),
                us.AsSpan(p * inputs, inputs).ToArray(),
                qk[p],
                Math.Sqrt(2 * qk[p]),
                iterations,
                qk[p] < Options.FixedTolerance ? PointKind.Fixed : PointKind.Slow,
                Matrix(js, p, n, n),
                Matrix(bs, p, n, inputs),
                lambda,
                modes,
                lambda.Select(l => 1 + dt * l).ToArray(),
                stability,
                unstable,
                hessian?.Min[p], hessian?.Max[p]));
        }
        return points;
    }

    // Smallest and largest eigenvalues of the Hessian of q at each point: J^T J + sum_k F_k Hess(F_k), by double backward.
    private static (double[] Min, double[] Max)? HessianEigenvalueRange(IVectorField field, Tensor x, Tensor u)
    {
        var n = x.size(1);
        Tensor Gradient(Tensor r)
        {
            var ur = u.size(0) == r.size(0) ? u : u.repeat(r.size(0) / u.size(0), 1);
            var q = Q(field, r, ur).sum();
            return autograd.grad([q], [r], retain_graph: true, create_graph: true)[0]!;   // the Hessian differentiates this graph again
        }
        using var _ = enable_grad();
        var hessian = BatchedJacobian.Of(Gradient, x, outputSize: n);     // [P, N, N]
        var symmetric = (hessian + hessian.transpose(1, 2)) * 0.5;
        var eigenvalues = linalg.eigvalsh(symmetric);                     // ascending
        return (eigenvalues.select(1, 0).contiguous().ToArray<double>(), eigenvalues.select(1, n - 1).contiguous().ToArray<double>());
    }

    private static double[,] Matrix(double[] flat, int p, int rows, int cols)
    {
        var m = new double[rows, cols];
        for (var r = 0; r < rows; r++)
            for (var c = 0; c < cols; c++)
                m[r, c] = flat[(p * rows + r) * cols + c];
        return m;
    }
}
