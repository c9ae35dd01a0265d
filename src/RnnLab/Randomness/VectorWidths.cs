using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace RnnLab.Randomness;

/// <summary>
/// What one vector width gives <see cref="VectorKernel{TWidth, TU, TI, TF, TL, TD}"/>: its lane count, the order
/// of blocks in the lanes, and each lane operation as that width's instruction. Every line below is a single
/// call; the kernel's logic (counters, rounds, Box-Muller, the stores' transpose) is written once, in the kernel
/// and in the generic <see cref="PhiloxRounds"/>, <see cref="FloatBoxMuller"/> and <see cref="DoubleBoxMuller"/>.
/// (The operations cannot be written once over the widths: .NET 10 keeps ISimdVector, the interface the vector
/// types share, internal, and its reference assemblies do not list the vectors' operator interfaces.)
/// </summary>
/// <typeparam name="TU">The width's vector of unsigned 32-bit words.</typeparam>
/// <typeparam name="TI">Its vector of signed 32-bit integers.</typeparam>
/// <typeparam name="TF">Its vector of single-precision floats.</typeparam>
/// <typeparam name="TL">Its vector of signed 64-bit integers (also the bits of 64-bit products and of doubles).</typeparam>
/// <typeparam name="TD">Its vector of double-precision floats.</typeparam>
internal interface IVectorWidth<TU, TI, TF, TL, TD> : IFloatLanes<TF, TI>, IDoubleLanes<TD, TL>
{
    /// <summary>32-bit lanes per vector: blocks in one set of the rounds.</summary>
    static abstract int Lanes { get; }

    /// <summary>
    /// Which block (counted from the set's first) each lane computes when words or floats are stored. The rounds
    /// leave a set as four vectors holding word 0, 1, 2, 3 of every block; the 32- and 64-bit unpacks of the store
    /// turn them into block-ordered memory, but only within each 128-bit part of the vector. Assigning the blocks
    /// to the lanes in this order makes that in-part transpose land every block in its place, so no cross-part
    /// shuffle is needed.
    /// </summary>
    static abstract TU FloatOrder { get; }

    /// <summary>
    /// The same for doubles, where each 32-bit lane is widened into a 64-bit lane of the lower or the upper half
    /// and a block gives two doubles, interleaved by one 64-bit unpack.
    /// </summary>
    static abstract TU DoubleOrder { get; }

    static abstract TU SplatWord(uint value);

    static abstract TU AddWords(TU left, TU right);

    static abstract TU SubtractWords(TU left, TU right);

    static abstract TU XorWords(TU left, TU right);

    /// <summary>All ones in the lanes where <paramref name="left"/> &lt; <paramref name="right"/> (unsigned), else zero.</summary>
    static abstract TU LessThan(TU left, TU right);

    /// <summary>The lower half of the lanes, zero-extended to 64 bits.</summary>
    static abstract TL WidenLower(TU value);

    /// <summary>The upper half of the lanes, zero-extended to 64 bits.</summary>
    static abstract TL WidenUpper(TU value);

    /// <summary>The full 64-bit products of the even 32-bit lanes (x86 pmuludq).</summary>
    static abstract TL MultiplyEvenLanes(TU left, TU right);

    /// <summary>The even 32-bit lanes of <paramref name="even"/> with the odd lanes of <paramref name="odd"/>.</summary>
    static abstract TU OddFrom(TU even, TU odd);

    /// <summary>Interleaves the lower two 32-bit lanes of each 128-bit part (x86 punpckldq).</summary>
    static abstract TU UnpackLow(TU left, TU right);

    /// <summary>Interleaves the upper two 32-bit lanes of each 128-bit part (x86 punpckhdq).</summary>
    static abstract TU UnpackHigh(TU left, TU right);

    /// <summary>Interleaves the lower 64-bit lanes of each 128-bit part (x86 punpcklqdq).</summary>
    static abstract TL UnpackLow(TL left, TL right);

    /// <summary>Interleaves the upper 64-bit lanes of each 128-bit part (x86 punpckhqdq).</summary>
    static abstract TL UnpackHigh(TL left, TL right);
}

/// <summary>128-bit vectors with SSE2: 4 lanes, blocks in natural order (the vector is one 128-bit part).</summary>
internal readonly struct Vector128Width : IVectorWidth<Vector128<uint>, Vector128<int>, Vector128<float>, Vector128<long>, Vector128<double>>
{
    public static int Lanes => 4;
    public static Vector128<uint> FloatOrder => Vector128.Create(0u, 1, 2, 3);
    public static Vector128<uint> DoubleOrder => Vector128.Create(0u, 1, 2, 3);

    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<uint> SplatWord(uint value) => Vector128.Create(value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<uint> AddWords(Vector128<uint> left, Vector128<uint> right) => left + right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<uint> SubtractWords(Vector128<uint> left, Vector128<uint> right) => left - right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<uint> XorWords(Vector128<uint> left, Vector128<uint> right) => left ^ right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<uint> LessThan(Vector128<uint> left, Vector128<uint> right) => Vector128.LessThan(left, right);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<long> WidenLower(Vector128<uint> value) => Vector128.WidenLower(value).AsInt64();
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<long> WidenUpper(Vector128<uint> value) => Vector128.WidenUpper(value).AsInt64();
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<long> MultiplyEvenLanes(Vector128<uint> left, Vector128<uint> right) => Sse2.Multiply(left, right).AsInt64();
    // SSE2 has no 32-bit blend (pblendd is SSE4.1): a select with a constant mask.
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<uint> OddFrom(Vector128<uint> even, Vector128<uint> odd) => Vector128.ConditionalSelect(Vector128.Create(0xFFFFFFFF_00000000UL).AsUInt32(), odd, even);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<uint> UnpackLow(Vector128<uint> left, Vector128<uint> right) => Sse2.UnpackLow(left, right);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<uint> UnpackHigh(Vector128<uint> left, Vector128<uint> right) => Sse2.UnpackHigh(left, right);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<long> UnpackLow(Vector128<long> left, Vector128<long> right) => Sse2.UnpackLow(left, right);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<long> UnpackHigh(Vector128<long> left, Vector128<long> right) => Sse2.UnpackHigh(left, right);

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

/// <summary>256-bit vectors with AVX2: 8 lanes in two 128-bit parts.</summary>
internal readonly struct Vector256Width : IVectorWidth<Vector256<uint>, Vector256<int>, Vector256<float>, Vector256<long>, Vector256<double>>
{
    public static int Lanes => 8;
    public static Vector256<uint> FloatOrder => Vector256.Create(0u, 2, 4, 6, 1, 3, 5, 7);
    public static Vector256<uint> DoubleOrder => Vector256.Create(0u, 2, 1, 3, 4, 6, 5, 7);

    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<uint> SplatWord(uint value) => Vector256.Create(value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<uint> AddWords(Vector256<uint> left, Vector256<uint> right) => left + right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<uint> SubtractWords(Vector256<uint> left, Vector256<uint> right) => left - right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<uint> XorWords(Vector256<uint> left, Vector256<uint> right) => left ^ right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<uint> LessThan(Vector256<uint> left, Vector256<uint> right) => Vector256.LessThan(left, right);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<long> WidenLower(Vector256<uint> value) => Vector256.WidenLower(value).AsInt64();
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<long> WidenUpper(Vector256<uint> value) => Vector256.WidenUpper(value).AsInt64();
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<long> MultiplyEvenLanes(Vector256<uint> left, Vector256<uint> right) => Avx2.Multiply(left, right).AsInt64();
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<uint> OddFrom(Vector256<uint> even, Vector256<uint> odd) => Avx2.Blend(even, odd, 0b1010_1010);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<uint> UnpackLow(Vector256<uint> left, Vector256<uint> right) => Avx2.UnpackLow(left, right);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<uint> UnpackHigh(Vector256<uint> left, Vector256<uint> right) => Avx2.UnpackHigh(left, right);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<long> UnpackLow(Vector256<long> left, Vector256<long> right) => Avx2.UnpackLow(left, right);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<long> UnpackHigh(Vector256<long> left, Vector256<long> right) => Avx2.UnpackHigh(left, right);

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

/// <summary>512-bit vectors with AVX-512F: 16 lanes in four 128-bit parts.</summary>
internal readonly struct Vector512Width : IVectorWidth<Vector512<uint>, Vector512<int>, Vector512<float>, Vector512<long>, Vector512<double>>
{
    public static int Lanes => 16;
    public static Vector512<uint> FloatOrder => Vector512.Create(0u, 4, 8, 12, 1, 5, 9, 13, 2, 6, 10, 14, 3, 7, 11, 15);
    public static Vector512<uint> DoubleOrder => Vector512.Create(0u, 4, 1, 5, 2, 6, 3, 7, 8, 12, 9, 13, 10, 14, 11, 15);

    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<uint> SplatWord(uint value) => Vector512.Create(value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<uint> AddWords(Vector512<uint> left, Vector512<uint> right) => left + right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<uint> SubtractWords(Vector512<uint> left, Vector512<uint> right) => left - right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<uint> XorWords(Vector512<uint> left, Vector512<uint> right) => left ^ right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<uint> LessThan(Vector512<uint> left, Vector512<uint> right) => Vector512.LessThan(left, right);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<long> WidenLower(Vector512<uint> value) => Vector512.WidenLower(value).AsInt64();
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<long> WidenUpper(Vector512<uint> value) => Vector512.WidenUpper(value).AsInt64();
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<long> MultiplyEvenLanes(Vector512<uint> left, Vector512<uint> right) => Avx512F.Multiply(left, right).AsInt64();
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<uint> OddFrom(Vector512<uint> even, Vector512<uint> odd) => Vector512.ConditionalSelect(Vector512.Create(0xFFFFFFFF_00000000UL).AsUInt32(), odd, even);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<uint> UnpackLow(Vector512<uint> left, Vector512<uint> right) => Avx512F.UnpackLow(left, right);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<uint> UnpackHigh(Vector512<uint> left, Vector512<uint> right) => Avx512F.UnpackHigh(left, right);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<long> UnpackLow(Vector512<long> left, Vector512<long> right) => Avx512F.UnpackLow(left, right);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<long> UnpackHigh(Vector512<long> left, Vector512<long> right) => Avx512F.UnpackHigh(left, right);

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
