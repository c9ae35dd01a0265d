namespace RnnLab.Randomness;

/// <summary>
/// Standard normal deviates from a Philox stream by the Box-Muller transform, vectorized on x86 and bitwise
/// identical on every <see cref="SimdPath"/>, every run and every thread count.
/// </summary>
/// <remarks>
/// <para>
/// Layout. Block <c>b</c> of the stream gives floats 4b .. 4b + 3 (its word pairs (0, 1) and (2, 3) each give a
/// cosine and a sine deviate) or doubles 2b, 2b + 1 (all four words give one pair). So element <c>i</c> of a
/// destination filled from <c>firstBlock</c> depends only on the stream, block <c>firstBlock + i / 4</c> (floats) or
/// <c>firstBlock + i / 2</c> (doubles), and <c>i</c>'s place in that block: disjoint block ranges may be filled on
/// different threads, and a fill can be split anywhere on a block boundary without changing a number.
/// </para>
/// <para>
/// Accuracy. The logarithm, sine and cosine are fdlibm/musl and Cephes polynomial kernels evaluated here, not
/// Math or TensorPrimitives (whose vectorized and scalar results may differ by an ulp between instruction sets).
/// Against a System.Math Box-Muller of the same words the largest errors measured over millions of deviates are
/// 1.5 ulps (float) and 2.5 ulps (double) of max(1, |deviate|). Uniforms never reach 0, so every deviate is
/// finite: at most about 5.77 in absolute value for floats, 8.57 for doubles.
/// </para>
/// </remarks>
public static class NormalDeviates
{
    /// <summary>Single-precision deviates per Philox block.</summary>
    public const int FloatsPerBlock = 4;

    /// <summary>Double-precision deviates per Philox block.</summary>
    public const int DoublesPerBlock = 2;

    /// <summary>Blocks a fill of <paramref name="count"/> floats consumes: ceil(count / 4).</summary>
    /// <param name="count">The number of floats, not negative.</param>
    /// <returns>The number of whole blocks.</returns>
    public static ulong BlocksForFloats(long count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return (ulong)(count / FloatsPerBlock + (count % FloatsPerBlock == 0 ? 0 : 1));
    }

    /// <summary>Blocks a fill of <paramref name="count"/> doubles consumes: ceil(count / 2).</summary>
    /// <param name="count">The number of doubles, not negative.</param>
    /// <returns>The number of whole blocks.</returns>
    public static ulong BlocksForDoubles(long count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return (ulong)(count / DoublesPerBlock + (count % DoublesPerBlock == 0 ? 0 : 1));
    }

    /// <summary>Fills <paramref name="destination"/> with the float deviates of blocks <paramref name="firstBlock"/> onward.</summary>
    /// <param name="stream">The stream.</param>
    /// <param name="firstBlock">The position of the first block used.</param>
    /// <param name="destination">Where the deviates go; a length that is not a multiple of 4 leaves the last block's remaining deviates unused.</param>
    /// <param name="path">The instruction-set path; all give identical deviates.</param>
    public static void Fill(PhiloxStream stream, ulong firstBlock, Span<float> destination, SimdPath path = SimdPath.Auto)
    {
        BlockDriver.Floats(stream, firstBlock, destination, SimdPaths.Resolve(path));
    }

    /// <summary>Fills <paramref name="destination"/> with the double deviates of blocks <paramref name="firstBlock"/> onward.</summary>
    /// <param name="stream">The stream.</param>
    /// <param name="firstBlock">The position of the first block used.</param>
    /// <param name="destination">Where the deviates go; an odd length leaves the last block's second deviate unused.</param>
    /// <param name="path">The instruction-set path; all give identical deviates.</param>
    public static void Fill(PhiloxStream stream, ulong firstBlock, Span<double> destination, SimdPath path = SimdPath.Auto)
    {
        BlockDriver.Doubles(stream, firstBlock, destination, SimdPaths.Resolve(path));
    }
}
