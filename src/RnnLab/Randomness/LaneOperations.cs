namespace RnnLab.Randomness;

// The kernels (PhiloxRounds, FloatBoxMuller, DoubleBoxMuller) are written once, generic over these operation sets,
// and instantiated with plain scalars and with 128-, 256- and 512-bit vectors. Only correctly rounded IEEE operations
// (+, -, *, /, sqrt, exact integer conversions) and integer bit operations appear, never fused multiply-add or the
// approximate reciprocal instructions (whose results differ between Intel and AMD), so every instantiation computes
// the same bits on every x86 or ARM processor.

/// <summary>The unsigned 32-bit operations the Philox rounds need, on one lane or on a vector of lanes.</summary>
internal interface IWordLanes<TU>
{
    static abstract TU Splat(uint value);

    static abstract TU Xor(TU left, TU right);

    /// <summary>The full 64-bit product of each lane with <paramref name="multiplier"/>, split into its halves.</summary>
    static abstract void MultiplyWide(TU value, uint multiplier, out TU high, out TU low);
}

/// <summary>Single-precision lanes <typeparamref name="TF"/> with their same-width 32-bit integer view <typeparamref name="TI"/>.</summary>
internal interface IFloatLanes<TF, TI>
{
    static abstract TF Splat(float value);

    static abstract TF Add(TF left, TF right);

    static abstract TF Subtract(TF left, TF right);

    static abstract TF Multiply(TF left, TF right);

    static abstract TF Divide(TF left, TF right);

    static abstract TF Sqrt(TF value);

    static abstract TI SplatInt(int value);

    static abstract TI AddInt(TI left, TI right);

    static abstract TI SubtractInt(TI left, TI right);

    static abstract TI AndInt(TI left, TI right);

    static abstract TI XorInt(TI left, TI right);

    static abstract TI ShiftLeftInt(TI value, int count);

    static abstract TI ShiftRightLogicalInt(TI value, int count);

    /// <summary>Converts each signed integer lane to float (exact for magnitudes up to 2^24, the only ones used).</summary>
    static abstract TF ConvertToSingle(TI value);

    static abstract TI AsInt(TF value);

    static abstract TF AsSingle(TI value);
}

/// <summary>Double-precision lanes <typeparamref name="TD"/> with their same-width 64-bit integer view <typeparamref name="TL"/>.</summary>
internal interface IDoubleLanes<TD, TL>
{
    static abstract TD Splat(double value);

    static abstract TD Add(TD left, TD right);

    static abstract TD Subtract(TD left, TD right);

    static abstract TD Multiply(TD left, TD right);

    static abstract TD Divide(TD left, TD right);

    static abstract TD Sqrt(TD value);

    static abstract TL SplatLong(long value);

    static abstract TL AddLong(TL left, TL right);

    static abstract TL SubtractLong(TL left, TL right);

    static abstract TL AndLong(TL left, TL right);

    static abstract TL OrLong(TL left, TL right);

    static abstract TL XorLong(TL left, TL right);

    static abstract TL ShiftLeftLong(TL value, int count);

    static abstract TL ShiftRightLogicalLong(TL value, int count);

    static abstract TL AsLong(TD value);

    static abstract TD AsDouble(TL value);
}
