using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace RnnLab.Randomness;

/// <summary>
/// Which instruction-set path the bulk Philox and normal-deviate kernels run on. Every path produces bitwise
/// identical numbers; the choice only changes speed. Forcing a path exists for tests and benchmarks.
/// </summary>
public enum SimdPath
{
    /// <summary>The fastest path this processor supports (see <see cref="SimdPaths.Best"/>).</summary>
    Auto = 0,

    /// <summary>One Philox block at a time in plain scalar code; runs everywhere.</summary>
    Scalar = 1,

    /// <summary>Four blocks at a time in 128-bit registers (x86 SSE2).</summary>
    Vector128 = 2,

    /// <summary>Eight blocks at a time in 256-bit registers (x86 AVX2).</summary>
    Vector256 = 3,

    /// <summary>Sixteen blocks at a time in 512-bit registers (x86 AVX-512F).</summary>
    Vector512 = 4,
}

/// <summary>Run-time checks of which <see cref="SimdPath"/> values this processor can execute.</summary>
public static class SimdPaths
{
    /// <summary>
    /// The path <see cref="SimdPath.Auto"/> resolves to: 512-bit when AVX-512F is present and the runtime
    /// considers 512-bit vectors fast (<see cref="Vector512.IsHardwareAccelerated"/> is false on processors
    /// that down-clock under AVX-512), else 256-bit with AVX2, else 128-bit with SSE2, else scalar.
    /// The vector kernels use x86 intrinsics, so other architectures get the scalar path.
    /// </summary>
    public static SimdPath Best { get; } =
        Avx512F.IsSupported && Vector512.IsHardwareAccelerated ? SimdPath.Vector512
        : Avx2.IsSupported ? SimdPath.Vector256
        : Sse2.IsSupported ? SimdPath.Vector128
        : SimdPath.Scalar;

    /// <summary>Every concrete path (not <see cref="SimdPath.Auto"/>) this processor can run, narrowest first.</summary>
    public static IReadOnlyList<SimdPath> Supported { get; } =
        new[] { SimdPath.Scalar, SimdPath.Vector128, SimdPath.Vector256, SimdPath.Vector512 }.Where(IsSupported).ToArray();

    /// <summary>Whether <paramref name="path"/> can run on this processor (<see cref="SimdPath.Auto"/> always can).</summary>
    /// <param name="path">The path to check.</param>
    /// <returns>True when the instructions the path needs are present.</returns>
    public static bool IsSupported(SimdPath path) => path switch
    {
        SimdPath.Auto or SimdPath.Scalar => true,
        SimdPath.Vector128 => Sse2.IsSupported,
        SimdPath.Vector256 => Avx2.IsSupported,
        SimdPath.Vector512 => Avx512F.IsSupported,
        _ => false,
    };

    /// <summary>The x86 instruction set a path needs, as Intel names it ("SSE2", "AVX2", "AVX-512F"); "none" for the scalar path.</summary>
    /// <param name="path">A concrete path.</param>
    /// <returns>The name, for messages such as a skipped test's.</returns>
    public static string RequiredInstructions(SimdPath path) => path switch
    {
        SimdPath.Scalar => "none",
        SimdPath.Vector128 => "SSE2",
        SimdPath.Vector256 => "AVX2",
        SimdPath.Vector512 => "AVX-512F",
        _ => throw new ArgumentOutOfRangeException(nameof(path), path, "not a concrete path"),
    };

    /// <summary>Replaces <see cref="SimdPath.Auto"/> by <see cref="Best"/>; refuses a path this processor lacks.</summary>
    internal static SimdPath Resolve(SimdPath path)
    {
        if (path == SimdPath.Auto) return Best;
        if (!IsSupported(path))
        {
            throw new NotSupportedException(Enum.IsDefined(path)
                ? $"This processor cannot run the {path} path: it lacks {RequiredInstructions(path)}."
                : $"This processor cannot run the {path} path.");
        }
        return path;
    }
}
