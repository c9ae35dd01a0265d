namespace RnnLab.Randomness;

/// <summary>
/// One lane width's kernels: each computes one group of <see cref="BlocksPerGroup"/> consecutive blocks and writes
/// what they give, in block order, at the destination.
/// </summary>
internal interface IBlockKernel
{
    static abstract int BlocksPerGroup { get; }

    /// <summary>Writes 4 × <see cref="BlocksPerGroup"/> Philox words.</summary>
    static abstract void Words(in PhiloxStream stream, ulong firstBlock, ref uint destination);

    /// <summary>Writes 4 × <see cref="BlocksPerGroup"/> single-precision normal deviates.</summary>
    static abstract void Floats(in PhiloxStream stream, ulong firstBlock, ref float destination);

    /// <summary>Writes 2 × <see cref="BlocksPerGroup"/> double-precision normal deviates.</summary>
    static abstract void Doubles(in PhiloxStream stream, ulong firstBlock, ref double destination);
}
