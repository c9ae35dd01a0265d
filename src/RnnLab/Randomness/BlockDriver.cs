using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace RnnLab.Randomness;

/// <summary>
/// Walks a destination group by group for one <see cref="IBlockKernel"/>. A last, partial group is computed whole
/// into a stack buffer by the same kernel and only its needed prefix is copied, so each path uses one code path for
/// every length and the numbers at a position never depend on the length asked for.
/// </summary>
internal static class BlockDriver
{
    // The widest group: 32 blocks of 4 words.
    private const int MaxGroupValues = 128;

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
