using System.Runtime.CompilerServices;

namespace RnnLab.Randomness;

/// <summary>
/// Box-Muller in double precision: one Philox block (four 32-bit words) gives two independent standard normal
/// deviates, r cos θ and r sin θ, from a 53-bit uniform u in (0, 1] (words 0 and 1) and a 53-bit fraction of a turn
/// (words 2 and 3). As in <see cref="FloatBoxMuller"/>, the logarithm and sine/cosine kernels are written here so
/// every lane width rounds identically.
/// </summary>
internal static class DoubleBoxMuller
{
    private const double TwoToMinus32 = 1.0 / 4294967296.0;
    private const double TwoToMinus53 = 1.0 / 9007199254740992.0;
    private const double TwoTo51 = 2251799813685248.0;
    private const double TwoTo52 = 4503599627370496.0;
    private const long TwoTo52Bits = 0x4330000000000000; // the bits of 2^52

    // One 2^-53 turn in radians.
    private const double TurnUnitInRadians = 2 * Math.PI / 9007199254740992.0;

    // log from fdlibm/musl (Sun Microsystems, 1993).
    private const double Ln2Hi = 6.93147180369123816490e-01; // 3fe62e42 fee00000
    private const double Ln2Lo = 1.90821492927058770002e-10; // 3dea39ef 35793c76
    private const double Lg1 = 6.666666666666735130e-01;
    private const double Lg2 = 3.999999999940941908e-01;
    private const double Lg3 = 2.857142874366239149e-01;
    private const double Lg4 = 2.222219843214978396e-01;
    private const double Lg5 = 1.818357216161805012e-01;
    private const double Lg6 = 1.531383769920937332e-01;
    private const double Lg7 = 1.479819860511658591e-01;

    // __kernel_sin and __kernel_cos from fdlibm/musl, minimax on [-π/4, π/4].
    private const double S1 = -1.66666666666666324348e-01;
    private const double S2 = 8.33333333332248946124e-03;
    private const double S3 = -1.98412698298579493134e-04;
    private const double S4 = 2.75573137070700676789e-06;
    private const double S5 = -2.50507602534068634195e-08;
    private const double S6 = 1.58969099521155010221e-10;
    private const double C1 = 4.16666666666666019037e-02;
    private const double C2 = -1.38888888888741095749e-03;
    private const double C3 = 2.48015872894767294178e-05;
    private const double C4 = -2.75573143513906633035e-07;
    private const double C5 = 2.08757232129817482790e-09;
    private const double C6 = -1.13596475577881948265e-11;

    /// <summary>
    /// The two deviates of one block, whose words arrive zero-extended in 64-bit lanes. The radius uses
    /// u = (w0 2^21 + (w1 >> 11) + 1) 2^-53, never 0 and reaching 1, so deviates are bounded by
    /// sqrt(-2 ln 2^-53) ≈ 8.57. The angle is (w2 2^21 + (w3 >> 11)) / 2^53 of a turn.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (TD Cosine, TD Sine) Transform<TLanes, TD, TL>(TL w0, TL w1, TL w2, TL w3)
        where TLanes : IDoubleLanes<TD, TL>
    {
        // Both parts convert exactly and their exact sum, an integer of at most 53 bits times 2^-53, is a double:
        // so u is exact, without a 64-bit integer conversion that AVX2 lacks.
        var high = TLanes.Multiply(Exact<TLanes, TD, TL>(w0), TLanes.Splat(TwoToMinus32));
        var lowBits = TLanes.AddLong(TLanes.ShiftRightLogicalLong(w1, 11), TLanes.SplatLong(1));
        var uniform = TLanes.Add(high, TLanes.Multiply(Exact<TLanes, TD, TL>(lowBits), TLanes.Splat(TwoToMinus53)));
        var radius = TLanes.Sqrt(TLanes.Multiply(TLanes.Splat(-2.0), Log<TLanes, TD, TL>(uniform)));

        var turn = TLanes.OrLong(TLanes.ShiftLeftLong(w2, 21), TLanes.ShiftRightLogicalLong(w3, 11));
        var (sin, cos) = SinCosOfTurn<TLanes, TD, TL>(turn);
        return (TLanes.Multiply(radius, cos), TLanes.Multiply(radius, sin));
    }

    /// <summary>Converts integer lanes in [0, 2^52) to double exactly, by planting them in the significand of 2^52.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TD Exact<TLanes, TD, TL>(TL value)
        where TLanes : IDoubleLanes<TD, TL>
        => TLanes.Subtract(TLanes.AsDouble(TLanes.OrLong(value, TLanes.SplatLong(TwoTo52Bits))), TLanes.Splat(TwoTo52));

    /// <summary>Natural logarithm of positive, normal, finite lanes (musl's log without its special cases).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TD Log<TLanes, TD, TL>(TD x)
        where TLanes : IDoubleLanes<TD, TL>
    {
        // As in FloatBoxMuller.Log: offset the high word so the exponent rounds at sqrt(2), giving 1 + f in [sqrt(2)/2, sqrt(2)).
        var ix = TLanes.AddLong(TLanes.AsLong(x), TLanes.SplatLong((0x3ff00000L - 0x3fe6a09eL) << 32));
        var dk = TLanes.Subtract(Exact<TLanes, TD, TL>(TLanes.ShiftRightLogicalLong(ix, 52)), TLanes.Splat(1023.0));
        ix = TLanes.AddLong(TLanes.AndLong(ix, TLanes.SplatLong(0x000fffffffffffffL)), TLanes.SplatLong(0x3fe6a09eL << 32));
        var f = TLanes.Subtract(TLanes.AsDouble(ix), TLanes.Splat(1.0));

        var halfSquare = TLanes.Multiply(TLanes.Multiply(TLanes.Splat(0.5), f), f);
        var s = TLanes.Divide(f, TLanes.Add(TLanes.Splat(2.0), f));
        var z = TLanes.Multiply(s, s);
        var w = TLanes.Multiply(z, z);
        var t1 = TLanes.Add(TLanes.Splat(Lg4), TLanes.Multiply(w, TLanes.Splat(Lg6)));
        t1 = TLanes.Multiply(w, TLanes.Add(TLanes.Splat(Lg2), TLanes.Multiply(w, t1)));
        var t2 = TLanes.Add(TLanes.Splat(Lg5), TLanes.Multiply(w, TLanes.Splat(Lg7)));
        t2 = TLanes.Add(TLanes.Splat(Lg3), TLanes.Multiply(w, t2));
        t2 = TLanes.Multiply(z, TLanes.Add(TLanes.Splat(Lg1), TLanes.Multiply(w, t2)));
        var r = TLanes.Add(t2, t1);

        var sum = TLanes.Add(TLanes.Multiply(s, TLanes.Add(halfSquare, r)), TLanes.Multiply(dk, TLanes.Splat(Ln2Lo)));
        sum = TLanes.Add(TLanes.Subtract(sum, halfSquare), f);
        return TLanes.Add(sum, TLanes.Multiply(dk, TLanes.Splat(Ln2Hi)));
    }

    /// <summary>Sine and cosine of 2π t / 2^53 for integer lanes t in [0, 2^53), reduced exactly to the nearest quarter turn.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (TD Sin, TD Cos) SinCosOfTurn<TLanes, TD, TL>(TL turn)
        where TLanes : IDoubleLanes<TD, TL>
    {
        var quarter = TLanes.ShiftRightLogicalLong(TLanes.AddLong(turn, TLanes.SplatLong(1L << 50)), 51); // 0..4
        var rest = TLanes.SubtractLong(turn, TLanes.ShiftLeftLong(quarter, 51)); // [-2^50, 2^50)
        var restValue = TLanes.Subtract(Exact<TLanes, TD, TL>(TLanes.AddLong(rest, TLanes.SplatLong(1L << 51))), TLanes.Splat(TwoTo51));
        var x = TLanes.Multiply(restValue, TLanes.Splat(TurnUnitInRadians));
        var z = TLanes.Multiply(x, x);
        var w = TLanes.Multiply(z, z);

        // musl __sin(x, 0, 0): x + v (S1 + z r), r = S2 + z (S3 + z S4) + z w (S5 + z S6).
        var rs = TLanes.Add(TLanes.Splat(S2), TLanes.Multiply(z, TLanes.Add(TLanes.Splat(S3), TLanes.Multiply(z, TLanes.Splat(S4)))));
        rs = TLanes.Add(rs, TLanes.Multiply(TLanes.Multiply(z, w), TLanes.Add(TLanes.Splat(S5), TLanes.Multiply(z, TLanes.Splat(S6)))));
        var v = TLanes.Multiply(z, x);
        var sinX = TLanes.Add(x, TLanes.Multiply(v, TLanes.Add(TLanes.Splat(S1), TLanes.Multiply(z, rs))));

        // musl __cos(x, 0): r = z (C1 + z (C2 + z C3)) + w w (C4 + z (C5 + z C6)); 1 - z/2 summed with its rounding error.
        var rc = TLanes.Multiply(z, TLanes.Add(TLanes.Splat(C1), TLanes.Multiply(z, TLanes.Add(TLanes.Splat(C2), TLanes.Multiply(z, TLanes.Splat(C3))))));
        var rc2 = TLanes.Add(TLanes.Splat(C4), TLanes.Multiply(z, TLanes.Add(TLanes.Splat(C5), TLanes.Multiply(z, TLanes.Splat(C6)))));
        rc = TLanes.Add(rc, TLanes.Multiply(TLanes.Multiply(w, w), rc2));
        var halfZ = TLanes.Multiply(TLanes.Splat(0.5), z);
        var oneMinus = TLanes.Subtract(TLanes.Splat(1.0), halfZ);
        var error = TLanes.Subtract(TLanes.Subtract(TLanes.Splat(1.0), oneMinus), halfZ);
        var cosX = TLanes.Add(oneMinus, TLanes.Add(error, TLanes.Multiply(z, rc)));

        var q = TLanes.AndLong(quarter, TLanes.SplatLong(3));
        var swap = TLanes.SubtractLong(TLanes.SplatLong(0), TLanes.AndLong(q, TLanes.SplatLong(1)));
        var sinBits = TLanes.AsLong(sinX);
        var cosBits = TLanes.AsLong(cosX);
        var exchanged = TLanes.AndLong(TLanes.XorLong(sinBits, cosBits), swap);
        var sinSign = TLanes.ShiftLeftLong(TLanes.AndLong(q, TLanes.SplatLong(2)), 62);
        var cosSign = TLanes.ShiftLeftLong(TLanes.AndLong(TLanes.AddLong(q, TLanes.SplatLong(1)), TLanes.SplatLong(2)), 62);
        return (TLanes.AsDouble(TLanes.XorLong(TLanes.XorLong(sinBits, exchanged), sinSign)),
                TLanes.AsDouble(TLanes.XorLong(TLanes.XorLong(cosBits, exchanged), cosSign)));
    }
}
