using System.Text;
using RnnLab.Torch.Interop;
using static RnnLab.Torch.Interop.NativeMethods;

namespace RnnLab.Torch;

public static partial class torch
{
    /// <summary>LAPACK-backed linear algebra, batched over leading dimensions, differentiable where torch's is.</summary>
    public static class linalg
    {
        /// <summary>Eigenvalues and right eigenvectors of a general square matrix (complex results).</summary>
        public static unsafe (Tensor eigenvalues, Tensor eigenvectors) eig(Tensor A)
        {
            IntPtr v, w;
            NativeError.Check(rl_linalg_eig(A.Handle, &v, &w), "linalg.eig", A);
            return (new Tensor(v), new Tensor(w));
        }

        /// <summary>Eigenvalues of a general square matrix (complex).</summary>
        public static Tensor eigvals(Tensor A) => NativeError.Wrap(rl_linalg_eigvals(A.Handle), "linalg.eigvals", A);

        /// <summary>Eigenvalues (ascending) and orthonormal eigenvectors of a symmetric matrix.</summary>
        public static unsafe (Tensor eigenvalues, Tensor eigenvectors) eigh(Tensor A, string UPLO = "L")
        {
            IntPtr v, w;
            NativeError.Check(rl_linalg_eigh(A.Handle, Upper(UPLO), &v, &w), "linalg.eigh", A);
            return (new Tensor(v), new Tensor(w));
        }

        /// <summary>Eigenvalues (ascending) of a symmetric matrix.</summary>
        public static Tensor eigvalsh(Tensor A, string UPLO = "L") =>
            NativeError.Wrap(rl_linalg_eigvalsh(A.Handle, Upper(UPLO)), "linalg.eigvalsh", A);

        /// <summary>A = U diag(S) Vh, singular values descending.</summary>
        public static unsafe (Tensor U, Tensor S, Tensor Vh) svd(Tensor A, bool full_matrices = true)
        {
            IntPtr u, s, vh;
            NativeError.Check(rl_linalg_svd(A.Handle, full_matrices ? 1 : 0, &u, &s, &vh), "linalg.svd", A);
            return (new Tensor(u), new Tensor(s), new Tensor(vh));
        }

        /// <summary>Singular values, descending.</summary>
        public static Tensor svdvals(Tensor A) => NativeError.Wrap(rl_linalg_svdvals(A.Handle), "linalg.svdvals", A);

        /// <summary>A = QR; mode "reduced", "complete" or "r".</summary>
        public static unsafe (Tensor Q, Tensor R) qr(Tensor A, string mode = "reduced")
        {
            var m = mode switch
            {
                "reduced" => 0,
                "complete" => 1,
                "r" => 2,
                _ => throw new ArgumentException($"qr mode '{mode}' is not one of reduced, complete, r.", nameof(mode)),
            };
            IntPtr q, r;
            NativeError.Check(rl_linalg_qr(A.Handle, m, &q, &r), "linalg.qr", A);
            return (new Tensor(q), new Tensor(r));
        }

        /// <summary>X with A X = B.</summary>
        public static Tensor solve(Tensor A, Tensor B) => NativeError.Wrap(rl_linalg_solve(A.Handle, B.Handle), "linalg.solve", A, B);

        /// <summary>Inverse of a square matrix.</summary>
        public static Tensor inv(Tensor A) => NativeError.Wrap(rl_linalg_inv(A.Handle), "linalg.inv", A);

        /// <summary>Determinant.</summary>
        public static Tensor det(Tensor A) => NativeError.Wrap(rl_linalg_det(A.Handle), "linalg.det", A);

        /// <summary>Sign and log of the absolute value of the determinant.</summary>
        public static unsafe (Tensor sign, Tensor logabsdet) slogdet(Tensor A)
        {
            IntPtr s, l;
            NativeError.Check(rl_linalg_slogdet(A.Handle, &s, &l), "linalg.slogdet", A);
            return (new Tensor(s), new Tensor(l));
        }

        /// <summary>Lower Cholesky factor of a symmetric positive-definite matrix.</summary>
        public static Tensor cholesky(Tensor A) => NativeError.Wrap(rl_linalg_cholesky(A.Handle), "linalg.cholesky", A);

        /// <summary>Matrix exponential (the exact flow map of a linear system).</summary>
        public static Tensor matrix_exp(Tensor A) => NativeError.Wrap(rl_linalg_matrix_exp(A.Handle), "linalg.matrix_exp", A);

        /// <summary>Matrix norm "fro" (Frobenius) or "nuc" (nuclear).</summary>
        public static unsafe Tensor matrix_norm(Tensor A, string ord = "fro")
        {
            if (ord is not ("fro" or "nuc"))
                throw new ArgumentException($"matrix norm '{ord}' is not one of fro, nuc (or a number: 1, -1, 2, -2, inf, -inf).", nameof(ord));
            var bytes = Encoding.ASCII.GetBytes(ord + "\0");
            fixed (byte* p = bytes)
                return NativeError.Wrap(rl_linalg_matrix_norm_str(A.Handle, p), "linalg.matrix_norm(" + ord + ")", A);
        }

        /// <summary>Matrix norm of numeric order: 1, -1, 2 (spectral), -2, +-infinity.</summary>
        public static Tensor matrix_norm(Tensor A, double ord) =>
            NativeError.Wrap(rl_linalg_matrix_norm(A.Handle, ord), "linalg.matrix_norm(" + ord + ")", A);

        /// <summary>Vector p-norm of all elements, or along dims.</summary>
        public static Tensor vector_norm(Tensor x, double ord = 2, long[]? dims = null, bool keepdim = false) =>
            dims is null ? x.norm(ord) : x.norm(ord, dims, keepdim);

        /// <summary>Moore-Penrose pseudo-inverse; singular values below rtol * largest are treated as zero.</summary>
        public static Tensor pinv(Tensor A, double? rtol = null, bool hermitian = false) =>
            NativeError.Wrap(rl_linalg_pinv(A.Handle, rtol.HasValue ? 1 : 0, rtol ?? 0, hermitian ? 1 : 0), "linalg.pinv", A);

        /// <summary>Numerical rank.</summary>
        public static Tensor matrix_rank(Tensor A, bool hermitian = false) =>
            NativeError.Wrap(rl_linalg_matrix_rank(A.Handle, hermitian ? 1 : 0), "linalg.matrix_rank", A);

        private static int Upper(string uplo) => uplo switch
        {
            "L" => 0,
            "U" => 1,
            _ => throw new ArgumentException($"UPLO '{uplo}' is not one of L, U.", nameof(uplo)),
        };
    }
}
