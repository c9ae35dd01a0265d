using RnnLab.Randomness;

namespace RnnLab.Tests.Randomness;

/// <summary>The purposes' numbers, <see cref="SeedStream.For"/> and the derived torch seeds.</summary>
public sealed class SeedStreamTests
{
    [Fact]
    public void SeedPurpose_Values_AreTheCheckpointedNumbers()
    {
        // These numbers are written into checkpoints and are counter words of every stream: never renumber.
        Assert.Equal(1u, (uint)SeedPurpose.Initialization);
        Assert.Equal(2u, (uint)SeedPurpose.TrainingBatches);
        Assert.Equal(3u, (uint)SeedPurpose.TrainingNoise);
        Assert.Equal(4u, (uint)SeedPurpose.Evaluation);
        Assert.Equal(5u, (uint)SeedPurpose.Analysis);
        Assert.Equal(6u, (uint)SeedPurpose.Comparison);
        Assert.Equal(7u, (uint)SeedPurpose.Bench);
        Assert.Equal(7, Enum.GetValues<SeedPurpose>().Length);
    }

    [Fact]
    public void For_SeedPurposeSubStream_StartsAtBlockZero()
    {
        var stream = SeedStream.For(99, SeedPurpose.Analysis, 5);
        Assert.Equal(new NoiseStreamState(99, SeedPurpose.Analysis, 5, 0), stream.State);
        Assert.Equal(0u, SeedStream.For(99, SeedPurpose.Analysis).SubStream);
    }

    [Fact]
    public void For_OldOffsetCollision_GivesDifferentNumbers()
    {
        // Under seed + 1_000_003 the training stream of seed 1 was the initialization stream of seed 1,000,004.
        var training = new float[64];
        var initialization = new float[64];
        SeedStream.For(1, SeedPurpose.TrainingBatches).Fill(training);
        SeedStream.For(1 + 1_000_003, SeedPurpose.Initialization).Fill(initialization);
        Assert.DoesNotContain(training, initialization.Contains);
    }

    [Fact]
    public void TorchSeed_EveryPurposeSubStreamAndSeed_Distinct()
    {
        var seeds = new HashSet<ulong>();
        var count = 0;
        foreach (var seed in new ulong[] { 0, 1, 2, 1_000_004, ulong.MaxValue })
            foreach (var purpose in Enum.GetValues<SeedPurpose>())
                for (uint sub = 0; sub < 1000; sub++)
                {
                    seeds.Add(SeedStream.TorchSeed(seed, purpose, sub));
                    count++;
                }
        Assert.Equal(count, seeds.Count);
    }

    [Fact]
    public void TorchSeed_SameInputs_SameSeed()
    {
        Assert.Equal(SeedStream.TorchSeed(8, SeedPurpose.Initialization, 3), SeedStream.TorchSeed(8, SeedPurpose.Initialization, 3));
        Assert.NotEqual(SeedStream.TorchSeed(8, SeedPurpose.Initialization, 3), SeedStream.TorchSeed(8, SeedPurpose.Initialization, 4));
    }

    [Fact]
    public void TorchSeed_NeverReusesANoiseBlock()
    {
        // The derived seed comes from counter (sub-stream, purpose, 0, 0); noise counters carry the purpose in word 2.
        const ulong seed = 8;
        var words = new uint[4 * 1024];
        foreach (var purpose in Enum.GetValues<SeedPurpose>())
        {
            Philox4x32.Generate(SeedStream.For(seed, purpose).Philox, 0, words);
            var torchSeed = SeedStream.TorchSeed(seed, purpose);
            for (var i = 0; i < words.Length; i += 4)
                Assert.NotEqual(torchSeed, ((ulong)words[i + 1] << 32) | words[i]);
        }
    }

    [Fact]
    public void TorchSeed_UndefinedPurpose_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SeedStream.TorchSeed(1, (SeedPurpose)0));
    }
}
