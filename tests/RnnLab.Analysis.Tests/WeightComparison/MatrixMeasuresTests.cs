using RnnLab.Analysis.Linalg;
using RnnLab.Analysis.WeightComparison;

namespace RnnLab.Analysis.Tests.WeightComparison;

public class MatrixMeasuresTests
{
    [Fact]
    public void HenriciDeparture_IsZeroForSymmetric_AndTheOffDiagonalForTriangular()
    {
        using var scope = NewDisposeScope();
        using var g = new Generator(1);
        var a = randn([6, 6], float64, generator: g);
        Assert.True(MatrixMeasures.HenriciDeparture(a + a.t()) < 1e-6);
        // A Jordan block [[l, 1], [0, l]] departs by exactly 1; a triangular matrix by its strictly upper part.
        Assert.Equal(1, MatrixMeasures.HenriciDeparture(tensor(new[] { 0.7, 1, 0, 0.7 }, [2, 2])), 6);
        var upper = tensor(new[] { 1.0, 2, 3, 0, -1, 4, 0, 0, 2 }, [3, 3]);
        Assert.Equal(Math.Sqrt(4 + 9 + 16), MatrixMeasures.HenriciDeparture(upper), 9);
        // Orthogonal matrices are normal.
        var (q, _) = linalg.qr(randn([5, 5], float64, generator: g));
        Assert.True(MatrixMeasures.HenriciDeparture(q) < 1e-6);
    }

    [Fact]
    public void PrincipalAngles_OfPlantedSubspaces()
    {
        using var scope = NewDisposeScope();
        var theta = 0.4;
        // span(e1, e2) and span(e1, cos t e2 + sin t e3) in R^4: angles 0 and t.
        var a = tensor(new double[] { 1, 0, 0, 1, 0, 0, 0, 0 }, [4, 2]);
        var b = tensor(new double[] { 2, 0, 0, Math.Cos(theta), 0, Math.Sin(theta), 0, 0 }, [4, 2]);
        var angles = MatrixMeasures.PrincipalAngles(a, b).Order().ToArray();
        Assert.Equal(0, angles[0], 7);
        Assert.Equal(theta, angles[1], 9);
        var orthogonal = tensor(new double[] { 0, 0, 1, 0 }, [4, 1]);
        Assert.Equal(Math.PI / 2, MatrixMeasures.PrincipalAngles(a.narrow(1, 0, 1), orthogonal)[0], 9);
    }

    [Fact]
    public void EigenvectorCentrality_OfAStarAndARing()
    {
        using var scope = NewDisposeScope();
        // Star: hub 0 linked both ways to 4 leaves. Perron vector: hub 2, leaves 1 each (lambda = 2), normalized.
        var star = zeros([5, 5], float64);
        for (var leaf = 1; leaf < 5; leaf++)
        {
            star[0, leaf] = tensor(1.0);
            star[leaf, 0] = tensor(1.0);
        }
        var c = MatrixMeasures.EigenvectorCentrality(star);
        Assert.Equal(2.0 / 6, c[0], 9);
        Assert.All(c.Skip(1), v => Assert.Equal(1.0 / 6, v, 9));
        // Directed ring: every unit equally central.
        var ring = zeros([6, 6], float64);
        for (var i = 0; i < 6; i++) ring[(i + 1) % 6, i] = tensor(-0.5); // the sign does not matter: |W|
        Assert.All(MatrixMeasures.EigenvectorCentrality(ring), v => Assert.Equal(1.0 / 6, v, 9));
    }

    [Fact]
    public void EffectiveRank_OfAPlantedRankKChange_IsK()
    {
        using var scope = NewDisposeScope();
        using var g = new Generator(2);
        var (u, _) = linalg.qr(randn([30, 3], float64, generator: g));
        var (v, _) = linalg.qr(randn([30, 3], float64, generator: g));
        var change = u.matmul(v.t()) * 0.7;   // three equal singular values
        var s = MatrixMeasures.SingularValues(change);
        Assert.Equal(3, MatrixMeasures.EffectiveRank(s), 6);
        Assert.Equal(1, MatrixMeasures.TopVarianceShare(s, 3), 9);
        Assert.Equal(1.0 / 3, MatrixMeasures.TopVarianceShare(s, 1), 6);
    }

    [Fact]
    public void SpectralMeasures_AndSpearman_AgainstKnownValues()
    {
        using var scope = NewDisposeScope();
        var rotation = tensor(new[] { 0.0, -2, 2, 0 }, [2, 2]);       // eigenvalues +-2i
        Assert.Equal(2, MatrixMeasures.SpectralRadius(rotation), 9);
        Assert.Equal(0, MatrixMeasures.LargestRealPart(rotation), 9);
        Assert.Equal(1, MatrixMeasures.SpearmanCorrelation([1, 2, 3, 4], [10, 20, 30, 400]), 12);
        Assert.Equal(-1, MatrixMeasures.SpearmanCorrelation([1, 2, 3], [3, 2, 1]), 12);
        Assert.Equal(0.5, MatrixMeasures.SpearmanCorrelation([1, 2, 3], [1, 3, 2]), 12);
    }
}
