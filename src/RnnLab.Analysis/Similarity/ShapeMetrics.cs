using TorchSharp;
using static TorchSharp.torch;

namespace RnnLab.Analysis.Similarity;

/// <summary>
/// Distances between the geometry of two sets of states, each [samples, units], the rows aligned (the same
/// condition and time step in both). The networks may have different numbers of units. Every metric
/// centres each unit first, so none sees a translation.
/// <list type="bullet">
/// <item><b>Procrustes</b> (angular; Williams et al. 2021, netrep's LinearMetric with alpha = 1): the angle
/// between X and Y after the best rotation, arccos(|XᵀY|_* / (|X|_F |Y|_F)). A metric; invariant to
/// orthogonal maps and isotropic scaling of either side, not to other linear maps.</item>
/// <item><b>CCA</b> (angular; netrep's alpha = 0 on the top principal components): arccos of the mean
/// canonical correlation between the two sets' top k principal subspaces. Invariant to any invertible
/// linear map within those subspaces.</item>
/// <item><b>Linear CKA</b> (Kornblith et al. 2019): 1 - |YᵀX|_F² / (|XᵀX|_F |YᵀY|_F). Invariant to orthogonal
/// maps and isotropic scaling; not a metric.</item>
/// </list>
/// All in float64.
/// </summary>
public static class ShapeMetrics
{
    /// <summary>The angular Procrustes distance, in radians (0 to pi/2).</summary>
    public static double Procrustes(Tensor x, Tensor y)
    {
        using var scope = NewDisposeScope();
        var (a, b) = Centred(x, y);
        var nuclear = linalg.svdvals(a.t().matmul(b)).sum().ToDouble();
        return Angle(nuclear / (Norm(a) * Norm(b)));
    }

    /// <summary>The angular CCA distance between the top dimensions principal subspaces, in radians (0 to pi/2).</summary>
    public static double Cca(Tensor x, Tensor y, int dimensions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        using var scope = NewDisposeScope();
        var (a, b) = Centred(x, y);
        // Whitened coordinates of each set are its left singular vectors: the canonical correlations are the
        // singular values of their product, the cosines of the principal angles between the two subspaces.
        var ua = Basis(a, dimensions);
        var ub = Basis(b, dimensions);
        var k = Math.Min(ua.size(1), ub.size(1));
        var correlations = linalg.svdvals(ua.t().matmul(ub)).narrow(0, 0, k);
        return Angle(correlations.mean().ToDouble());
    }

    /// <summary>One minus linear CKA (0 to 1).</summary>
    public static double Cka(Tensor x, Tensor y)
    {
        using var scope = NewDisposeScope();
        var (a, b) = Centred(x, y);
        var cross = linalg.matrix_norm(b.t().matmul(a)).ToDouble();
        var self = linalg.matrix_norm(a.t().matmul(a)).ToDouble() * linalg.matrix_norm(b.t().matmul(b)).ToDouble();
        return 1 - cross * cross / self;
    }

    private static (Tensor A, Tensor B) Centred(Tensor x, Tensor y)
    {
        if (x.dim() != 2 || y.dim() != 2 || x.size(0) != y.size(0))
            throw new ArgumentException($"shape metrics compare [samples, units] arrays with the same samples, got [{string.Join(", ", x.shape)}] and [{string.Join(", ", y.shape)}]");
        var a = x.to(float64);
        var b = y.to(float64);
        a = a - a.mean([0], keepdim: true);
        b = b - b.mean([0], keepdim: true);
        if (Norm(a) == 0 || Norm(b) == 0) throw new ArgumentException("shape metrics need states that vary: one set is constant");
        return (a, b);
    }

    // The orthonormal basis of the top k principal directions over samples (columns of U), dropping directions without variance.
    private static Tensor Basis(Tensor centred, int k)
    {
        var (u, s, _) = linalg.svd(centred, fullMatrices: false);
        var kept = Math.Min(k, (int)(s > s[0] * 1e-10).sum().ToInt64());
        return u.narrow(1, 0, kept);
    }

    private static double Norm(Tensor t) => linalg.matrix_norm(t).ToDouble();

    private static double Angle(double cosine) => Math.Acos(Math.Clamp(cosine, -1, 1));
}
