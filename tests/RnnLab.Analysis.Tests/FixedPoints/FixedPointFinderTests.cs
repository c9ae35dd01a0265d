using RnnLab.Experiments;
using RnnLab.Analysis.Dynamics;
using RnnLab.Analysis.FixedPoints;
using RnnLab.Models;

namespace RnnLab.Analysis.Tests.FixedPoints;

public class FixedPointFinderTests
{
    private static Tensor Around(double[] center, int count, double spread, ulong seed = 3)
    {
        using var g = new Generator(seed);
        return tensor(center, [1, center.Length]) + randn([count, center.Length], float64, generator: g) * spread;
    }

    [Fact]
    public void LinearNetwork_HasTheOneFixedPointOfTheLinearSolve_WithEigenvaluesOfWMinusIOverTau()
    {
        using var scope = NewDisposeScope();
        using var model = Networks.Random(new ModelOptions { Units = 6, Activation = Activation.Linear, Gain = 0.5, NoiseStd = 0 }, inputs: 2);
        var field = new RateRnnVectorField(model);
        var u = tensor(new[] { 0.3, -0.7 });
        var finder = new FixedPointFinder(new FixedPointOptions { InitialStates = 64, InitialNoiseStd = 0, MaxIterations = 20000 });
        var search = finder.Find(field, Around(new double[6], 64, 1.0), u, dt: 10);

        var w = model.EffectiveRecurrentWeights()[0];
        var state = model.StateOf(0);
        var expected = linalg.solve(eye(6, dtype: float64) - w, state["W_in"].matmul(u) + state["b"]).ToArray<double>();
        var point = Assert.Single(search.Points);
        Assert.Equal(PointKind.Fixed, point.Kind);
        Assert.True(point.Refined);
        // Newton's step on a linear field is the solve itself: the point is x* to rounding.
        for (var i = 0; i < 6; i++) Assert.True(Math.Abs(expected[i] - point.State[i]) < 1e-12, $"unit {i}: {point.State[i]} vs {expected[i]}");

        var lambda = linalg.eigvals((w - eye(6, dtype: float64)) / 100);
        var re = lambda.real.ToArray<double>().Order().ToArray();
        Assert.Equal(re, point.Eigenvalues.Select(l => l.Real).Order().ToArray(), (a, b) => Math.Abs(a - b) < 1e-12);
        Assert.Equal(Stability.Stable, point.Stability);
        Assert.All(point.MapEigenvalues.Zip(point.Eigenvalues), p => Assert.Equal(1 + 10 * p.Second, p.First));
        Assert.True(point.IsLocalMinimumOfQ);
    }

    [Fact]
    public void APointOnALineAttractor_IsNotAStrictMinimumOfQ_AndAnIsolatedOneIs()
    {
        // Linear, W = diag(1, 0.5), b = (0, 0.3): every r = (c, 0.6) is fixed, J = diag(0, -0.5)/tau is
        // singular, and q's Hessian JᵀJ is positive semi-definite but not definite. With W = diag(0.9, 0.5)
        // the one fixed point (0, 0.6) is isolated and q's Hessian is definite.
        using var scope = NewDisposeScope();
        var finder = new FixedPointFinder(new FixedPointOptions { InitialStates = 16, InitialNoiseStd = 0, MaxIterations = 20000 });
        FixedPoint Find(double w11)
        {
            using var model = Networks.WithWeights(Activation.Linear, new double[,] { { w11, 0 }, { 0, 0.5 } }, new double[,] { { 0 }, { 0 } }, [0, 0.3]);
            var search = finder.Find(new RateRnnVectorField(model), Around([0, 0.6], 16, 0.5), tensor(new[] { 0.0 }), dt: 10);
            return search.Points.First(p => p.Kind == PointKind.Fixed);
        }

        var onLine = Find(1.0);
        var isolated = Find(0.9);

        // q < 1e-14 bounds |F_2| = 0.5 |r_2 - 0.6| / tau by 1.4e-7, so |r_2 - 0.6| < 2.9e-5.
        Assert.True(Math.Abs(onLine.State[1] - 0.6) < 2.9e-5, $"r_2 = {onLine.State[1]}");
        Assert.True(onLine.HessianMinEigenvalue >= -1e-12 * onLine.HessianMaxEigenvalue);   // semi-definite, as JᵀJ always is
        Assert.False(onLine.IsLocalMinimumOfQ);
        Assert.Equal(0.25 / (100 * 100), isolated.HessianMaxEigenvalue!.Value, 12);          // 0.5² / tau²
        Assert.Equal(0.01 / (100 * 100), isolated.HessianMinEigenvalue!.Value, 12);          // 0.1² / tau²
        Assert.True(isolated.IsLocalMinimumOfQ);
    }

    [Fact]
    public void TwoUnitTanhNetwork_HasTwoStablePointsAndASaddleBetween()
    {
        // Mutual excitation w = 2: r1 = r2 = x with x = tanh(2x): x = 0 (eigenvalues (1, -3)/tau: a saddle)
        // and x = +-0.9575 (both stable).
        using var scope = NewDisposeScope();
        using var model = Networks.WithWeights(Activation.Tanh, new double[,] { { 0, 2 }, { 2, 0 } }, new double[,] { { 0 }, { 0 } }, [0, 0]);
        var field = new RateRnnVectorField(model);
        var finder = new FixedPointFinder(new FixedPointOptions { InitialStates = 200, MaxIterations = 6000 });
        using var g = new Generator(8);
        var starts = rand([200, 2], float64, generator: g) * 2.4 - 1.2;
        var search = finder.Find(field, starts, tensor(new[] { 0.0 }), dt: 10);

        var points = search.Points.Where(p => p.Kind == PointKind.Fixed).OrderBy(p => p.State[0]).ToList();
        Assert.Equal(3, points.Count);
        var x = Solve(v => Math.Tanh(2 * v) - v, 0.5, 1.5);
        Assert.Equal(-x, points[0].State[0], 6);
        Assert.Equal(0, points[1].State[0], 6);
        Assert.Equal(x, points[2].State[1], 6);
        Assert.Equal([Stability.Stable, Stability.Saddle, Stability.Stable], points.Select(p => p.Stability));
        Assert.Equal(1, points[1].UnstableDimensions);
        Assert.Equal(0.01, points[1].Eigenvalues[0].Real, 12);
        Assert.Equal(-0.03, points[1].Eigenvalues[1].Real, 12);
    }

    /// <summary>A root of f between lo and hi, where f changes sign, by bisection.</summary>
    internal static double Solve(Func<double, double> f, double lo, double hi)
    {
        for (var i = 0; i < 200; i++)
        {
            var mid = (lo + hi) / 2;
            if (Math.Sign(f(mid)) == Math.Sign(f(lo))) lo = mid; else hi = mid;
        }
        return (lo + hi) / 2;
    }

    [Fact]
    public void SlowPoints_AreTrueLocalMinimaOfQ_AndKeptApartFromFixedPoints()
    {
        // A 1-D-like ghost: r' = (-r + tanh(w r + b)) / tau just past a saddle-node has a slow region but no fixed point.
        using var scope = NewDisposeScope();
        using var model = Networks.WithWeights(Activation.Tanh, new double[,] { { 1.2 } }, new double[,] { { 0 } }, [0.05]);
        var field = new RateRnnVectorField(model);
        var finder = new FixedPointFinder(new FixedPointOptions { InitialStates = 50, SlowTolerance = 1e-5, MaxIterations = 3000 });
        using var g = new Generator(2);
        var search = finder.Find(field, rand([50, 1], float64, generator: g) * 2 - 1, tensor(new[] { 0.0 }), dt: 10);
        Assert.NotEmpty(search.Points);
        Assert.All(search.Points, p => Assert.True(p.IsLocalMinimumOfQ));
        Assert.All(search.Points, p => Assert.Equal(p.Kind, p.Q < 1e-14 ? PointKind.Fixed : PointKind.Slow));
    }
}
