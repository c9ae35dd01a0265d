namespace RnnLab.Randomness;

/// <summary>
/// Everything needed to resume a <see cref="NoiseStream"/>: a checkpoint stores this record (it serializes to JSON
/// as four numbers) and <see cref="NoiseStream.FromState"/> continues exactly where the stream left off.
/// </summary>
/// <param name="Seed">The seed: the Philox key.</param>
/// <param name="Purpose">The purpose: counter word 2.</param>
/// <param name="SubStream">The sub-stream: counter word 3.</param>
/// <param name="Position">The next block to be drawn: counter words 0 and 1.</param>
public sealed record NoiseStreamState(ulong Seed, SeedPurpose Purpose, uint SubStream, ulong Position);
