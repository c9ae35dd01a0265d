using System.Runtime.InteropServices;
using RnnLab.Torch.Interop;

namespace RnnLab.Torch;

/// <summary>
/// The entry point of the binding, named and shaped like TorchSharp's <c>torch</c> class so that
/// model code reads the same: <c>torch.randn(...)</c>, <c>torch.nn.Module</c>, <c>torch.optim.Adam</c>.
/// </summary>
public static partial class torch
{
    static torch() => NativeMethods.EnsureLoaded();

    /// <summary>float32, the default element type.</summary>
    public const ScalarType float32 = ScalarType.Float32;
    /// <summary>float64.</summary>
    public const ScalarType float64 = ScalarType.Float64;
    /// <summary>bfloat16 (float32's range, 8 bits of mantissa).</summary>
    public const ScalarType bfloat16 = ScalarType.BFloat16;
    /// <summary>int32.</summary>
    public const ScalarType int32 = ScalarType.Int32;
    /// <summary>int64, the index type.</summary>
    public const ScalarType int64 = ScalarType.Int64;
    /// <summary>bool.</summary>
    public const ScalarType @bool = ScalarType.Bool;
    /// <summary>uint8.</summary>
    public const ScalarType uint8 = ScalarType.Byte;
    /// <summary>complex64 (two float32).</summary>
    public const ScalarType complex64 = ScalarType.ComplexFloat32;
    /// <summary>complex128 (two float64).</summary>
    public const ScalarType complex128 = ScalarType.ComplexFloat64;

    /// <summary>The version of the libtorch the shim was compiled against, e.g. "1.13.0".</summary>
    public static string __version__ => Marshal.PtrToStringUTF8(NativeMethods.rl_torch_version()) ?? "";

    /// <summary>libtorch's build configuration (compiler, BLAS, LAPACK, CUDA), as torch.__config__.show().</summary>
    public static string build_config() =>
        Marshal.PtrToStringUTF8(NativeMethods.rl_build_config()) ?? throw NativeError.Fail("build_config", []);

    /// <summary>libtorch's threading report, as torch.__config__.parallel_info().</summary>
    public static string parallel_info() =>
        Marshal.PtrToStringUTF8(NativeMethods.rl_parallel_info()) ?? throw NativeError.Fail("parallel_info", []);

    /// <summary>Sets libtorch's intra-op thread count.</summary>
    public static void set_num_threads(int threads)
    {
        if (threads < 1) throw new ArgumentOutOfRangeException(nameof(threads), threads, "must be at least 1");
        NativeError.Check(NativeMethods.rl_set_num_threads(threads), "set_num_threads");
    }

    /// <summary>
    /// Sets the BLAS library's own thread count (OpenBLAS's; libtorch's intra-op threads do not reach it).
    /// Returns false when the BLAS in use offers no way to set it. An RnnLab extension, not TorchSharp API.
    /// </summary>
    public static bool set_blas_num_threads(int threads) => NativeMethods.rl_blas_set_num_threads(threads) == 1;

    /// <summary>The BLAS library's own thread count, or 0 when the BLAS in use offers no way to read it. An RnnLab extension.</summary>
    public static int get_blas_num_threads() => NativeMethods.rl_blas_get_num_threads();

    /// <summary>libtorch's intra-op thread count.</summary>
    public static int get_num_threads() => NativeMethods.rl_get_num_threads();

    /// <summary>Sets libtorch's inter-op thread count (only before any inter-op work has started).</summary>
    public static void set_num_interop_threads(int threads) =>
        NativeError.Check(NativeMethods.rl_set_num_interop_threads(threads), "set_num_interop_threads");

    /// <summary>libtorch's inter-op thread count.</summary>
    public static int get_num_interop_threads() => NativeMethods.rl_get_num_interop_threads();

    /// <summary>Managed tensor wrappers that are alive (created and not yet disposed or finalized).</summary>
    public static long LiveTensorCount => Tensor.LiveCount;

    /// <summary>Native tensor handles that are alive; equals <see cref="LiveTensorCount"/> unless a handle leaked.</summary>
    public static long NativeHandleCount => NativeMethods.rl_live_handles();
}
