using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace RnnLab.Randomness;

/// <summary>
/// The SSE2 path: one block per 32-bit lane, two sets of 4 lanes per group (8 blocks). Only called after
/// <see cref="SimdPaths.IsSupported"/> confirmed Sse2.
/// </summary>
internal readonly struct Vector128Kernel : IBlockKernel, IWordLanes<Vector128<uint>>, IFloatLanes<Vector128<float>, Vector128<int>>, IDoubleLanes<Vector128<double>, Vector128<long>>
{
    private const int Lanes = 4;

    // Two independent sets per group keep two chains of Philox rounds in flight (see PhiloxRounds.ApplyToTwo).
    public static int BlocksPerGroup => 2 * Lanes;

    // Which block each lane computes. The rounds leave a set as four vectors holding word 0, 1, 2, 3 of every
    // block; the 32- and 64-bit unpacks in StoreInterleaved turn them into block-ordered memory, but only within
    // each 128-bit lane. Assigning the blocks to the lanes in this order makes that in-lane transpose land every
    // block in its place, so no cross-lane shuffle is needed.
    private static Vector128<uint> FloatOrder => Vector128.Create(0u, 1, 2, 3);

    // The same for doubles, where each 32-bit lane is widened into a 64-bit lane of the lower or the upper half
    // and a block gives two doubles, interleaved by one 64-bit unpack.
    private static Vector128<uint> DoubleOrder => Vector128.Create(0u, 1, 2, 3);

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
        in PhiloxStream stream, ulong firstBlock, Vector128<uint> order,
        out Vector128<uint> a0, out Vector128<uint> a1, out Vector128<uint> a2, out Vector128<uint> a3,
        out Vector128<uint> b0, out Vector128<uint> b1, out Vector128<uint> b2, out Vector128<uint> b3)
    {
        Counters(firstBlock, order, out a0, out a1);
        Counters(unchecked(firstBlock + Lanes), order, out b0, out b1);
        a2 = b2 = Vector128.Create(stream.Word2);
        a3 = b3 = Vector128.Create(stream.Word3);
        PhiloxRounds.ApplyToTwo<Vector128Kernel, Vector128<uint>>(ref a0, ref a1, ref a2, ref a3, ref b0, ref b1, ref b2, ref b3, stream.Key);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Counters(ulong firstBlock, Vector128<uint> order, out Vector128<uint> low, out Vector128<uint> high)
    {
        var start = Vector128.Create((uint)firstBlock);
        low = start + order;
        // A lane whose low word wrapped past 2^32 carries into the high word (an all-ones compare result is -1).
        high = Vector128.Create((uint)(firstBlock >> 32)) - Vector128.LessThan(low, start);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreFloats(Vector128<uint> w0, Vector128<uint> w1, Vector128<uint> w2, Vector128<uint> w3, ref uint destination)
    {
        var (a, b) = FloatBoxMuller.Transform<Vector128Kernel, Vector128<float>, Vector128<int>>(w0.AsInt32(), w1.AsInt32());
        var (c, d) = FloatBoxMuller.Transform<Vector128Kernel, Vector128<float>, Vector128<int>>(w2.AsInt32(), w3.AsInt32());
        StoreInterleaved(a.AsUInt32(), b.AsUInt32(), c.AsUInt32(), d.AsUInt32(), ref destination);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreDoubles(Vector128<uint> w0, Vector128<uint> w1, Vector128<uint> w2, Vector128<uint> w3, ref ulong destination)
    {
        StoreDoublePairs(Vector128.WidenLower(w0), Vector128.WidenLower(w1), Vector128.WidenLower(w2), Vector128.WidenLower(w3), ref destination);
        StoreDoublePairs(Vector128.WidenUpper(w0), Vector128.WidenUpper(w1), Vector128.WidenUpper(w2), Vector128.WidenUpper(w3), ref Unsafe.Add(ref destination, Lanes));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreDoublePairs(Vector128<ulong> w0, Vector128<ulong> w1, Vector128<ulong> w2, Vector128<ulong> w3, ref ulong destination)
    {
        var (cosine, sine) = DoubleBoxMuller.Transform<Vector128Kernel, Vector128<double>, Vector128<long>>(w0.AsInt64(), w1.AsInt64(), w2.AsInt64(), w3.AsInt64());
        Sse2.UnpackLow(cosine.AsUInt64(), sine.AsUInt64()).StoreUnsafe(ref destination, 0);
        Sse2.UnpackHigh(cosine.AsUInt64(), sine.AsUInt64()).StoreUnsafe(ref destination, Lanes / 2);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreInterleaved(Vector128<uint> w0, Vector128<uint> w1, Vector128<uint> w2, Vector128<uint> w3, ref uint destination)
    {
        var t0 = Sse2.UnpackLow(w0, w1).AsUInt64();
        var t1 = Sse2.UnpackHigh(w0, w1).AsUInt64();
        var t2 = Sse2.UnpackLow(w2, w3).AsUInt64();
        var t3 = Sse2.UnpackHigh(w2, w3).AsUInt64();
        Sse2.UnpackLow(t0, t2).AsUInt32().StoreUnsafe(ref destination, 0);
        Sse2.UnpackHigh(t0, t2).AsUInt32().StoreUnsafe(ref destination, Lanes);
        Sse2.UnpackLow(t1, t3).AsUInt32().StoreUnsafe(ref destination, 2 * Lanes);
        Sse2.UnpackHigh(t1, t3).AsUInt32().StoreUnsafe(ref destination, 3 * Lanes);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<uint> Splat(uint value) => Vector128.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<uint> Xor(Vector128<uint> left, Vector128<uint> right) => left ^ right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void MultiplyWide(Vector128<uint> value, uint multiplier, out Vector128<uint> high, out Vector128<uint> low)
    {
        // The widening multiply reads the even 32-bit lanes only, so the odd lanes are shifted down and multiplied
        // separately, then both 64-bit products are split back into high and low 32-bit lanes.
        var factor = Vector128.Create(multiplier);
        var even = Sse2.Multiply(value, factor);
        var odd = Sse2.Multiply(Vector128.ShiftRightLogical(value.AsUInt64(), 32).AsUInt32(), factor);
        high = OddFrom(Vector128.ShiftRightLogical(even, 32).AsUInt32(), odd.AsUInt32());
        low = OddFrom(even.AsUInt32(), Vector128.ShiftLeft(odd, 32).AsUInt32());
    }

    /// <summary>The even 32-bit lanes of <paramref name="even"/> with the odd lanes of <paramref name="odd"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<uint> OddFrom(Vector128<uint> even, Vector128<uint> odd) => Vector128.ConditionalSelect(Vector128.Create(0xFFFFFFFF_00000000UL).AsUInt32(), odd, even);

    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Splat(float value) => Vector128.Create(value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Add(Vector128<float> left, Vector128<float> right) => left + right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Subtract(Vector128<float> left, Vector128<float> right) => left - right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Multiply(Vector128<float> left, Vector128<float> right) => left * right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Divide(Vector128<float> left, Vector128<float> right) => left / right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Sqrt(Vector128<float> value) => Vector128.Sqrt(value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<int> SplatInt(int value) => Vector128.Create(value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<int> AddInt(Vector128<int> left, Vector128<int> right) => left + right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<int> SubtractInt(Vector128<int> left, Vector128<int> right) => left - right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<int> AndInt(Vector128<int> left, Vector128<int> right) => left & right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<int> XorInt(Vector128<int> left, Vector128<int> right) => left ^ right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<int> ShiftLeftInt(Vector128<int> value, int count) => Vector128.ShiftLeft(value, count);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<int> ShiftRightLogicalInt(Vector128<int> value, int count) => Vector128.ShiftRightLogical(value, count);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> ConvertToSingle(Vector128<int> value) => Vector128.ConvertToSingle(value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<int> AsInt(Vector128<float> value) => value.AsInt32();
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> AsSingle(Vector128<int> value) => value.AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<double> Splat(double value) => Vector128.Create(value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<double> Add(Vector128<double> left, Vector128<double> right) => left + right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<double> Subtract(Vector128<double> left, Vector128<double> right) => left - right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<double> Multiply(Vector128<double> left, Vector128<double> right) => left * right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<double> Divide(Vector128<double> left, Vector128<double> right) => left / right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<double> Sqrt(Vector128<double> value) => Vector128.Sqrt(value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<long> SplatLong(long value) => Vector128.Create(value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<long> AddLong(Vector128<long> left, Vector128<long> right) => left + right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<long> SubtractLong(Vector128<long> left, Vector128<long> right) => left - right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<long> AndLong(Vector128<long> left, Vector128<long> right) => left & right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<long> OrLong(Vector128<long> left, Vector128<long> right) => left | right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<long> XorLong(Vector128<long> left, Vector128<long> right) => left ^ right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<long> ShiftLeftLong(Vector128<long> value, int count) => Vector128.ShiftLeft(value, count);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<long> ShiftRightLogicalLong(Vector128<long> value, int count) => Vector128.ShiftRightLogical(value, count);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<long> AsLong(Vector128<double> value) => value.AsInt64();
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<double> AsDouble(Vector128<long> value) => value.AsDouble();
}
