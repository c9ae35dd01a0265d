using System.Runtime.CompilerServices;

namespace RnnLab.Randomness;

/// <summary>
/// The ten Philox rounds, written once for every lane width so the scalar and the vector paths run the same
/// sequence of integer operations (and so agree bit for bit).
/// </summary>
internal static class PhiloxRounds
{
    /// <summary>All rounds on one set of counters.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Apply<TLanes, TU>(ref TU x0, ref TU x1, ref TU x2, ref TU x3, PhiloxKey key)
        where TLanes : IWordLanes<TU>
    {
        uint k0 = key.K0, k1 = key.K1;
        for (var round = 0; round < Philox4x32.Rounds; round++)
        {
            Round<TLanes, TU>(ref x0, ref x1, ref x2, ref x3, TLanes.Splat(k0), TLanes.Splat(k1));
            k0 += Philox4x32.WeylA;
            k1 += Philox4x32.WeylB;
        }
    }

    /// <summary>
    /// All rounds on two independent sets of counters, interleaved: one set's rounds form a single chain of
    /// dependent multiplies, so a second chain in the same loop fills the multiplier's latency.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ApplyToTwo<TLanes, TU>(ref TU a0, ref TU a1, ref TU a2, ref TU a3, ref TU b0, ref TU b1, ref TU b2, ref TU b3, PhiloxKey key)
        where TLanes : IWordLanes<TU>
    {
        uint k0 = key.K0, k1 = key.K1;
        for (var round = 0; round < Philox4x32.Rounds; round++)
        {
            var key0 = TLanes.Splat(k0);
            var key1 = TLanes.Splat(k1);
            Round<TLanes, TU>(ref a0, ref a1, ref a2, ref a3, key0, key1);
            Round<TLanes, TU>(ref b0, ref b1, ref b2, ref b3, key0, key1);
            k0 += Philox4x32.WeylA;
            k1 += Philox4x32.WeylB;
        }
    }

    /// <summary>One round: (hi(B x2) ^ x1 ^ k0, lo(B x2), hi(A x0) ^ x3 ^ k1, lo(A x0)).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Round<TLanes, TU>(ref TU x0, ref TU x1, ref TU x2, ref TU x3, TU k0, TU k1)
        where TLanes : IWordLanes<TU>
    {
        TLanes.MultiplyWide(x0, Philox4x32.MultiplierA, out var high0, out var low0);
        TLanes.MultiplyWide(x2, Philox4x32.MultiplierB, out var high1, out var low1);
        var y0 = TLanes.Xor(TLanes.Xor(high1, x1), k0);
        var y2 = TLanes.Xor(TLanes.Xor(high0, x3), k1);
        x0 = y0;
        x1 = low1;
        x2 = y2;
        x3 = low0;
    }
}
