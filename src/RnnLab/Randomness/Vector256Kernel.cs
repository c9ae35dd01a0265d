using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace RnnLab.Randomness;

/// <summary>
/// The AVX2 path: one block per 32-bit lane, two sets of 8 lanes per group (16 blocks). Only called after
/// <see cref="SimdPaths.IsSupported"/> confirmed Avx2.
/// </summary>
internal readonly struct Vector256Kernel : IBlockKernel, IWordLanes<Vector256<uint>>, IFloatLanes<Vector256<float>, Vector256<int>>, IDoubleLanes<Vector256<double>, Vector256<long>>
{
    private const int Lanes = 8;

    // Two independent sets per group keep two chains of Philox rounds in flight (see PhiloxRounds.ApplyToTwo).
    public static int BlocksPerGroup => 2 * Lanes;

    // Which block each lane computes. The rounds leave a set as four vectors holding word 0, 1, 2, 3 of every
    // block; the 32- and 64-bit unpacks in StoreInterleaved turn them into block-ordered memory, but only within
    // each 128-bit lane. Assigning the blocks to the lanes in this order makes that in-lane transpose land every
    // block in its place, so no cross-lane shuffle is needed.
    private static Vector256<uint> FloatOrder => Vector256.Create(0u, 2, 4, 6, 1, 3, 5, 7);

    // The same for doubles, where each 32-bit lane is widened into a 64-bit lane of the lower or the upper half
    // and a block gives two doubles, interleaved by one 64-bit unpack.
    private static Vector256<uint> DoubleOrder => Vector256.Create(0u, 2, 1, 3, 4, 6, 5, 7);

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
        in PhiloxStream stream, ulong firstBlock, Vector256<uint> order,
        out Vector256<uint> a0, out Vector256<uint> a1, out Vector256<uint> a2, out Vector256<uint> a3,
        out Vector256<uint> b0, out Vector256<uint> b1, out Vector256<uint> b2, out Vector256<uint> b3)
    {
        Counters(firstBlock, order, out a0, out a1);
        Counters(unchecked(firstBlock + Lanes), order, out b0, out b1);
        a2 = b2 = Vector256.Create(stream.Word2);
        a3 = b3 = Vector256.Create(stream.Word3);
        PhiloxRounds.ApplyToTwo<Vector256Kernel, Vector256<uint>>(ref a0, ref a1, ref a2, ref a3, ref b0, ref b1, ref b2, ref b3, stream.Key);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Counters(ulong firstBlock, Vector256<uint> order, out Vector256<uint> low, out Vector256<uint> high)
    {
        var start = Vector256.Create((uint)firstBlock);
        low = start + order;
        // A lane whose low word wrapped past 2^32 carries into the high word (an all-ones compare result is -1).
        high = Vector256.Create((uint)(firstBlock >> 32)) - Vector256.LessThan(low, start);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreFloats(Vector256<uint> w0, Vector256<uint> w1, Vector256<uint> w2, Vector256<uint> w3, ref uint destination)
    {
        var (a, b) = FloatBoxMuller.Transform<Vector256Kernel, Vector256<float>, Vector256<int>>(w0.AsInt32(), w1.AsInt32());
        var (c, d) = FloatBoxMuller.Transform<Vector256Kernel, Vector256<float>, Vector256<int>>(w2.AsInt32(), w3.AsInt32());
        StoreInterleaved(a.AsUInt32(), b.AsUInt32(), c.AsUInt32(), d.AsUInt32(), ref destination);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreDoubles(Vector256<uint> w0, Vector256<uint> w1, Vector256<uint> w2, Vector256<uint> w3, ref ulong destination)
    {
        StoreDoublePairs(Vector256.WidenLower(w0), Vector256.WidenLower(w1), Vector256.WidenLower(w2), Vector256.WidenLower(w3), ref destination);
        StoreDoublePairs(Vector256.WidenUpper(w0), Vector256.WidenUpper(w1), Vector256.WidenUpper(w2), Vector256.WidenUpper(w3), ref Unsafe.Add(ref destination, Lanes));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreDoublePairs(Vector256<ulong> w0, Vector256<ulong> w1, Vector256<ulong> w2, Vector256<ulong> w3, ref ulong destination)
    {
        var (cosine, sine) = DoubleBoxMuller.Transform<Vector256Kernel, Vector256<double>, Vector256<long>>(w0.AsInt64(), w1.AsInt64(), w2.AsInt64(), w3.AsInt64());
        Avx2.UnpackLow(cosine.AsUInt64(), sine.AsUInt64()).StoreUnsafe(ref destination, 0);
        Avx2.UnpackHigh(cosine.AsUInt64(), sine.AsUInt64()).StoreUnsafe(ref destination, Lanes / 2);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreInterleaved(Vector256<uint> w0, Vector256<uint> w1, Vector256<uint> w2, Vector256<uint> w3, ref uint destination)
    {
        var t0 = Avx2.UnpackLow(w0, w1).AsUInt64();
        var t1 = Avx2.UnpackHigh(w0, w1).AsUInt64();
        var t2 = Avx2.UnpackLow(w2, w3).AsUInt64();
        var t3 = Avx2.UnpackHigh(w2, w3).AsUInt64();
        Avx2.UnpackLow(t0, t2).AsUInt32().StoreUnsafe(ref destination, 0);
        Avx2.UnpackHigh(t0, t2).AsUInt32().StoreUnsafe(ref destination, Lanes);
        Avx2.UnpackLow(t1, t3).AsUInt32().StoreUnsafe(ref destination, 2 * Lanes);
        Avx2.UnpackHigh(t1, t3).AsUInt32().StoreUnsafe(ref destination, 3 * Lanes);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<uint> Splat(uint value) => Vector256.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<uint> Xor(Vector256<uint> left, Vector256<uint> right) => left ^ right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void MultiplyWide(Vector256<uint> value, uint multiplier, out Vector256<uint> high, out Vector256<uint> low)
    {
        // The widening multiply reads the even 32-bit lanes only, so the odd lanes are shifted down and multiplied
        // separately, then both 64-bit products are split back into high and low 32-bit lanes.
        var factor = Vector256.Create(multiplier);
        var even = Avx2.Multiply(value, factor);
        var odd = Avx2.Multiply(Vector256.ShiftRightLogical(value.AsUInt64(), 32).AsUInt32(), factor);
        high = OddFrom(Vector256.ShiftRightLogical(even, 32).AsUInt32(), odd.AsUInt32());
        low = OddFrom(even.AsUInt32(), Vector256.ShiftLeft(odd, 32).AsUInt32());
    }

    /// <summary>The even 32-bit lanes of <paramref name="even"/> with the odd lanes of <paramref name="odd"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<uint> OddFrom(Vector256<uint> even, Vector256<uint> odd) => Avx2.Blend(even, odd, 0b1010_1010);

    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Splat(float value) => Vector256.Create(value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Add(Vector256<float> left, Vector256<float> right) => left + right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Subtract(Vector256<float> left, Vector256<float> right) => left - right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Multiply(Vector256<float> left, Vector256<float> right) => left * right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Divide(Vector256<float> left, Vector256<float> right) => left / right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Sqrt(Vector256<float> value) => Vector256.Sqrt(value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<int> SplatInt(int value) => Vector256.Create(value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<int> AddInt(Vector256<int> left, Vector256<int> right) => left + right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<int> SubtractInt(Vector256<int> left, Vector256<int> right) => left - right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<int> AndInt(Vector256<int> left, Vector256<int> right) => left & right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<int> XorInt(Vector256<int> left, Vector256<int> right) => left ^ right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<int> ShiftLeftInt(Vector256<int> value, int count) => Vector256.ShiftLeft(value, count);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<int> ShiftRightLogicalInt(Vector256<int> value, int count) => Vector256.ShiftRightLogical(value, count);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> ConvertToSingle(Vector256<int> value) => Vector256.ConvertToSingle(value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<int> AsInt(Vector256<float> value) => value.AsInt32();
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> AsSingle(Vector256<int> value) => value.AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<double> Splat(double value) => Vector256.Create(value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<double> Add(Vector256<double> left, Vector256<double> right) => left + right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<double> Subtract(Vector256<double> left, Vector256<double> right) => left - right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<double> Multiply(Vector256<double> left, Vector256<double> right) => left * right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<double> Divide(Vector256<double> left, Vector256<double> right) => left / right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<double> Sqrt(Vector256<double> value) => Vector256.Sqrt(value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<long> SplatLong(long value) => Vector256.Create(value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<long> AddLong(Vector256<long> left, Vector256<long> right) => left + right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<long> SubtractLong(Vector256<long> left, Vector256<long> right) => left - right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<long> AndLong(Vector256<long> left, Vector256<long> right) => left & right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<long> OrLong(Vector256<long> left, Vector256<long> right) => left | right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<long> XorLong(Vector256<long> left, Vector256<long> right) => left ^ right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<long> ShiftLeftLong(Vector256<long> value, int count) => Vector256.ShiftLeft(value, count);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<long> ShiftRightLogicalLong(Vector256<long> value, int count) => Vector256.ShiftRightLogical(value, count);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<long> AsLong(Vector256<double> value) => value.AsInt64();
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<double> AsDouble(Vector256<long> value) => value.AsDouble();
}
