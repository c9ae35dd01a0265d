using RnnLab.Analysis.Similarity;

namespace RnnLab.Analysis.Tests.Similarity;

public class ShapeMetricsTests
{
    // States with structure: 300 samples of 6 units, unequal variances along random directions.
    private static Tensor States(Generator g) =>
        randn([300, 6], float64, generator: g).matmul(diag(tensor(new[] { 3.0, 2, 1.5, 1, 0.5, 0.2 }, float64))).matmul(Orthogonal(6, g)) + 4;

    internal static Tensor Orthogonal(int n, Generator g) => linalg.qr(randn([n, n], float64, generator: g)).Q;

    [Fact]
    public void EveryMetric_IsZero_UnderARotationATranslationAndAScaling()
    {
        using var scope = NewDisposeScope();
        using var g = new Generator(1);
        var x = States(g);
        var y = 2.5 * x.matmul(Orthogonal(6, g)) - 7;
        Assert.Equal(0, ShapeMetrics.Procrustes(x, y), 6);
        Assert.Equal(0, ShapeMetrics.Cca(x, y, 6), 6);
        Assert.Equal(0, ShapeMetrics.Cka(x, y), 9);
    }

    [Fact]
    public void CcaAlone_IsZeroUnderAnyInvertibleLinearMap_ProcrustesAndCkaAreNot()
    {
        using var scope = NewDisposeScope();
        using var g = new Generator(2);
        var x = States(g);
        // An anisotropic stretch: invertible, not a rotation.
        var stretch = Orthogonal(6, g).matmul(diag(tensor(new[] { 5.0, 1, 1, 0.3, 2, 1 }, float64))).matmul(Orthogonal(6, g));
        var y = x.matmul(stretch);
        Assert.Equal(0, ShapeMetrics.Cca(x, y, 6), 6);
        Assert.True(ShapeMetrics.Procrustes(x, y) > 0.05);
        Assert.True(ShapeMetrics.Cka(x, y) > 0.01);
    }

    [Fact]
    public void OneUnitEach_GivesTheClosedForms_OfTheirCorrelation()
    {
        // x and y = rho x + sqrt(1 - rho^2) v, with v orthogonal to x: Procrustes and CCA are arccos|rho|, CKA 1 - rho^2.
        using var scope = NewDisposeScope();
        using var g = new Generator(3);
        var u = randn([500, 1], float64, generator: g);
        u -= u.mean();
        u /= u.norm();
        var v = randn([500, 1], float64, generator: g);
        v -= v.mean();
        v -= u * (u * v).sum();
        v /= v.norm();
        foreach (var rho in new[] { 0.9, 0.3, -0.6 })
        {
            var y = rho * u + Math.Sqrt(1 - rho * rho) * v;
            Assert.Equal(Math.Acos(Math.Abs(rho)), ShapeMetrics.Procrustes(u, y), 9);
            Assert.Equal(Math.Acos(Math.Abs(rho)), ShapeMetrics.Cca(u, y, 1), 9);
            Assert.Equal(1 - rho * rho, ShapeMetrics.Cka(u, y), 9);
        }
    }

    [Fact]
    public void NetworksOfDifferentSizes_AreComparedAsTheSameStatesEmbeddedInMoreUnits()
    {
        // Three units embedded isometrically in five (orthonormal rows): the same geometry, so every distance is 0.
        using var scope = NewDisposeScope();
        using var g = new Generator(4);
        var x = States(g).narrow(1, 0, 3);
        var embed = Orthogonal(5, g).narrow(0, 0, 3);   // [3, 5], orthonormal rows
        var y = x.matmul(embed);
        Assert.Equal(0, ShapeMetrics.Procrustes(x, y), 6);
        Assert.Equal(0, ShapeMetrics.Cca(x, y, 5), 6);
        Assert.Equal(0, ShapeMetrics.Cka(x, y), 9);
    }

    [Fact]
    public void EveryMetric_IsSymmetric_AndPositiveForUnrelatedStates()
    {
        using var scope = NewDisposeScope();
        using var g = new Generator(5);
        var x = States(g);
        var y = States(g);
        foreach (var d in new Func<Tensor, Tensor, double>[] { ShapeMetrics.Procrustes, (a, b) => ShapeMetrics.Cca(a, b, 4), ShapeMetrics.Cka })
        {
            Assert.Equal(d(x, y), d(y, x), 9);
            Assert.True(d(x, y) > 0.1);
        }
    }
}
