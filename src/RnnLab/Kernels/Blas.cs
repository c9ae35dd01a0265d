using System.Runtime.InteropServices;
using static TorchSharp.torch;

namespace RnnLab.Kernels;

/// <summary>
/// Direct calls of the BLAS inside libtorch (MKL in TorchSharp's builds): sgemm_/dgemm_ on raw tensor
/// memory, without a TorchSharp op (7-13 µs each) per product. Fortran interface: every argument by
/// pointer, column-major, so a row-major [R, N] block is read as a column-major [N, R] one.
/// The kernels run every product on one MKL thread of the calling thread (MKL_Set_Num_Threads_Local, a
/// per-thread setting), so that parallel work comes from lanes and networks on their own threads and no
/// result depends on a thread count someone else chose.
/// </summary>
internal static unsafe class Blas
{
    private static readonly delegate* unmanaged<byte*, byte*, int*, int*, int*, float*, float*, int*, float*, int*, float*, float*, int*, void> Sgemm;
    private static readonly delegate* unmanaged<byte*, byte*, int*, int*, int*, double*, double*, int*, double*, int*, double*, double*, int*, void> Dgemm;
    private static readonly delegate* unmanaged<int, int> SetLocalThreads;

    static Blas()
    {
        // libtorch_cpu is loaded by TorchSharp; creating a tensor makes sure it is, and dlopen by name
        // then returns the library already in the process.
        using (var _ = zeros(1)) { }
        if (!NativeLibrary.TryLoad("libtorch_cpu.so", out var torchCpu)) return;
        if (NativeLibrary.TryGetExport(torchCpu, "sgemm_", out var s) && NativeLibrary.TryGetExport(torchCpu, "dgemm_", out var d))
        {
            Sgemm = (delegate* unmanaged<byte*, byte*, int*, int*, int*, float*, float*, int*, float*, int*, float*, float*, int*, void>)s;
            Dgemm = (delegate* unmanaged<byte*, byte*, int*, int*, int*, double*, double*, int*, double*, int*, double*, double*, int*, void>)d;
        }
        if (NativeLibrary.TryGetExport(torchCpu, "MKL_Set_Num_Threads_Local", out var local))
            SetLocalThreads = (delegate* unmanaged<int, int>)local;
    }

    /// <summary>Whether gemm can be called directly (otherwise the kernels run as tensor ops).</summary>
    public static bool IsAvailable => Sgemm != null && Dgemm != null;

    /// <summary>The BLAS the direct calls reach, for diagnostics.</summary>
    public static string Describe => IsAvailable ? SetLocalThreads != null ? "MKL (sgemm_/dgemm_ in libtorch_cpu)" : "BLAS in libtorch_cpu (sgemm_/dgemm_)" : "none (tensor ops)";

    /// <summary>Holds the calling thread's MKL to one thread until disposed, then restores its own setting.</summary>
    public static OneThread OneThreadHere() => new(SetLocalThreads != null ? SetLocalThreads(1) : 0);

    /// <summary>The calling thread's MKL thread setting, restored on dispose.</summary>
    public readonly struct OneThread(int previous) : IDisposable
    {
        /// <inheritdoc />
        public void Dispose()
        {
            if (SetLocalThreads != null) SetLocalThreads(previous);
        }
    }

    /// <summary>C = alpha op(A) op(B) + beta C, column-major, for float or double.</summary>
    public static void Gemm<T>(bool transA, bool transB, int m, int n, int k, T alpha, T* a, int lda, T* b, int ldb, T beta, T* c, int ldc)
        where T : unmanaged
    {
        byte ta = transA ? (byte)'T' : (byte)'N', tb = transB ? (byte)'T' : (byte)'N';
        if (typeof(T) == typeof(float))
            Sgemm(&ta, &tb, &m, &n, &k, (float*)&alpha, (float*)a, &lda, (float*)b, &ldb, (float*)&beta, (float*)c, &ldc);
        else if (typeof(T) == typeof(double))
            Dgemm(&ta, &tb, &m, &n, &k, (double*)&alpha, (double*)a, &lda, (double*)b, &ldb, (double*)&beta, (double*)c, &ldc);
        else throw new NotSupportedException($"gemm of {typeof(T).Name}");
    }
}
