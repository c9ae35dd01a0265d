using RnnLab.Experiments;
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

        var descent = Minimize(field, x0, u);
        var states = descent.States;
        var q = tensor(descent.Q);
        var minimization = clock.Elapsed;

        var candidates = Select(x0, states, q);
        var newtonSteps = new int[k];
        var refined = new bool[k];
        var (refinedCount, notRefined) = (0, 0);
        if (Options.Refine)
        {
            // Newton from one point of each cluster the descent left below SlowTolerance, and from the
            // NewtonStarts lowest clusters above it: a state the descent gave up on may lie in Newton's basin.
            var qs = q.ToArray<double>();
            var extra = Unique(states, q, Enumerable.Range(0, (int)k).Where(i => qs[i] >= Options.SlowTolerance && double.IsFinite(qs[i])), Options.NewtonStarts);
            var starts = candidates.Concat(extra).ToList();
            Refine(field, states, q, u, starts, candidates.Count, refined, newtonSteps);
            // Those extra clusters that Newton could not finish follow the network's own flow at the condition
            // for FlowSteps Euler steps of dt, and Newton tries them again: the flow carries a state into the
            // basin of a stable fixed point that a ghost of q or a long plateau kept the descent from (a few
            // states, so this costs little when it finds nothing).
            var leftover = extra.Where(i => !refined[i]).ToList();
            if (leftover.Count > 0 && Options.FlowSteps > 0)
            {
                var rows = tensor(leftover.Select(i => (long)i).ToArray());
                var flowed = Flow(field, states.index_select(0, rows), u.index_select(0, rows), dt);
                var flowedQ = Q(field, flowed, u.index_select(0, rows)).ToArray<double>();
                var finite = Enumerable.Range(0, leftover.Count).Where(j => double.IsFinite(flowedQ[j])).ToList();
                if (finite.Count > 0)
                {
                    var keep = tensor(finite.Select(j => (long)j).ToArray());
                    states.index_copy_(0, rows.index_select(0, keep), flowed.index_select(0, keep));
                    q.index_copy_(0, rows.index_select(0, keep), tensor(finite.Select(j => flowedQ[j]).ToArray()));
                    var moved = finite.Select(j => leftover[j]).ToList();
                    var slowNow = finite.Where(j => flowedQ[j] < Options.SlowTolerance).Select(j => leftover[j]).ToList();
                    Refine(field, states, q, u, [.. slowNow, .. moved.Except(slowNow)], slowNow.Count, refined, newtonSteps);
                }
            }
            (refinedCount, notRefined) = (starts.Count(i => refined[i]), starts.Count(i => !refined[i]));
            // An exact root is kept however far it lies: the distance rule is for points the search merely stopped at.
            var refinedQ = q.ToArray<double>();
            candidates = Select(x0, states, q, starts, exact: i => refined[i] && refinedQ[i] < Options.FixedTolerance);
        }
        var refinement = clock.Elapsed - minimization;

        var points = candidates.Count == 0 ? [] : Describe(field, states, u, q, candidates, descent.Iterations, refined, newtonSteps, dt);
        return new FixedPointSearch(condition.to(float64).ToArray<double>(), points, candidates.Count, descent.Iterations.Max(), descent.LearningRate, clock.Elapsed, minimization)
        {
            Ends = new DescentEnds(Count(DescentEnd.Converged), Count(DescentEnd.Stalled), Count(DescentEnd.Capped), Count(DescentEnd.Diverged)),
            Refined = refinedCount,
            NotRefined = notRefined,
            Refinement = refinement,
        };

        int Count(DescentEnd end) => descent.Ends.Count(e => e == end);
    }

    private static Tensor Q(IVectorField field, Tensor x, Tensor u) => NewtonRefinement.Speed(field, x, u);

    // FlowSteps Euler steps of dt along the field: the network's own noise-free dynamics at the condition.
    private Tensor Flow(IVectorField field, Tensor x, Tensor u, double dt)
    {
        using var _ = no_grad();
        var r = x.clone();
        for (var step = 0; step < Options.FlowSteps; step++)
        {
            using var scope = NewDisposeScope();
            r.add_(field.Evaluate(r, u) * dt);
        }
        return r;
    }

    // Newton from these states (the first slowCount of them below SlowTolerance): to a root of F, and those
    // below SlowTolerance that reach none to the minimum of q that holds them. Writes states, q, refined and
    // the Newton steps back in place; a start Newton did not finish stays where it was.
    private void Refine(IVectorField field, Tensor states, Tensor q, Tensor u, List<int> starts, int slowCount, bool[] refined, int[] newtonSteps)
    {
        if (starts.Count == 0) return;
        using var scope = NewDisposeScope();
        var rows = tensor(starts.Select(i => (long)i).ToArray());
        var uRows = u.index_select(0, rows);
        var before = states.index_select(0, rows);
        var roots = NewtonRefinement.Roots(field, before, uRows, Options.NewtonSteps, Options.NewtonTolerance);
        // A root is one where q is a fixed point's: a step that stopped small elsewhere (J singular off the root) is no root.
        var rootQ = Q(field, roots.States, uRows).ToArray<double>();
        var isRoot = roots.Converged.Select((c, j) => c && rootQ[j] < Options.FixedTolerance).ToArray();
        states.index_copy_(0, rows, roots.States);
        for (var j = 0; j < starts.Count; j++) (refined[starts[j]], newtonSteps[starts[j]]) = (isRoot[j], newtonSteps[starts[j]] + roots.Steps[j]);
        var restore = Enumerable.Range(0, starts.Count).Where(j => roots.Converged[j] && !isRoot[j]).Select(j => (long)j).ToArray();
        if (restore.Length > 0)
        {
            var back = tensor(restore);
            states.index_copy_(0, rows.index_select(0, back), before.index_select(0, back));
        }
        var slow = Enumerable.Range(0, slowCount).Where(j => !isRoot[j]).ToList();
        if (slow.Count > 0)
        {
            var slowRows = tensor(slow.Select(j => (long)starts[j]).ToArray());
            var minima = NewtonRefinement.Minima(field, states.index_select(0, slowRows), u.index_select(0, slowRows), Options.NewtonSteps, Options.NewtonTolerance);
            states.index_copy_(0, slowRows, minima.States);
            for (var m = 0; m < slow.Count; m++) (refined[starts[slow[m]]], newtonSteps[starts[slow[m]]]) = (minima.Converged[m], newtonSteps[starts[slow[m]]] + minima.Steps[m]);
        }
        using (no_grad()) q.index_copy_(0, rows, Q(field, states.index_select(0, rows), uRows));
    }

    // Where the descent left each state (in the order of the starts), its q, the Adam steps it took and why it stopped.
    private sealed record Descent(Tensor States, double[] Q, int[] Iterations, DescentEnd[] Ends, double LearningRate);

    // Adam on q with one adaptive learning rate, as FixedPointFinder, but per state: a state leaves when its q
    // is below TolQ (converged), changed by less than TolDq in a step or fell by less than StallRatio over a
    // StallWindow of steps (stalled: a local minimum of q above 0, a ghost, holds it), is not finite
    // (diverged) or it has taken MaxIterations steps (capped). The rate follows the mean q of the states still descending,
    // so states stuck far from any slow point no longer hold back those closing in on one; those that left
    // stop costing anything.
    private Descent Minimize(IVectorField field, Tensor x0, Tensor u, bool stallRule = true)
    {
        var k = (int)x0.size(0);
        using var descent = ISpeedDescent.For(field, x0, u, Options.Kernel);
        var states = x0.clone();
        var (q, iterations, ends) = (new double[k], new int[k], new DescentEnd[k]);
        var active = Enumerable.Range(0, k).ToArray();       // the start each row of the descent holds
        double[]? previous = null;                              // each row's q one step before
        var anchor = new double[k];                             // each row's q at the start of its stall window
        Array.Fill(anchor, double.PositiveInfinity);
        var lr = Options.LearningRate;
        var better = 0;
        for (var iteration = 0; ; iteration++)
        {
            descent.Evaluate();
            var qs = descent.Q.ToArray<double>();
            var stay = new List<int>();
            var leave = new List<int>();
            for (var j = 0; j < active.Length; j++)
            {
                var windowEnds = iteration > 0 && iteration % Options.StallWindow == 0;
                DescentEnd? end = !double.IsFinite(qs[j]) ? DescentEnd.Diverged
                    : qs[j] < Options.TolQ ? DescentEnd.Converged
                    : previous is not null && Math.Abs(qs[j] - previous[j]) < Options.TolDq ? DescentEnd.Stalled
                    : windowEnds && stallRule && Options.StallRatio < 1 && qs[j] > Options.StallRatio * anchor[j] ? DescentEnd.Stalled
                    : iteration >= Options.MaxIterations ? DescentEnd.Capped
                    : null;
                if (windowEnds) anchor[j] = qs[j];
                if (end is not { } e) { stay.Add(j); continue; }
                (q[active[j]], iterations[active[j]], ends[active[j]]) = (qs[j], iteration, e);
                leave.Add(j);
            }
            if (leave.Count > 0)
            {
                using var scope = NewDisposeScope();
                states.index_copy_(0, tensor(leave.Select(j => (long)active[j]).ToArray()), descent.States.index_select(0, tensor(leave.Select(j => (long)j).ToArray())));
                if (stay.Count == 0) break;
                descent.Keep(tensor(stay.Select(j => (long)j).ToArray()));
            }
            // The rate follows the mean q of the states that go on, compared with theirs one step before.
            var mean = MeanOf(qs, stay);
            if (previous is not null && mean > MeanOf(previous, stay))
            {
                lr *= Options.LearningRateDecrease;
                better = 0;
            }
            else if (++better >= Options.IncreaseAfter)
            {
                lr *= Options.LearningRateIncrease;
                better = 0;
            }
            previous = [.. stay.Select(j => qs[j])];
            anchor = [.. stay.Select(j => anchor[j])];
            active = [.. stay.Select(j => active[j])];
            descent.Step(lr);
        }
        return new Descent(states, q, iterations, ends, lr);
    }

    // In row order, as the kernels sum: the same mean whatever else runs.
    private static double MeanOf(double[] values, List<int> rows)
    {
        var sum = 0.0;
        foreach (var j in rows) sum += values[j];
        return sum / rows.Count;
    }

    // Indices of the points kept (of those among, or of all): slow enough, not outliers (unless exact), unique (the lowest q of each cluster).
    private List<int> Select(Tensor x0, Tensor x, Tensor q, IReadOnlyCollection<int>? among = null, Func<int, bool>? exact = null)
    {
        var qs = q.ToArray<double>();
        var inside = NotOutliers(x0, x).ToHashSet();
        return Unique(x, q, (among ?? Enumerable.Range(0, qs.Length)).Where(i => qs[i] < Options.SlowTolerance && (inside.Contains(i) || exact?.Invoke(i) == true)), int.MaxValue);
    }

    // The states no farther from the initial states' centroid than OutlierFactor times their mean distance.
    private IEnumerable<int> NotOutliers(Tensor x0, Tensor x)
    {
        var centroid = x0.mean([0]);
        var meanInitialDistance = (x0 - centroid).norm(1).mean().ToDouble();
        var distance = (x - centroid).norm(1).ToArray<double>();
        var limit = Options.OutlierFactor * Math.Max(meanInitialDistance, 1e-12);
        return Enumerable.Range(0, distance.Length).Where(i => distance[i] <= limit);
    }

    // Of these states, in increasing q, those farther than UniqueDistance from every one taken before, at most limit of them.
    private List<int> Unique(Tensor x, Tensor q, IEnumerable<int> among, int limit)
    {
        var qs = q.ToArray<double>();
        var n = x.size(1);
        var states = x.ToArray<double>();
        var kept = new List<int>();
        foreach (var i in among.OrderBy(i => qs[i]))
        {
            if (kept.Count >= limit) break;
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

    private List<FixedPoint> Describe(IVectorField field, Tensor states, Tensor u, Tensor q, List<int> kept, int[] iterations, bool[] refined, int[] newtonSteps, double dt)
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
                iterations[kept[p]],
                qk[p] < Options.FixedTolerance ? PointKind.Fixed : PointKind.Slow,
                Matrix(js, p, n, n),
                Matrix(bs, p, n, inputs),
                lambda,
                modes,
                lambda.Select(l => 1 + dt * l).ToArray(),
                stability,
                unstable,
                hessian?.Min[p], hessian?.Max[p])
            {
                Refined = refined[kept[p]],
                NewtonSteps = newtonSteps[kept[p]],
            });
        }
        return points;
    }

    // Smallest and largest eigenvalues of the Hessian of q at each point, J^T J + sum_k F_k Hess(F_k) (NewtonRefinement.SpeedCurvature).
    private static (double[] Min, double[] Max)? HessianEigenvalueRange(IVectorField field, Tensor x, Tensor u)
    {
        var n = x.size(1);
        var eigenvalues = linalg.eigvalsh(NewtonRefinement.SpeedCurvature(field, x, u).Hessian);   // ascending
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
