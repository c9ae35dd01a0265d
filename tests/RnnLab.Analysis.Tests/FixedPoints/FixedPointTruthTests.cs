using RnnLab.Experiments;
using RnnLab.Analysis.Dynamics;
using RnnLab.Analysis.FixedPoints;
using RnnLab.Models;

namespace RnnLab.Analysis.Tests.FixedPoints;

/// <summary>
/// Networks whose fixed points are known independently of the search: by a linear solve, by Newton's
/// method written out here in plain arithmetic from a grid of starts, or planted by construction.
/// </summary>
public class FixedPointTruthTests
{
    private const double Tau = 100;

    // W = Q diag(eigenvalues) Q^T for a random orthogonal Q: a symmetric W with the spectrum asked for.
    private static double[,] WithSpectrum(double[] eigenvalues, ulong seed)
    {
        using var scope = NewDisposeScope();
        using var g = new Generator(seed);
        var n = eigenvalues.Length;
        var (q, _) = linalg.qr(randn([n, n], float64, generator: g));
        var w = q.matmul(diag(tensor(eigenvalues))).matmul(q.t());
        return ToMatrix(w);
    }

    private static double[,] ToMatrix(Tensor t)
    {
        var (rows, cols) = ((int)t.size(0), (int)t.size(1));
        var flat = t.contiguous().ToArray<double>();
        var m = new double[rows, cols];
        for (var i = 0; i < rows; i++)
            for (var j = 0; j < cols; j++) m[i, j] = flat[i * cols + j];
        return m;
    }

    [Fact]
    public void IllConditionedLinearNetwork_GivesItsOneFixedPoint_ToARelativeErrorBelow1e9()
    {
        // W has an eigenvalue of 1.002, as the untrained linear perception network does: J = (W - I)/tau has
        // an eigenvalue of 2e-5 per ms, a condition number near 750, and descent on q all but stops along it.
        using var scope = NewDisposeScope();
        const int n = 24;
        using var g = new Generator(5);
        var spectrum = new[] { 1.002 }.Concat((rand([n - 1], float64, generator: g) * 1.4 - 0.5).ToArray<double>()).ToArray();
        var c = (randn([n], float64, generator: g) * 0.3).ToArray<double>();
        using var model = Networks.WithWeights(Activation.Linear, WithSpectrum(spectrum, 6), new double[n, 1], c);
        var search = new FixedPointFinder(new FixedPointOptions()).Find(new RateRnnVectorField(model), randn([256, n], float64, generator: g), tensor(new[] { 0.0 }), dt: 10);

        var w = model.EffectiveRecurrentWeights()[0];
        var expected = linalg.solve(eye(n, dtype: float64) - w, tensor(c));
        var point = Assert.Single(search.Points);
        Assert.Equal(PointKind.Fixed, point.Kind);
        Assert.True(point.Refined);
        var error = ((tensor(point.State) - expected).norm() / expected.norm()).ToDouble();
        Assert.True(error < 1e-9, $"relative error {error}");
        Assert.Equal(Stability.Saddle, point.Stability);                 // the eigenvalue above 1: one unstable mode
        Assert.Equal(0.002 / Tau, point.Eigenvalues[0].Real, 12);
        Assert.Equal(256, search.Ends.Converged + search.Ends.Stalled + search.Ends.Capped + search.Ends.Diverged);
    }

    [Fact]
    public void SmallTanhNetwork_GivesEveryFixedPointThatNewtonFromAGridFinds_AndNoOther_WithItsStability()
    {
        using var scope = NewDisposeScope();
        const int n = 3;
        var w = new double[,] { { 0.2, 1.9, -0.4 }, { 1.7, -0.1, 0.6 }, { -0.5, 0.8, 1.6 } };
        var b = new[] { 0.05, -0.1, 0.02 };
        using var model = Networks.WithWeights(Activation.Tanh, w, new double[n, 1], b);

        // Independent: Newton on g(r) = tanh(W r + b) - r from every point of a grid over (-1.1, 1.1)^3,
        // each step a 3x3 solve by Cramer's rule; roots closer than 1e-8 are one.
        var roots = new List<double[]>();
        var grid = Enumerable.Range(0, 13).Select(i => -1.1 + 2.2 * i / 12).ToArray();
        foreach (var x0 in grid)
            foreach (var y0 in grid)
                foreach (var z0 in grid)
                    if (NewtonRoot(w, b, [x0, y0, z0]) is { } root && !roots.Any(r => Distance(r, root) < 1e-8)) roots.Add(root);
        Assert.InRange(roots.Count, 3, 27);

        using var g = new Generator(4);
        var search = new FixedPointFinder(new FixedPointOptions { InitialStates = 1024 }).Find(new RateRnnVectorField(model),
            rand([1024, n], float64, generator: g) * 2.2 - 1.1, tensor(new[] { 0.0 }), dt: 10);
        var found = search.Points.Where(p => p.Kind == PointKind.Fixed).ToList();
        Assert.Equal(roots.Count, found.Count);
        foreach (var root in roots)
        {
            var match = Assert.Single(found, p => Distance(p.State, root) < 1e-9);
            Assert.True(match.Refined);
            // The stability from the root's own Jacobian, (diag(1 - tanh^2) W - I) / tau.
            var j = new double[n, n];
            for (var r = 0; r < n; r++)
            {
                var t = Math.Tanh(Enumerable.Range(0, n).Sum(k => w[r, k] * root[k]) + b[r]);
                for (var k = 0; k < n; k++) j[r, k] = ((1 - t * t) * w[r, k] - (r == k ? 1 : 0)) / Tau;
            }
            var unstable = linalg.eigvals(tensor(j.Cast<double>().ToArray(), [n, n])).real.ToArray<double>().Count(l => l > 0);
            Assert.Equal(unstable, match.UnstableDimensions);
            Assert.Equal(unstable == 0 ? Stability.Stable : unstable == n ? Stability.Unstable : Stability.Saddle, match.Stability);
        }
    }

    private static double Distance(double[] a, double[] b) => Math.Sqrt(a.Zip(b).Sum(p => (p.First - p.Second) * (p.First - p.Second)));

    private static double[]? NewtonRoot(double[,] w, double[] b, double[] start)
    {
        var x = (double[])start.Clone();
        for (var step = 0; step < 100; step++)
        {
            var g = new double[3];
            var j = new double[3, 3];
            for (var r = 0; r < 3; r++)
            {
                var t = Math.Tanh(w[r, 0] * x[0] + w[r, 1] * x[1] + w[r, 2] * x[2] + b[r]);
                g[r] = t - x[r];
                for (var k = 0; k < 3; k++) j[r, k] = (1 - t * t) * w[r, k] - (r == k ? 1 : 0);
            }
            if (g.Max(Math.Abs) < 1e-14) return x;
            var det = Det(j);
            if (Math.Abs(det) < 1e-14) return null;
            for (var k = 0; k < 3; k++)
            {
                var jk = (double[,])j.Clone();
                for (var r = 0; r < 3; r++) jk[r, k] = -g[r];
                x[k] += Det(jk) / det;
            }
            if (x.Any(v => !double.IsFinite(v) || Math.Abs(v) > 10)) return null;
        }
        return null;
    }

    private static double Det(double[,] m) =>
        m[0, 0] * (m[1, 1] * m[2, 2] - m[1, 2] * m[2, 1]) - m[0, 1] * (m[1, 0] * m[2, 2] - m[1, 2] * m[2, 0]) + m[0, 2] * (m[1, 0] * m[2, 1] - m[1, 1] * m[2, 0]);

    [Fact]
    public void ReluNetwork_WithAPlantedPattern_GivesThatFixedPointExactly_AndEveryPointSolvesItsOwnPatternsSystem()
    {
        // r* is positive on the units of a chosen pattern and 0 elsewhere; b makes it fixed: on the pattern
        // b = r* - W r*, off it b = -W r* - 0.2 (pre-activation below 0).
        using var scope = NewDisposeScope();
        const int n = 30;
        using var g = new Generator(9);
        var wt = randn([n, n], float64, generator: g) * (0.9 / Math.Sqrt(n));
        var active = (rand([n], float64, generator: g) < 0.5).ToArray<bool>();
        var planted = (rand([n], float64, generator: g) * 0.8 + 0.1).ToArray<double>().Select((v, i) => active[i] ? v : 0).ToArray();
        var drive = wt.matmul(tensor(planted)).ToArray<double>();
        var b = Enumerable.Range(0, n).Select(i => active[i] ? planted[i] - drive[i] : -drive[i] - 0.2).ToArray();
        var w = ToMatrix(wt);
        using var model = Networks.WithWeights(Activation.Relu, w, new double[n, 1], b);
        var starts = tensor(planted, [1, n]) + randn([512, n], float64, generator: g) * 0.3;
        var search = new FixedPointFinder(new FixedPointOptions { InitialStates = 512 }).Find(new RateRnnVectorField(model), starts, tensor(new[] { 0.0 }), dt: 10);

        var point = Assert.Single(search.Points, p => Distance(p.State, planted) < 1e-3);
        Assert.Equal(PointKind.Fixed, point.Kind);
        Assert.True(point.Refined);
        Assert.True(Distance(point.State, planted) < 1e-12, $"|r - r*| = {Distance(point.State, planted)}");
        foreach (var p in search.Points.Where(p => p.Refined))
        {
            // Independent of the search: the pattern of W r + b, and the solve of (I - D W) r = D b it gives.
            var pre = Enumerable.Range(0, n).Select(i => Enumerable.Range(0, n).Sum(k => w[i, k] * p.State[k]) + b[i]).ToArray();
            var d = diag(tensor(pre.Select(v => v > 0 ? 1.0 : 0.0).ToArray()));
            var solved = linalg.solve(eye(n, dtype: float64) - d.matmul(wt), d.matmul(tensor(b))).ToArray<double>();
            Assert.True(Distance(p.State, solved) < 1e-12, $"a refined point is {Distance(p.State, solved)} from its pattern's solution");
            Assert.True(p.Speed < 1e-15, $"|F| = {p.Speed}");
        }
    }

    [Fact]
    public void StatesHeldByAGhost_StallAndLeave_WhileTheOthersReachTheFixedPoint()
    {
        // r' = (-r + tanh(1.2 r + 0.07)) / tau is just past the saddle-node at b = 0.0567: on the left a ghost, a
        // local minimum of q above 0 near r = -0.4, and one stable fixed point on the right.
        using var scope = NewDisposeScope();
        using var model = Networks.WithWeights(Activation.Tanh, new double[,] { { 1.2 } }, new double[,] { { 0 } }, [0.07]);
        var starts = tensor(Enumerable.Range(0, 40).Select(i => -1.0 + 2.0 * i / 39).ToArray(), [40, 1]);
        var options = new FixedPointOptions { SlowTolerance = 1e-6, MaxIterations = 20000 };
        var search = new FixedPointFinder(options).Find(new RateRnnVectorField(model), starts, tensor(new[] { 0.0 }), dt: 10);

        var root = FixedPointFinderTests.Solve(x => Math.Tanh(1.2 * x + 0.07) - x, 0.3, 1.2);
        var fixedPoint = Assert.Single(search.Points, p => p.Kind == PointKind.Fixed);
        Assert.Equal(root, fixedPoint.State[0], 12);
        Assert.True(fixedPoint.Refined);
        // The ghost: no root for Newton on F, and Newton on grad q takes every state it held to one minimum of q,
        // where F' = 0: 1.2 sech^2(1.2 r + 0.07) = 1, independent of the search.
        var ghost = Assert.Single(search.Points, p => p.Kind == PointKind.Slow);
        Assert.True(ghost.Refined);
        Assert.Equal((-Math.Atanh(Math.Sqrt(1 - 1 / 1.2)) - 0.07) / 1.2, ghost.State[0], 7);
        Assert.True(ghost.IsLocalMinimumOfQ);
        // Every state ends once, the ghost's by stalling, long before the cap.
        Assert.Equal(40, search.Ends.Converged + search.Ends.Stalled + search.Ends.Capped + search.Ends.Diverged);
        Assert.True(search.Ends.Stalled > 0 && search.Ends.Converged > 0, $"{search.Ends}");
        Assert.Equal(0, search.Ends.Capped);
        Assert.True(search.Iterations < options.MaxIterations / 4, $"{search.Iterations} iterations");
    }

    [Fact]
    public void StatesAGhostHolds_FollowTheFlow_IntoTheStableFixedPointBeyondIt()
    {
        // The ghost above, with every start on its left and SlowTolerance below the ghost's q: the descent stalls
        // at the ghost, and two Newton steps from there reach no root (in one dimension more would find it by
        // jumping the bottleneck; a trained network's is not so easily jumped). The network's own flow carries
        // the states past the bottleneck to the stable fixed point, where two steps are enough.
        using var scope = NewDisposeScope();
        using var model = Networks.WithWeights(Activation.Tanh, new double[,] { { 1.2 } }, new double[,] { { 0 } }, [0.07]);
        var starts = tensor(Enumerable.Range(0, 20).Select(i => -1.0 + 0.5 * i / 19).ToArray(), [20, 1]);
        FixedPointSearch Search(int flowSteps) => new FixedPointFinder(new FixedPointOptions { SlowTolerance = 1e-12, NewtonSteps = 2, FlowSteps = flowSteps })
            .Find(new RateRnnVectorField(model), starts, tensor(new[] { 0.0 }), dt: 10);

        Assert.Empty(Search(flowSteps: 0).Points);
        var point = Assert.Single(Search(flowSteps: 500).Points);
        Assert.Equal(FixedPointFinderTests.Solve(x => Math.Tanh(1.2 * x + 0.07) - x, 0.3, 1.2), point.State[0], 12);
        Assert.Equal(Stability.Stable, point.Stability);
    }

    [Fact]
    public void AnExactFixedPointFarFromEveryStart_IsKept_WhereAPointTheSearchMerelyStoppedAtWouldBeAnOutlier()
    {
        // Linear, W = I/2, b = 50: the one fixed point is r = (100, 100), some 140 from starts spread about 0.3
        // around 0, far beyond OutlierFactor (10) times their mean distance from their centroid.
        using var scope = NewDisposeScope();
        using var model = Networks.WithWeights(Activation.Linear, new double[,] { { 0.5, 0 }, { 0, 0.5 } }, new double[,] { { 0 }, { 0 } }, [50, 50]);
        using var g = new Generator(1);
        var search = new FixedPointFinder(new FixedPointOptions { InitialStates = 64 }).Find(new RateRnnVectorField(model),
            randn([64, 2], float64, generator: g) * 0.3, tensor(new[] { 0.0 }), dt: 10);
        var point = Assert.Single(search.Points);
        Assert.True(point.Refined);
        Assert.Equal([100.0, 100.0], point.State.Select(v => Math.Round(v, 10)));
    }

    [Theory]
    [InlineData(Activation.Relu)]
    [InlineData(Activation.Tanh)]
    [InlineData(Activation.LeakyRelu)]
    [InlineData(Activation.Softplus)]
    [InlineData(Activation.Linear)]
    public void RateRnnClosedForms_AreAutogradsJacobian_AndGradientAndHessianOfQ(Activation activation)
    {
        using var scope = NewDisposeScope();
        using var model = Networks.Random(new ModelOptions { Units = 7, Activation = activation, LeakyReluAngle = activation == Activation.LeakyRelu ? 0.3 : 0, NoiseStd = 0 }, inputs: 2);
        var field = new RateRnnVectorField(model);
        using var g = new Generator(3);
        var r = randn([4, 7], float64, generator: g);
        var u = randn([4, 2], float64, generator: g);
        var off = (field.Jacobian(r, u) - Linearizer.StateJacobian(field, r, u)).abs().max().ToDouble();
        Assert.True(off < 1e-15, $"Jacobian off by {off}");

        Tensor Gradient(Tensor x)
        {
            var uu = u.repeat(x.size(0) / u.size(0), 1);
            var q = (field.Evaluate(x, uu).square().sum(1) * 0.5).sum();
            return autograd.grad([q], [x], retain_graph: true, create_graph: true)[0]!;
        }
        Tensor gradient, hessian;
        using (enable_grad())
        {
            gradient = Gradient(r.detach().requires_grad_(true)).detach();
            hessian = BatchedJacobian.Of(Gradient, r, outputSize: 7);
        }
        var (closedGradient, closedHessian) = field.SpeedCurvature(r, u);
        var scale = hessian.abs().max().ToDouble();
        Assert.True((closedGradient - gradient).abs().max().ToDouble() < 1e-15, "gradient");
        Assert.True((closedHessian - hessian).abs().max().ToDouble() < 1e-12 * scale, $"Hessian off by {(closedHessian - hessian).abs().max().ToDouble()}");
    }
}
