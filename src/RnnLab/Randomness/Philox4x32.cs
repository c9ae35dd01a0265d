namespace RnnLab.Randomness;

/// <summary>
/// Philox4x32-10 (Salmon, Moraes, Dror and Shaw, "Parallel random numbers: as easy as 1, 2, 3", SC 2011; the
/// Random123 library): a keyed bijection from a 128-bit counter to a 128-bit block. Being counter-based, any block
/// can be computed without computing the ones before it, which makes streams splittable and bulk generation
/// vectorizable: the bulk path computes several consecutive counters side by side in SIMD lanes.
/// </summary>
public static class Philox4x32
{
    /// <summary>The multiplier applied to counter word 0 in each round.</summary>
    public const uint MultiplierA = 0xD2511F53;

    /// <summary>The multiplier applied to counter word 2 in each round.</summary>
    public const uint MultiplierB = 0xCD9E8D57;

    /// <summary>The Weyl increment added to key word 0 between rounds (the golden ratio, 2^32 (sqrt(5) - 1) / 2).</summary>
    public const uint WeylA = 0x9E3779B9;

    /// <summary>The Weyl increment added to key word 1 between rounds (2^32 (sqrt(3) - 1)).</summary>
    public const uint WeylB = 0xBB67AE85;

    /// <summary>Rounds per block: Random123's default, with a safety margin over the fewest rounds that pass TestU01's BigCrush.</summary>
    public const int Rounds = 10;

    /// <summary>The block Philox4x32-10 maps <paramref name="counter"/> to under <paramref name="key"/>.</summary>
    /// <param name="counter">The counter.</param>
    /// <param name="key">The key.</param>
    /// <returns>The output block.</returns>
    public static PhiloxBlock Block(PhiloxBlock counter, PhiloxKey key)
    {
        var (x0, x1, x2, x3) = (counter.X0, counter.X1, counter.X2, counter.X3);
        PhiloxRounds.Apply<ScalarKernel, uint>(ref x0, ref x1, ref x2, ref x3, key);
        return new PhiloxBlock(x0, x1, x2, x3);
    }

    /// <summary>
    /// Writes blocks <paramref name="firstBlock"/>, <paramref name="firstBlock"/> + 1, ... of <paramref name="stream"/>
    /// into <paramref name="destination"/>, four words per block in order; a length that is not a multiple of four
    /// ends with the first words of a block. The block position wraps modulo 2^64.
    /// </summary>
    /// <param name="stream">The stream.</param>
    /// <param name="firstBlock">The position of the first block.</param>
    /// <param name="destination">Where the words go.</param>
    /// <param name="path">The instruction-set path; all give identical words.</param>
    public static void Generate(PhiloxStream stream, ulong firstBlock, Span<uint> destination, SimdPath path = SimdPath.Auto)
    {
        BlockDriver.Words(stream, firstBlock, destination, SimdPaths.Resolve(path));
    }
}
