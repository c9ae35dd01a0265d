using TorchSharp;
using static TorchSharp.torch;

namespace RnnLab.Analysis.Similarity;

/// <summary>
/// Reduced-rank dynamic mode decomposition of delay-embedded trials, as DSA fits it (mitchellostrow/DSA,
/// DMD.compute_havok_dmd): with the stacked embedding H = V S Uᵀ (SVD), the operator is fitted in the first
/// Rank columns of V, v(t+1) ≈ A v(t), by ridge least squares over consecutive steps of each trial,
/// A = ((VmᵀVm + λI)⁻¹ VmᵀVp)ᵀ. DSA compares these A; <see cref="FullOperator"/> maps A back to the embedding's
/// coordinates, U S A S⁻¹ Uᵀ (what recovers a linear system's own matrix).
/// </summary>
/// <param name="Operator">A [Rank, Rank].</param>
/// <param name="Basis">U [embedding dimension, Rank].</param>
/// <param name="Singular">The Rank largest singular values of H.</param>
public sealed record Dmd(Tensor Operator, Tensor Basis, Tensor Singular) : IDisposable
{
    /// <summary>The reference implementation's ridge (DMD class default).</summary>
    public const double DefaultLambda = 1e-8;

    /// <summary>Rank of the operator.</summary>
    public long Rank => Operator.size(0);

    /// <summary>Fits the operator to embedded trials [K, T, M]; rank null keeps every direction.</summary>
    public static Dmd Fit(Tensor embedded, int? rank = null, double lambda = DefaultLambda)
    {
        if (embedded.dim() != 3 || embedded.size(1) < 2) throw new ArgumentException($"DMD takes embedded trials [K, T >= 2, M], got [{string.Join(", ", embedded.shape)}]");
        using var scope = NewDisposeScope();
        var (k, t, m) = (embedded.size(0), embedded.size(1), embedded.size(2));
        var h = embedded.to(float64).reshape(k * t, m);
        var (v, s, uh) = Svd(h);
        // An SVD fixes each pair of singular vectors only up to sign; the sign that makes each column of V's
        // largest entry positive makes the operator a function of the data alone (rotated data give the same A).
        var signs = v.gather(0, v.abs().argmax(0, keepdim: true)).sign();
        signs = where(signs == 0, ones_like(signs), signs);
        v = v * signs;
        uh = uh * signs.t();
        var r = Math.Min(rank ?? s.size(0), s.size(0));
        var vr = v.narrow(1, 0, r).reshape(k, t, r);
        var vm = vr.narrow(1, 0, t - 1).reshape(-1, r);
        var vp = vr.narrow(1, 1, t - 1).reshape(-1, r);
        var gram = vm.t().matmul(vm) + lambda * eye(r, dtype: float64);
        var a = linalg.solve(gram, vm.t().matmul(vp)).t().contiguous();
        return new Dmd(a.MoveToOuterDisposeScope(), uh.narrow(0, 0, r).t().contiguous().MoveToOuterDisposeScope(), s.narrow(0, 0, r).contiguous().MoveToOuterDisposeScope());
    }

    // The thin SVD H = V S Uᵀ (Uᵀ returned as uh), from the eigendecomposition of the smaller Gram matrix, HᵀH or
    // HHᵀ: a trained network's embedding is thousands of columns wide (256 units x 10 delays), where LAPACK's
    // SVD of H costs several times the Gram product and its eigendecomposition. Squaring costs precision in the
    // directions whose singular value is below about 1e-6 of the largest; those are dropped, as directions
    // without dynamics (an all-zero H gives rank 0).
    private static (Tensor V, Tensor S, Tensor Uh) Svd(Tensor h)
    {
        var wide = h.size(0) < h.size(1);
        var gram = wide ? h.matmul(h.t()) : h.t().matmul(h);
        var (values, vectors) = linalg.eigh(gram);
        values = values.flip(0);
        vectors = vectors.flip(1);
        var kept = (int)(values > values[0].clamp_min(double.Epsilon) * 1e-12).sum().ToInt64();
        var s = values.narrow(0, 0, kept).sqrt();
        vectors = vectors.narrow(1, 0, kept);
        return wide
            ? (vectors, s, (h.t().matmul(vectors) / s).t())
            : (h.matmul(vectors) / s, s, vectors.t());
    }

    /// <summary>The operator in the embedding's coordinates: x(t+1) ≈ x(t) Fᵀ, F = U S A S⁻¹ Uᵀ.</summary>
    public Tensor FullOperator()
    {
        using var scope = NewDisposeScope();
        return Basis.matmul(diag(Singular)).matmul(Operator).matmul(diag(Singular.reciprocal())).matmul(Basis.t()).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Operator.Dispose();
        Basis.Dispose();
        Singular.Dispose();
    }
}
