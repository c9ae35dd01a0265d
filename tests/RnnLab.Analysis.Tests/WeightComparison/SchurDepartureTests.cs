using RnnLab.Analysis.Linalg;
using TorchSharp;
using RnnLab.Analysis.WeightComparison;

namespace RnnLab.Analysis.Tests.WeightComparison;

/// <summary>The non-normal part of the Schur form, against matrices whose Schur form is known and against Henrici's closed form.</summary>
public class SchurDepartureTests
{
    [Fact]
    public void ANormalMatrixHasNone()
    {
        using var scope = NewDisposeScope();
        using var g = new Generator(3);
        var a = randn([20, 20], float64, generator: g);
        var (q, _) = linalg.qr(a);
        var normal = q.matmul(diag(randn([20], float64, generator: g))).matmul(q.t());   // symmetric: normal

        var d = MatrixMeasures.SchurDeparture(normal);

        Assert.True(d.Frobenius < 1e-12 && d.Operator < 1e-12, $"{d}");
        Assert.True(d.Residual < 1e-13, $"{d}");
    }

    [Fact]
    public void ATwoByTwoTriangularMatrixKeepsItsCornerInAnyBasis()
    {
        // [[a, c], [0, b]] is its own Schur form, in either order of a and b |N| = |c|; a rotation changes nothing.
        using var scope = NewDisposeScope();
        var t = tensor(new double[,] { { 0.3, 2.5 }, { 0, -0.4 } });
        var angle = 0.7;
        var rotation = tensor(new double[,] { { Math.Cos(angle), -Math.Sin(angle) }, { Math.Sin(angle), Math.Cos(angle) } });

        var d = MatrixMeasures.SchurDeparture(rotation.matmul(t).matmul(rotation.t()));

        Assert.Equal(2.5, d.Frobenius, 12);
        Assert.Equal(2.5, d.Operator, 12);
    }

    [Fact]
    public void ItsFrobeniusNormIsHenricisClosedFormAndItsOperatorNormIsBoundedByIt()
    {
        using var scope = NewDisposeScope();
        using var g = new Generator(5);
        var w = randn([64, 64], float64, generator: g) / 8;

        var d = MatrixMeasures.SchurDeparture(w);

        Assert.True(d.Residual < 1e-12, $"residual {d.Residual}");
        Assert.Equal(MatrixMeasures.HenriciDeparture(w), d.Frobenius, 9);
        Assert.InRange(d.Operator, d.Frobenius / Math.Sqrt(63), d.Frobenius);   // rank of N is at most 63
    }
}

/// <summary>Henrici's measure grows like sqrt(N) for random matrices of spectral radius 1, and its relative form does not.</summary>
public class NonNormalityTests
{
    [Fact]
    public void RelativeToTheNormItIsTheSameAt128And256UnitsAndAbsoluteItIsNot()
    {
        // By the circular law the eigenvalues of W ~ N(0, 1/N) fill the unit disc, sum |lambda|^2 -> N/2
        // while |W|_F^2 -> N, so |N|_F -> sqrt(N/2) and |N|_F / |W|_F -> sqrt(1/2).
        using var scope = NewDisposeScope();
        NonNormality Of(int n)
        {
            using var g = new Generator((ulong)n);
            return NonNormality.Of(randn([n, n], float64, generator: g) / Math.Sqrt(n));
        }
        var (small, large) = (Of(128), Of(256));

        Assert.InRange(small.HenriciRelative, 0.66, 0.75);
        Assert.InRange(large.HenriciRelative, 0.66, 0.75);
        Assert.InRange(large.Henrici / small.Henrici, 1.3, 1.53);   // sqrt(2) = 1.41
        Assert.True(small.Residual < 1e-10 && large.Residual < 1e-10, $"{small.Residual}, {large.Residual}");
    }
}
