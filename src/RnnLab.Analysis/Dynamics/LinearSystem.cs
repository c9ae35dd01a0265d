using static TorchSharp.torch;

namespace RnnLab.Analysis.Dynamics;

/// <summary>
/// A linear(ized) system d(dr)/dt = A dr + B du around an operating point (r*, u*), with the field's
/// value there (zero at a fixed point, small at a slow point) kept as Offset so the affine
/// approximation F(r* + dr, u* + du) = Offset + A dr + B du is exact to first order.
/// </summary>
public sealed record LinearSystem(Tensor A, Tensor B, Tensor Offset) : IVectorField, IDisposable
{
    /// <inheritdoc />
    public long StateSize => A.size(0);

    /// <inheritdoc />
    public long InputSize => B.size(1);

    /// <summary>Offset + dr A^T + du B^T, row-wise (dr, du are deviations from the operating point).</summary>
    public Tensor Evaluate(Tensor r, Tensor u) => r.matmul(A.t()) + u.matmul(B.t()) + Offset;

    /// <summary>Eigenvalues of A (complex).</summary>
    public Tensor Eigenvalues() => linalg.eigvals(A);

    /// <summary>Releases the matrices.</summary>
    public void Dispose()
    {
        A.Dispose();
        B.Dispose();
        Offset.Dispose();
    }
}
