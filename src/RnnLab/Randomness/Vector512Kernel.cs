using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace RnnLab.Randomness;

/// <summary>
/// The AVX-512F path: one block per 32-bit lane, two sets of 16 lanes per group (32 blocks). Only called after
/// <see cref="SimdPaths.IsSupported"/> confirmed Avx512F.
/// </summary>
internal readonly struct Vector512Kernel : IBlockKernel, IWordLanes<Vector512<uint>>, IFloatLanes<Vector512<float>, Vector512<int>>, IDoubleLanes<Vector512<double>, Vector512<long>>
{
    private const int Lanes = 16;

    // Two independent sets per group keep two chains of Philox rounds in flight (see PhiloxRounds.ApplyToTwo).
    public static int BlocksPerGroup => 2 * Lanes;

    // Which block each lane computes. The rounds leave a set as four vectors holding word 0, 1, 2, 3 of every
    // block; the 32- and 64-bit unpacks in StoreInterleaved turn them into block-ordered memory, but only within
    // each 128-bit lane. Assigning the blocks to the lanes in this order makes that in-lane transpose land every
    // block in its place, so no cross-lane shuffle is needed.
    private static Vector512<uint> FloatOrder => Vector512.Create(0u, 4, 8, 12, 1, 5, 9, 13, 2, 6, 10, 14, 3, 7, 11, 15);

    // The same for doubles, where each 32-bit lane is widened into a 64-bit lane of the lower or the upper half
    // and a block gives two doubles, interleaved by one 64-bit unpack.
    private static Vector512<uint> DoubleOrder => Vector512.Create(0u, 4, 1, 5, 2, 6, 3, 7, 8, 12, 9, 13, 10, 14, 11, 15);

    public static void Words(in PhiloxStream stream, ulong firstBlock, ref uint destination)
    {
        Rounds(stream, firstBlock, FloatOrder, out var a0, out var a1, out var a2, out var a3, out var b0, out var b1, out var b2, out var b3);
        StoreInterleaved(a0, a1, a2, a3, ref destination);
        StoreInterleaved(b0, b1, b2, b3, ref Unsafe.Add(ref destination, 4 * Lanes));
    }

    public static void Floats(in PhiloxStream stream, ulong firstBlock, ref float destination)
    {
        Rounds(stream, firstBlock, FloatOrder, out var a0, out var a1, out var a2, out var a3, out var b0, out var b1, out var b2, out var b3);
        ref var target = ref Unsafe.As<float, uint>(ref destination);
        StoreFloats(a0, a1, a2, a3, ref target);
        StoreFloats(b0, b1, b2, b3, ref Unsafe.Add(ref target, 4 * Lanes));
    }

    public static void Doubles(in PhiloxStream stream, ulong firstBlock, ref double destination)
    {
        Rounds(stream, firstBlock, DoubleOrder, out var a0, out var a1, out var a2, out var a3, out var b0, out var b1, out var b2, out var b3);
        ref var target = ref Unsafe.As<double, ulong>(ref destination);
        StoreDoubles(a0, a1, a2, a3, ref target);
        StoreDoubles(b0, b1, b2, b3, ref Unsafe.Add(ref target, 2 * Lanes));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Rounds(
        in PhiloxStream stream, ulong firstBlock, Vector512<uint> order,
        out Vector512<uint> a0, out Vector512<uint> a1, out Vector512<uint> a2, out Vector512<uint> a3,
        out Vector512<uint> b0, out Vector512<uint> b1, out Vector512<uint> b2, out Vector512<uint> b3)
    {
        Counters(firstBlock, order, out a0, out a1);
        Counters(unchecked(firstBlock + Lanes), order, out b0, out b1);
        a2 = b2 = Vector512.Create(stream.Word2);
        a3 = b3 = Vector512.Create(stream.Word3);
        PhiloxRounds.ApplyToTwo<Vector512Kernel, Vector512<uint>>(ref a0, ref a1, ref a2, ref a3, ref b0, ref b1, ref b2, ref b3, stream.Key);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Counters(ulong firstBlock, Vector512<uint> order, out Vector512<uint> low, out Vector512<uint> high)
    {
        var start = Vector512.Create((uint)firstBlock);
        low = start + order;
        // A lane whose low word wrapped past 2^32 carries into the high word (an all-ones compare result is -1).
        high = Vector512.Create((uint)(firstBlock >> 32)) - Vector512.LessThan(low, start);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreFloats(Vector512<uint> w0, Vector512<uint> w1, Vector512<uint> w2, Vector512<uint> w3, ref uint destination)
    {
        var (a, b) = FloatBoxMuller.Transform<Vector512Kernel, Vector512<float>, Vector512<int>>(w0.AsInt32(), w1.AsInt32());
        var (c, d) = FloatBoxMuller.Transform<Vector512Kernel, Vector512<float>, Vector512<int>>(w2.AsInt32(), w3.AsInt32());
        StoreInterleaved(a.AsUInt32(), b.AsUInt32(), c.AsUInt32(), d.AsUInt32(), ref destination);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreDoubles(Vector512<uint> w0, Vector512<uint> w1, Vector512<uint> w2, Vector512<uint> w3, ref ulong destination)
    {
        StoreDoublePairs(Vector512.WidenLower(w0), Vector512.WidenLower(w1), Vector512.WidenLower(w2), Vector512.WidenLower(w3), ref destination);
        StoreDoublePairs(Vector512.WidenUpper(w0), Vector512.WidenUpper(w1), Vector512.WidenUpper(w2), Vector512.WidenUpper(w3), ref Unsafe.Add(ref destination, Lanes));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreDoublePairs(Vector512<ulong> w0, Vector512<ulong> w1, Vector512<ulong> w2, Vector512<ulong> w3, ref ulong destination)
    {
        var (cosine, sine) = DoubleBoxMuller.Transform<Vector512Kernel, Vector512<double>, Vector512<long>>(w0.AsInt64(), w1.AsInt64(), w2.AsInt64(), w3.AsInt64());
        Avx512F.UnpackLow(cosine.AsUInt64(), sine.AsUInt64()).StoreUnsafe(ref destination, 0);
        Avx512F.UnpackHigh(cosine.AsUInt64(), sine.AsUInt64()).StoreUnsafe(ref destination, Lanes / 2);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreInterleaved(Vector512<uint> w0, Vector512<uint> w1, Vector512<uint> w2, Vector512<uint> w3, ref uint destination)
    {
        var t0 = Avx512F.UnpackLow(w0, w1).AsUInt64();
        var t1 = Avx512F.UnpackHigh(w0, w1).AsUInt64();
        var t2 = Avx512F.UnpackLow(w2, w3).AsUInt64();
        var t3 = Avx512F.UnpackHigh(w2, w3).AsUInt64();
        Avx512F.UnpackLow(t0, t2).AsUInt32().StoreUnsafe(ref destination, 0);
        Avx512F.UnpackHigh(t0, t2).AsUInt32().StoreUnsafe(ref destination, Lanes);
        Avx512F.UnpackLow(t1, t3).AsUInt32().StoreUnsafe(ref destination, 2 * Lanes);
        Avx512F.UnpackHigh(t1, t3).AsUInt32().StoreUnsafe(ref destination, 3 * Lanes);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<uint> Splat(uint value) => Vector512.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<uint> Xor(Vector512<uint> left, Vector512<uint> right) => left ^ right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void MultiplyWide(Vector512<uint> value, uint multiplier, out Vector512<uint> high, out Vector512<uint> low)
    {
        // The widening multiply reads the even 32-bit lanes only, so the odd lanes are shifted down and multiplied
        // separately, then both 64-bit products are split back into high and low 32-bit lanes.
        var factor = Vector512.Create(multiplier);
        var even = Avx512F.Multiply(value, factor);
        var odd = Avx512F.Multiply(Vector512.ShiftRightLogical(value.AsUInt64(), 32).AsUInt32(), factor);
        high = OddFrom(Vector512.ShiftRightLogical(even, 32).AsUInt32(), odd.AsUInt32());
        low = OddFrom(even.AsUInt32(), Vector512.ShiftLeft(odd, 32).AsUInt32());
    }

    /// <summary>The even 32-bit lanes of <paramref name="even"/> with the odd lanes of <paramref name="odd"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<uint> OddFrom(Vector512<uint> even, Vector512<uint> odd) => Vector512.ConditionalSelect(Vector512.Create(0xFFFFFFFF_00000000UL).AsUInt32(), odd, even);

    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Splat(float value) => Vector512.Create(value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Add(Vector512<float> left, Vector512<float> right) => left + right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Subtract(Vector512<float> left, Vector512<float> right) => left - right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Multiply(Vector512<float> left, Vector512<float> right) => left * right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Divide(Vector512<float> left, Vector512<float> right) => left / right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Sqrt(Vector512<float> value) => Vector512.Sqrt(value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<int> SplatInt(int value) => Vector512.Create(value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<int> AddInt(Vector512<int> left, Vector512<int> right) => left + right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<int> SubtractInt(Vector512<int> left, Vector512<int> right) => left - right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<int> AndInt(Vector512<int> left, Vector512<int> right) => left & right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<int> XorInt(Vector512<int> left, Vector512<int> right) => left ^ right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<int> ShiftLeftInt(Vector512<int> value, int count) => Vector512.ShiftLeft(value, count);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<int> ShiftRightLogicalInt(Vector512<int> value, int count) => Vector512.ShiftRightLogical(value, count);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> ConvertToSingle(Vector512<int> value) => Vector512.ConvertToSingle(value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<int> AsInt(Vector512<float> value) => value.AsInt32();
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> AsSingle(Vector512<int> value) => value.AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<double> Splat(double value) => Vector512.Create(value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<double> Add(Vector512<double> left, Vector512<double> right) => left + right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<double> Subtract(Vector512<double> left, Vector512<double> right) => left - right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<double> Multiply(Vector512<double> left, Vector512<double> right) => left * right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<double> Divide(Vector512<double> left, Vector512<double> right) => left / right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<double> Sqrt(Vector512<double> value) => Vector512.Sqrt(value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<long> SplatLong(long value) => Vector512.Create(value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<long> AddLong(Vector512<long> left, Vector512<long> right) => left + right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<long> SubtractLong(Vector512<long> left, Vector512<long> right) => left - right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<long> AndLong(Vector512<long> left, Vector512<long> right) => left & right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<long> OrLong(Vector512<long> left, Vector512<long> right) => left | right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<long> XorLong(Vector512<long> left, Vector512<long> right) => left ^ right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<long> ShiftLeftLong(Vector512<long> value, int count) => Vector512.ShiftLeft(value, count);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<long> ShiftRightLogicalLong(Vector512<long> value, int count) => Vector512.ShiftRightLogical(value, count);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<long> AsLong(Vector512<double> value) => value.AsInt64();
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<double> AsDouble(Vector512<long> value) => value.AsDouble();
}
