using Xunit.Abstractions;
using RnnLab.Analysis.Similarity;

namespace RnnLab.Analysis.Tests.Similarity;

/// <summary>
/// DSA's central case (Ostrow et al. 2023, Fig. 3; mitchellostrow/DSA, examples/dsa_fig3_tutorial.ipynb):
/// two-dimensional systems with a bistable, a line and a point attractor, driven by a coherence of -0.1 or
/// +0.1, the last two fed an input that makes their condition-averaged trajectories those of a bistable
/// system. Their averages are then the same, so a comparison of geometry cannot tell them apart; their
/// dynamics differ, and DSA must.
/// </summary>
public class AttractorTypesTests(ITestOutputHelper output)
{
    private const double Dt = 0.01, Sigma = 0.05;
    private const int Steps = 2000, Every = 10, TrialsPerCondition = 100;

    private enum Kind { Bistable, Line, Point }

    // Trials [2 x TrialsPerCondition, Steps / Every, 2], Euler steps with noise dt N(0, sigma) (as the notebook adds it).
    private static Tensor Simulate(Kind kind, Generator g, Tensor? matchAverages)
    {
        var n = 2 * TrialsPerCondition;
        var coherence = cat([full([TrialsPerCondition, 1], -0.1, float64), full([TrialsPerCondition, 1], 0.1, float64)]);
        double U(double low, double high) => low + (high - low) * rand([1], float64, generator: g).ToDouble();
        var (a, b, c) = (U(-5, -4), U(4, 5), U(-4, -3));
        Tensor linear;
        if (kind == Kind.Line)
        {
            var r = tensor(new[] { 1.0, 0, 1 / Math.Sqrt(2), 1 / Math.Sqrt(2) }, [2, 2], float64);
            var rotation = tensor(new[] { Math.Cos(Math.PI / 4), -Math.Sin(Math.PI / 4), Math.Sin(Math.PI / 4), Math.Cos(Math.PI / 4) }, [2, 2], float64);
            linear = rotation.matmul(r).matmul(diag(tensor(new[] { 0, U(-3, -2) }, float64))).matmul(linalg.inv(r));
        }
        else
        {
            linear = diag(tensor(new[] { -Math.Abs(U(-5, -4)), -Math.Abs(U(-9, -8)) }, float64));
        }
        var x = zeros([n, 2], float64);
        var kept = new List<Tensor>();
        for (var t = 0; t < Steps; t++)
        {
            using var step = NewDisposeScope();
            Tensor drift;
            if (kind == Kind.Bistable)
            {
                var x0 = x.narrow(1, 0, 1);
                var x1 = x.narrow(1, 1, 1);
                drift = cat([a * x0.pow(3) + b * x0 + coherence, c * x1 + coherence], 1);
            }
            else
            {
                drift = x.matmul(linear.t()) + coherence;
                if (matchAverages is not null)
                {
                    // The input that brings each condition's mean to the bistable system's mean at this step.
                    var mean = cat([x.narrow(0, 0, TrialsPerCondition).mean([0], keepdim: true).expand(TrialsPerCondition, 2),
                        x.narrow(0, TrialsPerCondition, TrialsPerCondition).mean([0], keepdim: true).expand(TrialsPerCondition, 2)]);
                    var target = matchAverages.select(0, t);   // [n, 2]: the bistable mean of each trial's condition
                    drift = drift + (target - mean - Dt * (mean.matmul(linear.t()) + coherence)) / Dt;
                }
            }
            x = (x + Dt * (drift + Sigma * randn([n, 2], float64, generator: g))).MoveToOuterDisposeScope();
            if ((t + 1) % Every == 0) kept.Add(x.clone().MoveToOuterDisposeScope());
        }
        return stack(kept, 1);
    }

    // The bistable reference's condition means at every Euler step, expanded to every trial: [Steps, n, 2].
    private static Tensor Averages(Generator g)
    {
        var reference = SimulateEveryStep(g);
        var first = reference.narrow(1, 0, TrialsPerCondition).mean([1], keepdim: true).expand(-1, TrialsPerCondition, -1);
        var second = reference.narrow(1, TrialsPerCondition, TrialsPerCondition).mean([1], keepdim: true).expand(-1, TrialsPerCondition, -1);
        return cat([first, second], 1);
    }

    private static Tensor SimulateEveryStep(Generator g)
    {
        var n = 2 * TrialsPerCondition;
        var coherence = cat([full([TrialsPerCondition, 1], -0.1, float64), full([TrialsPerCondition, 1], 0.1, float64)]);
        var x = zeros([n, 2], float64);
        var states = new List<Tensor>();
        for (var t = 0; t < Steps; t++)
        {
            var x0 = x.narrow(1, 0, 1);
            var x1 = x.narrow(1, 1, 1);
            var drift = cat([-4.5 * x0.pow(3) + 4.5 * x0 + coherence, -3.5 * x1 + coherence], 1);
            x = x + Dt * (drift + Sigma * randn([n, 2], float64, generator: g));
            states.Add(x);
        }
        return stack(states);
    }

    private static double NearestNeighbourAccuracy(double[,] d, IReadOnlyList<Kind> kinds) =>
        Enumerable.Range(0, kinds.Count).Count(i => kinds[Enumerable.Range(0, kinds.Count).Where(j => j != i).MinBy(j => d[i, j])] == kinds[i]) / (double)kinds.Count;

    [Fact]
    [Trait("Category", "Slow")]
    public void DsaTellsTheAttractorsApart_AGeometryComparisonOfTheirAveragesCannot()
    {
        using var scope = NewDisposeScope();
        using var g = new Generator(2023);
        var averages = Averages(g);
        var kinds = new[] { Kind.Bistable, Kind.Line, Kind.Point }.SelectMany(k => Enumerable.Repeat(k, 3)).ToList();
        var systems = kinds.Select(k => Simulate(k, g, k == Kind.Bistable ? null : averages)).ToList();

        var options = new DsaOptions { Delays = 10, Rank = 10 };
        var (dsa, _) = DynamicalSimilarity.Pairwise([.. systems.Select(s => DynamicalSimilarity.Fit(s, options))], options);

        // Geometry of the condition-averaged trajectories: [2 conditions x time, 2].
        var averaged = systems.Select(s => cat([s.narrow(0, 0, TrialsPerCondition).mean([0]), s.narrow(0, TrialsPerCondition, TrialsPerCondition).mean([0])])).ToList();
        var procrustes = new double[kinds.Count, kinds.Count];
        for (var i = 0; i < kinds.Count; i++)
            for (var j = 0; j < kinds.Count; j++) procrustes[i, j] = i == j ? 0 : ShapeMetrics.Procrustes(averaged[i], averaged[j]);

        foreach (var (name, d) in new[] { ("DSA", dsa), ("Procrustes of the averages", procrustes) })
        {
            output.WriteLine($"{name} (rows and columns: 3 bistable, 3 line, 3 point); nearest-neighbour accuracy {NearestNeighbourAccuracy(d, kinds):P0}");
            for (var i = 0; i < kinds.Count; i++)
                output.WriteLine(string.Join(" ", Enumerable.Range(0, kinds.Count).Select(j => d[i, j].ToString("F3", System.Globalization.CultureInfo.InvariantCulture))));
        }
        Assert.Equal(1.0, NearestNeighbourAccuracy(dsa, kinds));
        // The line and point attractors were made to share the reference's averages: geometry sees one system.
        for (var i = 3; i < 9; i++)
            for (var j = 3; j < 9; j++) Assert.True(procrustes[i, j] < 0.01, $"Procrustes {kinds[i]} vs {kinds[j]}: {procrustes[i, j]}");
        Assert.True(NearestNeighbourAccuracy(procrustes, kinds) < 0.8);
    }
}
