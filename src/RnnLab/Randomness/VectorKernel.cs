using System.Runtime.CompilerServices;

namespace RnnLab.Randomness;

/// <summary>
/// The vector paths, written once for every width: one block per 32-bit lane, two sets of
/// <see cref="IVectorWidth{TU, TI, TF, TL, TD}.Lanes"/> lanes per group. <typeparamref name="TWidth"/> names the
/// width (<see cref="Vector128Width"/>, <see cref="Vector256Width"/>, <see cref="Vector512Width"/>) and gives its
/// lane operations; the other parameters are its vector types. All are structs, so the JIT compiles each width
/// separately, with every call here inlined, as if it had been written out for that width. Only called after
/// <see cref="SimdPaths.IsSupported"/> confirmed the width's instructions.
/// </summary>
internal readonly struct VectorKernel<TWidth, TU, TI, TF, TL, TD> : IBlockKernel, IWordLanes<TU>
    where TWidth : IVectorWidth<TU, TI, TF, TL, TD>
    where TU : struct
    where TI : struct
    where TF : struct
    where TL : struct
    where TD : struct
{
    private static int Lanes => TWidth.Lanes;

    // Two independent sets per group keep two chains of Philox rounds in flight (see PhiloxRounds.ApplyToTwo).
    public static int BlocksPerGroup => 2 * TWidth.Lanes;

    public static void Words(in PhiloxStream stream, ulong firstBlock, ref uint destination)
    {
        Rounds(stream, firstBlock, TWidth.FloatOrder, out var a0, out var a1, out var a2, out var a3, out var b0, out var b1, out var b2, out var b3);
        StoreInterleaved(a0, a1, a2, a3, ref destination);
        StoreInterleaved(b0, b1, b2, b3, ref Unsafe.Add(ref destination, 4 * Lanes));
    }

    public static void Floats(in PhiloxStream stream, ulong firstBlock, ref float destination)
    {
        Rounds(stream, firstBlock, TWidth.FloatOrder, out var a0, out var a1, out var a2, out var a3, out var b0, out var b1, out var b2, out var b3);
        ref var target = ref Unsafe.As<float, uint>(ref destination);
        StoreFloats(a0, a1, a2, a3, ref target);
        StoreFloats(b0, b1, b2, b3, ref Unsafe.Add(ref target, 4 * Lanes));
    }

    public static void Doubles(in PhiloxStream stream, ulong firstBlock, ref double destination)
    {
        Rounds(stream, firstBlock, TWidth.DoubleOrder, out var a0, out var a1, out var a2, out var a3, out var b0, out var b1, out var b2, out var b3);
        ref var target = ref Unsafe.As<double, ulong>(ref destination);
        StoreDoubles(a0, a1, a2, a3, ref target);
        StoreDoubles(b0, b1, b2, b3, ref Unsafe.Add(ref target, 2 * Lanes));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Rounds(
        in PhiloxStream stream, ulong firstBlock, TU order,
        out TU a0, out TU a1, out TU a2, out TU a3, out TU b0, out TU b1, out TU b2, out TU b3)
    {
        Counters(firstBlock, order, out a0, out a1);
        Counters(unchecked(firstBlock + (ulong)Lanes), order, out b0, out b1);
        a2 = b2 = TWidth.SplatWord(stream.Word2);
        a3 = b3 = TWidth.SplatWord(stream.Word3);
        PhiloxRounds.ApplyToTwo<VectorKernel<TWidth, TU, TI, TF, TL, TD>, TU>(ref a0, ref a1, ref a2, ref a3, ref b0, ref b1, ref b2, ref b3, stream.Key);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Counters(ulong firstBlock, TU order, out TU low, out TU high)
    {
        var start = TWidth.SplatWord((uint)firstBlock);
        low = TWidth.AddWords(start, order);
        // A lane whose low word wrapped past 2^32 carries into the high word (an all-ones compare result is -1).
        high = TWidth.SubtractWords(TWidth.SplatWord((uint)(firstBlock >> 32)), TWidth.LessThan(low, start));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreFloats(TU w0, TU w1, TU w2, TU w3, ref uint destination)
    {
        var (a, b) = FloatBoxMuller.Transform<TWidth, TF, TI>(AsInt(w0), AsInt(w1));
        var (c, d) = FloatBoxMuller.Transform<TWidth, TF, TI>(AsInt(w2), AsInt(w3));
        StoreInterleaved(AsWords(a), AsWords(b), AsWords(c), AsWords(d), ref destination);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreDoubles(TU w0, TU w1, TU w2, TU w3, ref ulong destination)
    {
        StoreDoublePairs(TWidth.WidenLower(w0), TWidth.WidenLower(w1), TWidth.WidenLower(w2), TWidth.WidenLower(w3), ref destination);
        StoreDoublePairs(TWidth.WidenUpper(w0), TWidth.WidenUpper(w1), TWidth.WidenUpper(w2), TWidth.WidenUpper(w3), ref Unsafe.Add(ref destination, Lanes));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreDoublePairs(TL w0, TL w1, TL w2, TL w3, ref ulong destination)
    {
        var (cosine, sine) = DoubleBoxMuller.Transform<TWidth, TD, TL>(w0, w1, w2, w3);
        var (c, s) = (TWidth.AsLong(cosine), TWidth.AsLong(sine));
        Store(TWidth.UnpackLow(c, s), ref destination, 0);
        Store(TWidth.UnpackHigh(c, s), ref destination, Lanes / 2);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreInterleaved(TU w0, TU w1, TU w2, TU w3, ref uint destination)
    {
        var t0 = AsLongs(TWidth.UnpackLow(w0, w1));
        var t1 = AsLongs(TWidth.UnpackHigh(w0, w1));
        var t2 = AsLongs(TWidth.UnpackLow(w2, w3));
        var t3 = AsLongs(TWidth.UnpackHigh(w2, w3));
        Store(TWidth.UnpackLow(t0, t2), ref destination, 0);
        Store(TWidth.UnpackHigh(t0, t2), ref destination, Lanes);
        Store(TWidth.UnpackLow(t1, t3), ref destination, 2 * Lanes);
        Store(TWidth.UnpackHigh(t1, t3), ref destination, 3 * Lanes);
    }

    // The same bits seen as another vector type of the width.
    [MethodImpl(MethodImplOptions.AggressiveInlining)] private static TI AsInt(TU value) => Unsafe.BitCast<TU, TI>(value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] private static TL AsLongs(TU value) => Unsafe.BitCast<TU, TL>(value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] private static TU AsWords(TF value) => Unsafe.BitCast<TF, TU>(value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] private static TU AsWords(TL value) => Unsafe.BitCast<TL, TU>(value);

    /// <summary>Writes a whole vector at <paramref name="elementOffset"/> elements past <paramref name="destination"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store<TVector, TElement>(TVector value, ref TElement destination, int elementOffset) =>
        Unsafe.WriteUnaligned(ref Unsafe.As<TElement, byte>(ref Unsafe.Add(ref destination, elementOffset)), value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TU Splat(uint value) => TWidth.SplatWord(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TU Xor(TU left, TU right) => TWidth.XorWords(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void MultiplyWide(TU value, uint multiplier, out TU high, out TU low)
    {
        // The widening multiply reads the even 32-bit lanes only, so the odd lanes are shifted down and multiplied
        // separately, then both 64-bit products are split back into high and low 32-bit lanes.
        var factor = TWidth.SplatWord(multiplier);
        var even = TWidth.MultiplyEvenLanes(value, factor);
        var odd = TWidth.MultiplyEvenLanes(AsWords(TWidth.ShiftRightLogicalLong(AsLongs(value), 32)), factor);
        high = TWidth.OddFrom(AsWords(TWidth.ShiftRightLogicalLong(even, 32)), AsWords(odd));
        low = TWidth.OddFrom(AsWords(even), AsWords(TWidth.ShiftLeftLong(odd, 32)));
    }
}
