using RnnLab.Analysis.Similarity;

namespace RnnLab.Analysis.Tests.Similarity;

public class DynamicalSimilarityTests
{
    // Trials [K, T, N] of x(t+1) = A x(t) + noise from random starts.
    private static Tensor Linear(Tensor a, int trials, int steps, Generator g, double noise = 0)
    {
        var n = a.size(0);
        var x = randn([trials, n], float64, generator: g);
        var states = new List<Tensor> { x };
        for (var t = 1; t < steps; t++)
        {
            x = x.matmul(a.t()) + noise * randn([trials, n], float64, generator: g);
            states.Add(x);
        }
        return stack(states, 1);
    }

    // A stable operator: a rotation scaled to spectral radius 0.95, mixed by a random basis.
    private static Tensor Operator(int n, Generator g)
    {
        var basis = randn([n, n], float64, generator: g) + 2 * eye(n, dtype: float64);
        var q = ShapeMetricsTests.Orthogonal(n, g);
        return basis.matmul(0.95 * q).matmul(linalg.inv(basis));
    }

    [Fact]
    public void TheEmbedding_PutsTheMostRecentSampleFirst_AndKeepsTrialsApart()
    {
        using var scope = NewDisposeScope();
        // Two trials of one unit: 0..5 and 10..15.
        var trials = arange(6, dtype: float64).reshape(1, 6, 1).repeat(2, 1, 1) + tensor(new[] { 0.0, 10 }, float64).reshape(2, 1, 1);
        var embedded = DelayEmbedding.Of(trials, delays: 3, interval: 2);
        Assert.Equal(new long[] { 2, 2, 3 }, embedded.shape);
        Assert.Equal(new[] { 4.0, 2, 0, 5, 3, 1, 14, 12, 10, 15, 13, 11 }, embedded.data<double>().ToArray());
    }

    [Fact]
    public void Dmd_RecoversALinearSystemsOwnOperator_FromItsTrajectories()
    {
        using var scope = NewDisposeScope();
        using var g = new Generator(1);
        var a = Operator(4, g);
        using var dmd = Dmd.Fit(DelayEmbedding.Of(Linear(a, trials: 5, steps: 30, g), delays: 1), lambda: 0);
        Assert.Equal(4, dmd.Rank);
        Assert.True((dmd.FullOperator() - a).abs().max().ToDouble() < 1e-8);
    }

    [Theory]
    [InlineData(6, 40, 12)]   // more samples than columns: HᵀH
    [InlineData(2, 5, 30)]    // more columns than samples: HHᵀ
    public void Dmd_TakesTheTopSingularValuesAndVectors_ThatLapacksSvdGives(int trials, int steps, int columns)
    {
        using var scope = NewDisposeScope();
        using var g = new Generator(7);
        // Columns of decreasing scale, so that the singular values are distinct and the basis well defined.
        var embedded = randn([trials, steps, columns], float64, generator: g) * exp(-0.3 * arange(columns, dtype: float64));
        using var dmd = Dmd.Fit(embedded, rank: 4);
        var (_, s, vh) = linalg.svd(embedded.reshape(trials * steps, columns), fullMatrices: false);
        Assert.True((dmd.Singular - s.narrow(0, 0, 4)).abs().max().ToDouble() < 1e-10 * s[0].ToDouble());
        // The same directions, each up to its sign.
        var overlap = dmd.Basis.t().matmul(vh.narrow(0, 0, 4).t()).abs();
        Assert.True((overlap - eye(4, dtype: float64)).abs().max().ToDouble() < 1e-8, string.Join(" ", overlap.data<double>().ToArray()));
    }

    [Fact]
    public void Dsa_IsZeroForTheSameDynamicsInRotatedCoordinates_AndNotForOtherDynamics()
    {
        using var scope = NewDisposeScope();
        using var g = new Generator(2);
        var options = new DsaOptions { Delays = 2, Rank = 6 };
        var a = Operator(4, g);
        var x = Linear(a, trials: 8, steps: 40, g, noise: 0.05);
        var rotated = x.matmul(ShapeMetricsTests.Orthogonal(4, g));
        var other = Linear(Operator(4, g), trials: 8, steps: 40, g, noise: 0.05);
        var systems = new[] { x, rotated, other }.Select(t => DynamicalSimilarity.Fit(t, options)).ToList();
        var (d, converged) = DynamicalSimilarity.Pairwise(systems, options);
        Assert.True(d[0, 1] < 1e-3, $"same dynamics, rotated: {d[0, 1]}");
        Assert.True(d[0, 2] > 0.1 && d[1, 2] > 0.1, $"other dynamics: {d[0, 2]}, {d[1, 2]}");
        Assert.Equal(d[0, 2], d[2, 0]);
        Assert.Equal(0, d[1, 1]);
        Assert.True(converged[0, 1]);
    }

    [Fact]
    public void TheSearch_FindsAnyRotationOrReflection_RelatingTwoOperators()
    {
        using var scope = NewDisposeScope();
        using var g = new Generator(3);
        var a = randn([5, 5], float64, generator: g);
        var rotation = ShapeMetricsTests.Orthogonal(5, g);
        if (linalg.det(rotation).ToDouble() < 0) rotation[0] = -rotation[0];
        var reflection = rotation.clone();
        reflection[0] = -reflection[0];
        // diag(1, -1, -1, 1, 1) has the eigenvalue -1, which the reference's Cayley map cannot reach.
        var flips = diag(tensor(new[] { 1.0, -1, -1, 1, 1 }, float64));
        var matches = OperatorProcrustes.Match([.. new[] { rotation, reflection, flips }.Select(q => (a, q.matmul(a).matmul(q.t())))]);
        Assert.All(matches, m => Assert.True(m.Angle < 1e-3, $"angle {m.Angle}"));
        Assert.All(matches, m => Assert.True(m.Converged));
    }
}
