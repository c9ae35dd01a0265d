namespace RnnLab.Randomness;

/// <summary>
/// The fixed part of one Philox stream: the key and counter words 2 and 3. Block <c>n</c> of the stream is
/// Philox4x32-10 of the counter (low 32 bits of n, high 32 bits of n, <see cref="Word2"/>, <see cref="Word3"/>)
/// under <see cref="Key"/>, so streams that differ in any of the three never share a counter.
/// </summary>
/// <param name="Key">The key (in this library, the seed).</param>
/// <param name="Word2">Counter word 2 (in this library, the <see cref="SeedPurpose"/>).</param>
/// <param name="Word3">Counter word 3 (in this library, the sub-stream).</param>
public readonly record struct PhiloxStream(PhiloxKey Key, uint Word2, uint Word3)
{
    /// <summary>The counter of block <paramref name="block"/>.</summary>
    /// <param name="block">The block position.</param>
    /// <returns>The four counter words.</returns>
    public PhiloxBlock Counter(ulong block) => new((uint)block, (uint)(block >> 32), Word2, Word3);

    /// <summary>Block <paramref name="block"/> of the stream, computed by the scalar block function.</summary>
    /// <param name="block">The block position.</param>
    /// <returns>The four output words.</returns>
    public PhiloxBlock Block(ulong block) => Philox4x32.Block(Counter(block), Key);
}
