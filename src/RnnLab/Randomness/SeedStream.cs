namespace RnnLab.Randomness;

/// <summary>
/// The one door to all seeding: every random stream in RnnLab is named by (seed, purpose, sub-stream) here.
/// </summary>
/// <remarks>
/// This replaces seed offsets such as <c>seed + 1_000_003</c> for training and <c>seed + 2_000_003</c> for
/// evaluation, which collide across runs: the training stream of seed 1 was the initialization stream of seed
/// 1,000,004. Here the purpose and sub-stream are Philox counter words, not additions to the seed, so two different
/// triples never share a block, whatever the seeds.
/// </remarks>
public static class SeedStream
{
    /// <summary>The noise stream of (<paramref name="seed"/>, <paramref name="purpose"/>, <paramref name="subStream"/>), at its start.</summary>
    /// <param name="seed">The experiment or network seed.</param>
    /// <param name="purpose">What the numbers are for.</param>
    /// <param name="subStream">Which of the purpose's streams (a network index, a worker, a trial block).</param>
    /// <returns>A new stream at position 0.</returns>
    public static NoiseStream For(ulong seed, SeedPurpose purpose, uint subStream = 0) => new(seed, purpose, subStream);

    /// <summary>
    /// A 64-bit seed for a torch generator, for code that still draws from torch (e.g. weight initialization with
    /// torch.randn): words 0 and 1 of the Philox block of counter (sub-stream, purpose, 0, 0) under the key
    /// <paramref name="seed"/>. Philox is a bijection for a fixed key, so different (purpose, sub-stream) pairs of one
    /// seed get different 128-bit blocks, and no noise block is ever used (noise counters have word 2 = purpose,
    /// never 0). The 64-bit seeds of different triples coincide only by chance, with probability 2^-64 per pair.
    /// </summary>
    /// <remarks>
    /// PyTorch's CPU generator (mt19937) keeps only the low 32 bits of its seed, so there two of n derived seeds
    /// collide with probability about n² / 2^33 (1 in 8,600 for n = 1,000); CUDA's Philox generator uses all 64 bits.
    /// </remarks>
    /// <param name="seed">The experiment or network seed.</param>
    /// <param name="purpose">What the numbers are for.</param>
    /// <param name="subStream">Which of the purpose's streams.</param>
    /// <returns>The derived seed.</returns>
    public static ulong TorchSeed(ulong seed, SeedPurpose purpose, uint subStream = 0)
    {
        if (!Enum.IsDefined(purpose))
            throw new ArgumentOutOfRangeException(nameof(purpose), purpose, "Not a defined SeedPurpose.");
        var block = Philox4x32.Block(new PhiloxBlock(subStream, (uint)purpose, 0, 0), PhiloxKey.FromSeed(seed));
        return ((ulong)block.X1 << 32) | block.X0;
    }
}
