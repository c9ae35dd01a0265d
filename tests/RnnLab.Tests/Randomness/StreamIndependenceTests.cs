using RnnLab.Randomness;

namespace RnnLab.Tests.Randomness;

/// <summary>Streams named by different (seed, purpose, sub-stream) are uncorrelated and never share a Philox block.</summary>
public sealed class StreamIndependenceTests
{
    private const int Draws = 100_000;

    public static TheoryData<ulong, SeedPurpose, uint, ulong, SeedPurpose, uint> Pairs => new()
    {
        { 5, SeedPurpose.TrainingNoise, 0, 5, SeedPurpose.Evaluation, 0 }, // purpose differs
        { 5, SeedPurpose.TrainingNoise, 0, 5, SeedPurpose.TrainingNoise, 1 }, // adjacent sub-streams
        { 5, SeedPurpose.TrainingNoise, 0, 6, SeedPurpose.TrainingNoise, 0 }, // adjacent seeds
        { 1, SeedPurpose.TrainingBatches, 0, 1_000_004, SeedPurpose.Initialization, 0 }, // collided under seed offsets
        { 0, SeedPurpose.Initialization, 0, 1UL << 32, SeedPurpose.Initialization, 0 }, // seeds differing only in the high key word
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public void FillFloats_DifferentStreams_Uncorrelated(ulong seedA, SeedPurpose purposeA, uint subA, ulong seedB, SeedPurpose purposeB, uint subB)
    {
        var a = new float[Draws];
        var b = new float[Draws];
        SeedStream.For(seedA, purposeA, subA).Fill(a);
        SeedStream.For(seedB, purposeB, subB).Fill(b);
        // Under independence the sample correlation has standard error 1/√n.
        var r = SampleStatistics.Correlation(SampleStatistics.Widen(a), SampleStatistics.Widen(b));
        Assert.True(Math.Abs(r) < 5 / Math.Sqrt(Draws), $"correlation {r}");
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void FillDoubles_DifferentStreams_Uncorrelated(ulong seedA, SeedPurpose purposeA, uint subA, ulong seedB, SeedPurpose purposeB, uint subB)
    {
        var a = new double[Draws];
        var b = new double[Draws];
        SeedStream.For(seedA, purposeA, subA).Fill(a);
        SeedStream.For(seedB, purposeB, subB).Fill(b);
        var r = SampleStatistics.Correlation(a, b);
        Assert.True(Math.Abs(r) < 5 / Math.Sqrt(Draws), $"correlation {r}");
    }

    [Fact]
    public void FillFloats_SameStreamNeighbouringDeviates_Uncorrelated()
    {
        // Lag-1 correlation inside one stream, across and within blocks (the cosine and sine of one pair share a radius).
        var x = SampleStatistics.Widen(Draw(9, SeedPurpose.TrainingNoise, 0, Draws + 1));
        var r = SampleStatistics.Correlation(x.AsSpan(0, Draws), x.AsSpan(1, Draws));
        Assert.True(Math.Abs(r) < 5 / Math.Sqrt(Draws), $"lag-1 correlation {r}");
    }

    [Fact]
    public void Generate_DistinctStreams_ShareNoBlock()
    {
        // Seeds 1 and 1,000,004 collided under the old seed offsets; every purpose and three sub-streams of each.
        const int blocksPerStream = 512;
        var seen = new HashSet<PhiloxBlock>();
        var total = 0;
        foreach (var seed in new ulong[] { 1, 2, 1_000_004 })
            foreach (var purpose in Enum.GetValues<SeedPurpose>())
                foreach (var sub in new uint[] { 0, 1, 2 })
                {
                    var words = new uint[4 * blocksPerStream];
                    Philox4x32.Generate(SeedStream.For(seed, purpose, sub).Philox, 0, words);
                    for (var i = 0; i < words.Length; i += 4)
                        seen.Add(new PhiloxBlock(words[i], words[i + 1], words[i + 2], words[i + 3]));
                    total += blocksPerStream;
                }
        Assert.Equal(total, seen.Count);
    }

    [Fact]
    public void For_DistinctTriples_GiveDistinctPhiloxStreams()
    {
        var a = SeedStream.For(1, SeedPurpose.TrainingBatches).Philox;
        var b = SeedStream.For(1_000_004, SeedPurpose.Initialization).Philox;
        Assert.NotEqual(a, b);
        Assert.Equal(new PhiloxStream(PhiloxKey.FromSeed(1), (uint)SeedPurpose.TrainingBatches, 0), a);
        Assert.Equal(new PhiloxStream(PhiloxKey.FromSeed(7), (uint)SeedPurpose.Evaluation, 3), SeedStream.For(7, SeedPurpose.Evaluation, 3).Philox);
    }

    private static float[] Draw(ulong seed, SeedPurpose purpose, uint sub, int count)
    {
        var x = new float[count];
        SeedStream.For(seed, purpose, sub).Fill(x);
        return x;
    }
}
