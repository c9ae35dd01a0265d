using TorchSharp;
using static TorchSharp.torch;

namespace RnnLab.Analysis.Linalg;

/// <summary>
/// Measures of a weight matrix and of a weight change that seed 002 reads (sections 4-5), each computed
/// with libtorch in float64.
/// </summary>
public static class MatrixMeasures
{
    /// <summary>
    /// Henrici's departure from normality, sqrt(|W|_F^2 - sum |lambda_i|^2): the Frobenius norm of the
    /// strictly upper-triangular part of W's Schur form; 0 exactly when W is normal. (Clamped at 0 against rounding.)
    /// </summary>
    public static double HenriciDeparture(Tensor w)
    {
        using var scope = NewDisposeScope();
        var m = w.to(float64);
        var frobenius = linalg.matrix_norm(m).ToDouble();
        var eigenvalues = linalg.eigvals(m).abs().square().sum().ToDouble();
        return Math.Sqrt(Math.Max(0, frobenius * frobenius - eigenvalues));
    }

    /// <summary>
    /// The strictly upper-triangular part N of W's complex Schur form W = Q T Qᴴ, T = Λ + N: its Frobenius
    /// norm (Henrici's departure, again, as a check) and its operator 2-norm. T is built from the
    /// eigendecomposition W = V Λ V⁻¹ and the QR factorization V = Q R as T = R Λ R⁻¹, which is upper
    /// triangular with Λ on its diagonal (libtorch has no Schur routine). The Frobenius norm of N does
    /// not depend on the order of the eigenvalues along T's diagonal but the 2-norm does; they are taken
    /// in descending real part, the order that puts the slowest modes first. Residual is
    /// |Q T Qᴴ - W|_F / |W|_F, which says how far an ill-conditioned V let T drift.
    /// </summary>
    public static SchurDeparture SchurDeparture(Tensor w)
    {
        using var scope = NewDisposeScope();
        var m = w.to(float64);
        var (values, vectors) = linalg.eig(m);
        var order = argsort(-values.real);
        values = values.index_select(0, order);
        vectors = vectors.index_select(1, order);
        var (q, r) = linalg.qr(vectors);
        var t = r.matmul(diag(values)).matmul(linalg.inv(r));
        var strictlyUpper = triu(t, 1);
        var residual = linalg.matrix_norm(q.matmul(t).matmul(q.conj().t()) - m.to(complex128)).ToDouble() / Math.Max(linalg.matrix_norm(m).ToDouble(), double.Epsilon);
        return new SchurDeparture(linalg.matrix_norm(strictlyUpper).ToDouble(), linalg.svdvals(strictlyUpper).max().ToDouble(), residual);
    }

    /// <summary>The operator 2-norm (largest singular value).</summary>
    public static double OperatorNorm(Tensor w)
    {
        using var scope = NewDisposeScope();
        return linalg.svdvals(w.to(float64)).max().ToDouble();
    }

    /// <summary>The Frobenius norm.</summary>
    public static double FrobeniusNorm(Tensor w)
    {
        using var scope = NewDisposeScope();
        return linalg.matrix_norm(w.to(float64)).ToDouble();
    }

    /// <summary>The largest eigenvalue modulus.</summary>
    public static double SpectralRadius(Tensor w)
    {
        using var scope = NewDisposeScope();
        return linalg.eigvals(w.to(float64)).abs().max().ToDouble();
    }

    /// <summary>The largest real part of the eigenvalues.</summary>
    public static double LargestRealPart(Tensor w)
    {
        using var scope = NewDisposeScope();
        return linalg.eigvals(w.to(float64)).real.max().ToDouble();
    }

    /// <summary>Singular values, descending.</summary>
    public static double[] SingularValues(Tensor w)
    {
        using var scope = NewDisposeScope();
        return linalg.svdvals(w.to(float64)).ToArray<double>();
    }

    /// <summary>
    /// Effective rank as the participation ratio of the squared singular values,
    /// (sum s_i^2)^2 / sum s_i^4: k for k equal singular values and the rest zero (low-rank learning,
    /// Schuessler et al. 2020).
    /// </summary>
    public static double EffectiveRank(double[] singularValues)
    {
        double s2 = 0, s4 = 0;
        foreach (var s in singularValues)
        {
            s2 += s * s;
            s4 += s * s * s * s;
        }
        return s4 == 0 ? 0 : s2 * s2 / s4;
    }

    /// <summary>The share of the squared Frobenius norm in the top k singular values.</summary>
    public static double TopVarianceShare(double[] singularValues, int k)
    {
        var total = singularValues.Sum(s => s * s);
        return total == 0 ? 0 : singularValues.Take(k).Sum(s => s * s) / total;
    }

    /// <summary>
    /// Principal angles (radians, ascending) between the column spaces of a [N, k] and b [N, m]: the
    /// arccosines of the singular values of Qa^T Qb, with Qa and Qb orthonormal bases from QR.
    /// </summary>
    public static double[] PrincipalAngles(Tensor a, Tensor b)
    {
        using var scope = NewDisposeScope();
        var (qa, _) = linalg.qr(a.to(float64));
        var (qb, _) = linalg.qr(b.to(float64));
        var cosines = linalg.svdvals(qa.t().matmul(qb)).clamp(-1, 1).ToArray<double>();
        return cosines.Select(Math.Acos).ToArray();
    }

    /// <summary>
    /// Eigenvector centrality of each unit in the weighted graph |W| (W[i, j] is the connection from unit
    /// j to unit i, so a unit is central when central units project onto it): the Perron eigenvector of
    /// |W|, non-negative and summing to 1. Found by power iteration on |W| + I (the shift keeps it from
    /// oscillating on bipartite graphs without changing the eigenvector).
    /// </summary>
    public static double[] EigenvectorCentrality(Tensor w, int iterations = 10_000, double tolerance = 1e-13)
    {
        using var scope = NewDisposeScope();
        var a = w.to(float64).abs();
        var n = a.size(0);
        var shifted = a + eye(n, dtype: float64);
        var x = ones([n], float64) / n;
        for (var i = 0; i < iterations; i++)
        {
            var next = shifted.matmul(x);
            next = next / next.sum();
            var change = (next - x).abs().max().ToDouble();
            x = next;
            if (change < tolerance) break;
        }
        return x.ToArray<double>();
    }

    /// <summary>Spearman's rank correlation of two samples (average ranks for ties).</summary>
    public static double SpearmanCorrelation(double[] x, double[] y)
    {
        if (x.Length != y.Length || x.Length < 2) throw new ArgumentException("Spearman correlation needs two samples of the same length, at least 2.");
        var rx = Ranks(x);
        var ry = Ranks(y);
        double mx = rx.Average(), my = ry.Average(), sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < rx.Length; i++)
        {
            sxy += (rx[i] - mx) * (ry[i] - my);
            sxx += (rx[i] - mx) * (rx[i] - mx);
            syy += (ry[i] - my) * (ry[i] - my);
        }
        return sxx == 0 || syy == 0 ? double.NaN : sxy / Math.Sqrt(sxx * syy);
    }

    private static double[] Ranks(double[] values)
    {
        var order = Enumerable.Range(0, values.Length).OrderBy(i => values[i]).ToArray();
        var ranks = new double[values.Length];
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end + 1 < order.Length && values[order[end + 1]] == values[order[start]]) end++;
            for (var k = start; k <= end; k++) ranks[order[k]] = (start + end) / 2.0 + 1;
            start = end + 1;
        }
        return ranks;
    }
}
