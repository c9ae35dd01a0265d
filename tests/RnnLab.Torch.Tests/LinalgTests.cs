using RnnLab.Torch.Tests.TestSupport;

namespace RnnLab.Torch.Tests;

public class LinalgTests
{
    [Fact]
    public void Eigvals_OfTriangularMatrix_AreItsDiagonal()
    {
        using var scope = NewDisposeScope();
        var a = tensor(new[] { 2.0, 5, -1, 0, -3, 4, 0, 0, 0.5 }, [3, 3]);
        var values = linalg.eigvals(a);
        Assert.Equal(complex128, values.dtype);
        var re = values.real.ToArray<double>().Order().ToArray();
        Assert.Equal(new[] { -3.0, 0.5, 2.0 }, re.Select(v => Math.Round(v, 10)));
        Assert.All(values.imag.ToArray<double>(), v => Assert.Equal(0, v, 10));
    }

    [Fact]
    public void Eig_OfRotation_GivesUnitCirclePairAndEigenvectors()
    {
        using var scope = NewDisposeScope();
        var theta = 0.3;
        var r = tensor(new[] { Math.Cos(theta), -Math.Sin(theta), Math.Sin(theta), Math.Cos(theta) }, [2, 2]);
        var (values, vectors) = linalg.eig(r);
        var im = values.imag.ToArray<double>().Order().ToArray();
        Assert.Equal(-Math.Sin(theta), im[0], 12);
        Assert.Equal(Math.Sin(theta), im[1], 12);
        Assert.All(values.real.ToArray<double>(), v => Assert.Equal(Math.Cos(theta), v, 12));
        // R v = lambda v for each eigenpair, in complex arithmetic.
        var rc = complex(r, zeros_like(r));
        var lhs = rc.matmul(vectors);
        var rhs = vectors * values.unsqueeze(0);
        Expect.Close(lhs.real, rhs.real, atol: 1e-12);
        Expect.Close(lhs.imag, rhs.imag, atol: 1e-12);
    }

    [Fact]
    public void Eigh_OfSymmetricMatrix_ReconstructsIt()
    {
        using var scope = NewDisposeScope();
        var a = tensor(new[] { 2.0, 1, 1, 2 }, [2, 2]);
        var (values, vectors) = linalg.eigh(a);
        Expect.Values([1, 3], values, 1e-12);
        Expect.Close(a, vectors.matmul(values.diag()).matmul(vectors.t()), atol: 1e-12);
    }

    [Fact]
    public void Svd_ReconstructsMatrix_WithOrthonormalFactors()
    {
        using var scope = NewDisposeScope();
        using var g = new Generator(3);
        var a = randn([5, 3], g, float64);
        var (u, s, vh) = linalg.svd(a, full_matrices: false);
        Expect.Close(a, u.matmul(s.diag()).matmul(vh), atol: 1e-12);
        Expect.Close(eye(3, dtype: float64), u.t().matmul(u), atol: 1e-12);
        var sv = s.ToArray<double>();
        Assert.True(sv[0] >= sv[1] && sv[1] >= sv[2]);
        Expect.Close(s, linalg.svdvals(a), atol: 1e-12);
    }

    [Fact]
    public void Qr_ReconstructsMatrix()
    {
        using var scope = NewDisposeScope();
        using var g = new Generator(4);
        var a = randn([4, 3], g, float64);
        var (q, r) = linalg.qr(a);
        Expect.Close(a, q.matmul(r), atol: 1e-12);
        Expect.Close(r, r.triu(), atol: 0);
    }

    [Fact]
    public void Solve_Inv_Det_Pinv_AgainstKnownAnswers()
    {
        using var scope = NewDisposeScope();
        var a = tensor(new[] { 3.0, 1, 1, 2 }, [2, 2]);
        var x = tensor(new[] { 2.0, -1 }, [2, 1]);
        var b = a.matmul(x);
        Expect.Values([2, -1], linalg.solve(a, b), 1e-12);
        Expect.Values([0.4, -0.2, -0.2, 0.6], linalg.inv(a), 1e-12);
        Assert.Equal(5, linalg.det(a).item<double>(), 12);
        var (sign, logabsdet) = linalg.slogdet(a);
        Assert.Equal(1, sign.item<double>());
        Assert.Equal(Math.Log(5), logabsdet.item<double>(), 12);
        Expect.Close(linalg.inv(a), linalg.pinv(a), atol: 1e-12);
        Assert.Equal(Math.Sqrt(15), linalg.matrix_norm(a).item<double>(), 12);
        Assert.Equal(2, linalg.matrix_rank(tensor(new[] { 1.0, 2, 2, 4, 0, 1 }, [3, 2])).item<long>());
        Expect.Values([Math.E, 0, 0, Math.Exp(-1)], linalg.matrix_exp(tensor(new[] { 1.0, 0, 0, -1 }, [2, 2])), 1e-12);
        var (_, l) = (0, linalg.cholesky(a));
        Expect.Close(a, l.matmul(l.t()), atol: 1e-12);
    }
}
