namespace RnnLab.Randomness;

/// <summary>
/// A position in one Philox stream of normal deviates. The stream is fixed by (seed, purpose, sub-stream), which
/// become the key and counter words 2 and 3, so different triples never overlap by construction; the position, a
/// 64-bit block counter in words 0 and 1, advances as deviates are drawn.
/// </summary>
/// <remarks>
/// Draws consume whole blocks: <see cref="Fill(Span{float})"/> of n floats advances the position by ceil(n / 4)
/// blocks and <see cref="Fill(Span{double})"/> of n doubles by ceil(n / 2), discarding the rest of a partly used
/// block. The position after a sequence of draws therefore depends only on their counts, and drawing n values in
/// one call or in several calls whose sizes are multiples of 4 (floats) or 2 (doubles) gives the same numbers.
/// An instance is not safe for concurrent use: give each thread its own <see cref="Clone"/> or <see cref="Split"/>.
/// </remarks>
public sealed class NoiseStream
{
    private readonly PhiloxStream _philox;

    /// <summary>A stream positioned at block <paramref name="position"/>.</summary>
    /// <param name="seed">The seed: the Philox key.</param>
    /// <param name="purpose">The purpose: a defined <see cref="SeedPurpose"/>.</param>
    /// <param name="subStream">The sub-stream within the purpose.</param>
    /// <param name="position">The next block to draw.</param>
    public NoiseStream(ulong seed, SeedPurpose purpose, uint subStream = 0, ulong position = 0)
    {
        if (!Enum.IsDefined(purpose))
            throw new ArgumentOutOfRangeException(nameof(purpose), purpose, "Not a defined SeedPurpose.");
        Seed = seed;
        Purpose = purpose;
        SubStream = subStream;
        Position = position;
        _philox = new PhiloxStream(PhiloxKey.FromSeed(seed), (uint)purpose, subStream);
    }

    /// <summary>Resumes a stream from a saved <see cref="State"/>.</summary>
    /// <param name="state">The saved state.</param>
    /// <returns>A stream whose next draws equal those the saved stream would have made.</returns>
    public static NoiseStream FromState(NoiseStreamState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return new NoiseStream(state.Seed, state.Purpose, state.SubStream, state.Position);
    }

    /// <summary>The seed: the Philox key.</summary>
    public ulong Seed { get; }

    /// <summary>The purpose: counter word 2.</summary>
    public SeedPurpose Purpose { get; }

    /// <summary>The sub-stream: counter word 3.</summary>
    public uint SubStream { get; }

    /// <summary>The next block to be drawn.</summary>
    public ulong Position { get; private set; }

    /// <summary>The Philox stream this draws from (key and counter words 2 and 3).</summary>
    public PhiloxStream Philox => _philox;

    /// <summary>The current state, for a checkpoint.</summary>
    public NoiseStreamState State => new(Seed, Purpose, SubStream, Position);

    /// <summary>Fills <paramref name="destination"/> with standard normal floats and advances by ceil(length / 4) blocks.</summary>
    /// <param name="destination">Where the deviates go.</param>
    public void Fill(Span<float> destination)
    {
        var next = Advanced(NormalDeviates.BlocksForFloats(destination.Length));
        NormalDeviates.Fill(_philox, Position, destination);
        Position = next;
    }

    /// <summary>Fills <paramref name="destination"/> with standard normal doubles and advances by ceil(length / 2) blocks.</summary>
    /// <param name="destination">Where the deviates go.</param>
    public void Fill(Span<double> destination)
    {
        var next = Advanced(NormalDeviates.BlocksForDoubles(destination.Length));
        NormalDeviates.Fill(_philox, Position, destination);
        Position = next;
    }

    /// <summary>
    /// Advances the position by <paramref name="blocks"/> without drawing: skipping
    /// <see cref="NormalDeviates.BlocksForFloats"/>(n) blocks leaves the stream where a fill of n floats would.
    /// </summary>
    /// <param name="blocks">The number of blocks to skip.</param>
    public void Skip(ulong blocks) => Position = Advanced(blocks);

    /// <summary>An independent copy at the same position: both then draw the same numbers.</summary>
    /// <returns>The copy.</returns>
    public NoiseStream Clone() => new(Seed, Purpose, SubStream, Position);

    /// <summary>
    /// The stream of the same seed and purpose with sub-stream <paramref name="subStream"/>, at its start. Sub-streams
    /// are siblings, not children: splitting from any sub-stream of a purpose addresses the same set of streams.
    /// </summary>
    /// <param name="subStream">The sub-stream.</param>
    /// <returns>A new stream at position 0.</returns>
    public NoiseStream Split(uint subStream) => new(Seed, Purpose, subStream);

    // A wrapped counter would replay the stream from its start; 2^64 blocks cannot be drawn in practice, but refuse it.
    private ulong Advanced(ulong blocks) => Position <= ulong.MaxValue - blocks
        ? Position + blocks
        : throw new InvalidOperationException("The noise stream's 64-bit block counter would wrap around.");
}
