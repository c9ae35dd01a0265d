using System.Runtime.CompilerServices;

namespace RnnLab.Randomness;

/// <summary>
/// Box-Muller in single precision: two 32-bit words give two independent standard normal deviates,
/// r cos θ and r sin θ with r = sqrt(-2 ln u), u uniform on (0, 1], and θ uniform on [0, 2π).
/// The logarithm and the sine/cosine are polynomial kernels written here (not Math/MathF, not TensorPrimitives)
/// so the scalar and the vector instantiations round identically.
/// </summary>
internal static class FloatBoxMuller
{
    private const float TwoToMinus24 = 1f / 16777216f;

    // One 2^-24 turn in radians.
    private const float TurnUnitInRadians = (float)(2 * Math.PI / 16777216.0);

    // logf from FreeBSD/musl (Sun Microsystems, 1993): ln2 split so k * Ln2Hi is exact, and the minimax
    // coefficients of (log(1+s) - log(1-s)) / s, error below 2^-34.24.
    private const float Ln2Hi = 6.9313812256e-01f; // 0x3f317180
    private const float Ln2Lo = 9.0580006145e-06f; // 0x3717f7d1
    private const float Lg1 = 11184810f / 16777216f; // 0xaaaaaa.0p-24
    private const float Lg2 = 13422099f / 33554432f; // 0xccce13.0p-25
    private const float Lg3 = 9562606f / 33554432f; // 0x91e9ee.0p-25
    private const float Lg4 = 16293414f / 67108864f; // 0xf89e26.0p-26

    // Cephes sinf/cosf minimax polynomials on [-π/4, π/4].
    private const float Sin0 = -1.9515295891e-4f, Sin1 = 8.3321608736e-3f, Sin2 = -1.6666654611e-1f;
    private const float Cos0 = 2.443315711809948e-5f, Cos1 = -1.388731625493765e-3f, Cos2 = 4.166664568298827e-2f;

    /// <summary>
    /// The two deviates of one word pair. The radius uses the top 24 bits of <paramref name="radiusWord"/> as
    /// u = (bits + 1) 2^-24, which is never 0 (so the logarithm is finite) and reaches 1 (radius 0); deviates are
    /// therefore bounded by sqrt(-2 ln 2^-24) ≈ 5.77. The angle is the top 24 bits of <paramref name="angleWord"/>
    /// read as a fraction of a turn.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (TF Cosine, TF Sine) Transform<TLanes, TF, TI>(TI radiusWord, TI angleWord)
        where TLanes : IFloatLanes<TF, TI>
    {
        var bits = TLanes.AddInt(TLanes.ShiftRightLogicalInt(radiusWord, 8), TLanes.SplatInt(1));
        var uniform = TLanes.Multiply(TLanes.ConvertToSingle(bits), TLanes.Splat(TwoToMinus24));
        var radius = TLanes.Sqrt(TLanes.Multiply(TLanes.Splat(-2f), Log<TLanes, TF, TI>(uniform)));
        var (sin, cos) = SinCosOfTurn<TLanes, TF, TI>(TLanes.ShiftRightLogicalInt(angleWord, 8));
        return (TLanes.Multiply(radius, cos), TLanes.Multiply(radius, sin));
    }

    /// <summary>Natural logarithm of positive, normal, finite lanes (musl's logf without its special cases).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TF Log<TLanes, TF, TI>(TF x)
        where TLanes : IFloatLanes<TF, TI>
    {
        // x = 2^k (1 + f) with 1 + f in [sqrt(2)/2, sqrt(2)): shifting the bits by 1 - sqrt(2)/2 first makes the
        // exponent field round at sqrt(2) instead of 2, with integer operations only (no compare-and-select).
        var ix = TLanes.AddInt(TLanes.AsInt(x), TLanes.SplatInt(0x3f800000 - 0x3f3504f3));
        var k = TLanes.SubtractInt(TLanes.ShiftRightLogicalInt(ix, 23), TLanes.SplatInt(0x7f));
        ix = TLanes.AddInt(TLanes.AndInt(ix, TLanes.SplatInt(0x007fffff)), TLanes.SplatInt(0x3f3504f3));
        var f = TLanes.Subtract(TLanes.AsSingle(ix), TLanes.Splat(1f));

        var s = TLanes.Divide(f, TLanes.Add(TLanes.Splat(2f), f));
        var z = TLanes.Multiply(s, s);
        var w = TLanes.Multiply(z, z);
        var t1 = TLanes.Multiply(w, TLanes.Add(TLanes.Splat(Lg2), TLanes.Multiply(w, TLanes.Splat(Lg4))));
        var t2 = TLanes.Multiply(z, TLanes.Add(TLanes.Splat(Lg1), TLanes.Multiply(w, TLanes.Splat(Lg3))));
        var r = TLanes.Add(t2, t1);
        var halfSquare = TLanes.Multiply(TLanes.Multiply(TLanes.Splat(0.5f), f), f);
        var dk = TLanes.ConvertToSingle(k);

        // s (hfsq + R) + dk ln2_lo - hfsq + f + dk ln2_hi, summed left to right as musl does.
        var sum = TLanes.Add(TLanes.Multiply(s, TLanes.Add(halfSquare, r)), TLanes.Multiply(dk, TLanes.Splat(Ln2Lo)));
        sum = TLanes.Add(TLanes.Subtract(sum, halfSquare), f);
        return TLanes.Add(sum, TLanes.Multiply(dk, TLanes.Splat(Ln2Hi)));
    }

    /// <summary>
    /// Sine and cosine of 2π t / 2^24 for integer lanes t in [0, 2^24). Because the angle arrives as an integer
    /// fraction of a turn, the reduction to the nearest quarter turn is exact integer arithmetic, leaving a
    /// remainder in [-π/4, π/4) for the polynomials; the quarter then swaps and negates the results.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (TF Sin, TF Cos) SinCosOfTurn<TLanes, TF, TI>(TI turn)
        where TLanes : IFloatLanes<TF, TI>
    {
        var quarter = TLanes.ShiftRightLogicalInt(TLanes.AddInt(turn, TLanes.SplatInt(1 << 21)), 22); // 0..4
        var rest = TLanes.SubtractInt(turn, TLanes.ShiftLeftInt(quarter, 22)); // [-2^21, 2^21)
        var x = TLanes.Multiply(TLanes.ConvertToSingle(rest), TLanes.Splat(TurnUnitInRadians));
        var z = TLanes.Multiply(x, x);

        var ps = TLanes.Add(TLanes.Multiply(TLanes.Splat(Sin0), z), TLanes.Splat(Sin1));
        ps = TLanes.Add(TLanes.Multiply(ps, z), TLanes.Splat(Sin2));
        var sinX = TLanes.Add(TLanes.Multiply(TLanes.Multiply(ps, z), x), x);

        var pc = TLanes.Add(TLanes.Multiply(TLanes.Splat(Cos0), z), TLanes.Splat(Cos1));
        pc = TLanes.Add(TLanes.Multiply(pc, z), TLanes.Splat(Cos2));
        var cosX = TLanes.Multiply(TLanes.Multiply(pc, z), z);
        cosX = TLanes.Add(TLanes.Subtract(cosX, TLanes.Multiply(TLanes.Splat(0.5f), z)), TLanes.Splat(1f));

        // angle = q π/2 + x: q odd swaps sine and cosine; the sine is negated for q = 2, 3 and the cosine for q = 1, 2.
        var q = TLanes.AndInt(quarter, TLanes.SplatInt(3));
        var swap = TLanes.SubtractInt(TLanes.SplatInt(0), TLanes.AndInt(q, TLanes.SplatInt(1)));
        var sinBits = TLanes.AsInt(sinX);
        var cosBits = TLanes.AsInt(cosX);
        var exchanged = TLanes.AndInt(TLanes.XorInt(sinBits, cosBits), swap);
        var sinSign = TLanes.ShiftLeftInt(TLanes.AndInt(q, TLanes.SplatInt(2)), 30);
        var cosSign = TLanes.ShiftLeftInt(TLanes.AndInt(TLanes.AddInt(q, TLanes.SplatInt(1)), TLanes.SplatInt(2)), 30);
        return (TLanes.AsSingle(TLanes.XorInt(TLanes.XorInt(sinBits, exchanged), sinSign)),
                TLanes.AsSingle(TLanes.XorInt(TLanes.XorInt(cosBits, exchanged), cosSign)));
    }
}
