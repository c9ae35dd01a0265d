using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace RnnLab.Randomness;

using Vector128Kernel = VectorKernel<Vector128Width, Vector128<uint>, Vector128<int>, Vector128<float>, Vector128<long>, Vector128<double>>;
using Vector256Kernel = VectorKernel<Vector256Width, Vector256<uint>, Vector256<int>, Vector256<float>, Vector256<long>, Vector256<double>>;
using Vector512Kernel = VectorKernel<Vector512Width, Vector512<uint>, Vector512<int>, Vector512<float>, Vector512<long>, Vector512<double>>;

/// <summary>
/// Picks the <see cref="IBlockKernel"/> of a <see cref="SimdPath"/> and walks a destination group by group with it.
/// A last, partial group is computed whole into a stack buffer by the same kernel and only its needed prefix is
/// copied, so each path uses one code path for every length and the numbers at a position never depend on the
/// length asked for.
/// </summary>
internal static class BlockDriver
{
    // The widest group: 32 blocks of 4 words.
    private const int MaxGroupValues = 128;

    /// <summary>Philox words on <paramref name="path"/> (resolved: not <see cref="SimdPath.Auto"/>).</summary>
    public static void Words(in PhiloxStream stream, ulong firstBlock, Span<uint> destination, SimdPath path)
    {
        switch (path)
        {
            case SimdPath.Vector512: Words<Vector512Kernel>(stream, firstBlock, destination); break;
            case SimdPath.Vector256: Words<Vector256Kernel>(stream, firstBlock, destination); break;
            case SimdPath.Vector128: Words<Vector128Kernel>(stream, firstBlock, destination); break;
            default: Words<ScalarKernel>(stream, firstBlock, destination); break;
        }
    }

    /// <summary>Single-precision deviates on <paramref name="path"/> (resolved: not <see cref="SimdPath.Auto"/>).</summary>
    public static void Floats(in PhiloxStream stream, ulong firstBlock, Span<float> destination, SimdPath path)
    {
        switch (path)
        {
            case SimdPath.Vector512: Floats<Vector512Kernel>(stream, firstBlock, destination); break;
            case SimdPath.Vector256: Floats<Vector256Kernel>(stream, firstBlock, destination); break;
            case SimdPath.Vector128: Floats<Vector128Kernel>(stream, firstBlock, destination); break;
            default: Floats<ScalarKernel>(stream, firstBlock, destination); break;
        }
    }

    /// <summary>Double-precision deviates on <paramref name="path"/> (resolved: not <see cref="SimdPath.Auto"/>).</summary>
    public static void Doubles(in PhiloxStream stream, ulong firstBlock, Span<double> destination, SimdPath path)
    {
        switch (path)
        {
            case SimdPath.Vector512: Doubles<Vector512Kernel>(stream, firstBlock, destination); break;
            case SimdPath.Vector256: Doubles<Vector256Kernel>(stream, firstBlock, destination); break;
            case SimdPath.Vector128: Doubles<Vector128Kernel>(stream, firstBlock, destination); break;
            default: Doubles<ScalarKernel>(stream, firstBlock, destination); break;
        }
    }

    public static void Words<TKernel>(in PhiloxStream stream, ulong firstBlock, Span<uint> destination)
        where TKernel : IBlockKernel
    {
        var perGroup = 4 * TKernel.BlocksPerGroup;
        var groups = destination.Length / perGroup;
        ref var start = ref MemoryMarshal.GetReference(destination);
        var block = firstBlock;
        for (var g = 0; g < groups; g++, block += (ulong)TKernel.BlocksPerGroup)
            TKernel.Words(stream, block, ref Unsafe.Add(ref start, g * perGroup));

        var done = groups * perGroup;
        if (done == destination.Length) return;
        Span<uint> last = stackalloc uint[MaxGroupValues];
        TKernel.Words(stream, block, ref MemoryMarshal.GetReference(last));
        last[..(destination.Length - done)].CopyTo(destination[done..]);
    }

    public static void Floats<TKernel>(in PhiloxStream stream, ulong firstBlock, Span<float> destination)
        where TKernel : IBlockKernel
    {
        var perGroup = NormalDeviates.FloatsPerBlock * TKernel.BlocksPerGroup;
        var groups = destination.Length / perGroup;
        ref var start = ref MemoryMarshal.GetReference(destination);
        var block = firstBlock;
        for (var g = 0; g < groups; g++, block += (ulong)TKernel.BlocksPerGroup)
            TKernel.Floats(stream, block, ref Unsafe.Add(ref start, g * perGroup));

        var done = groups * perGroup;
        if (done == destination.Length) return;
        Span<float> last = stackalloc float[MaxGroupValues];
        TKernel.Floats(stream, block, ref MemoryMarshal.GetReference(last));
        last[..(destination.Length - done)].CopyTo(destination[done..]);
    }

    public static void Doubles<TKernel>(in PhiloxStream stream, ulong firstBlock, Span<double> destination)
        where TKernel : IBlockKernel
    {
        var perGroup = NormalDeviates.DoublesPerBlock * TKernel.BlocksPerGroup;
        var groups = destination.Length / perGroup;
        ref var start = ref MemoryMarshal.GetReference(destination);
        var block = firstBlock;
        for (var g = 0; g < groups; g++, block += (ulong)TKernel.BlocksPerGroup)
            TKernel.Doubles(stream, block, ref Unsafe.Add(ref start, g * perGroup));

        var done = groups * perGroup;
        if (done == destination.Length) return;
        Span<double> last = stackalloc double[MaxGroupValues];
        TKernel.Doubles(stream, block, ref MemoryMarshal.GetReference(last));
        last[..(destination.Length - done)].CopyTo(destination[done..]);
    }
}
