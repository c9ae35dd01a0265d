using System.Text.Json;
using RnnLab.Randomness;

namespace RnnLab.Tests.Randomness;

/// <summary>Positions, chunked draws, checkpoint state, cloning and splitting of <see cref="NoiseStream"/>.</summary>
public sealed class NoiseStreamTests
{
    private static NoiseStream Fresh() => SeedStream.For(31, SeedPurpose.TrainingNoise, 2);

    [Fact]
    public void FillFloats_ChunksOfMultiplesOfFour_EqualOneCall()
    {
        var whole = new float[4000];
        Fresh().Fill(whole);

        var stream = Fresh();
        var chunked = new float[4000];
        var offset = 0;
        foreach (var size in new[] { 4, 12, 400, 8, 1000, 64, 2512 })
        {
            stream.Fill(chunked.AsSpan(offset, size));
            offset += size;
        }

        BitwiseAssert.Equal(whole, chunked, "chunked");
        Assert.Equal(1000UL, stream.Position);
    }

    [Fact]
    public void FillDoubles_ChunksOfMultiplesOfFour_EqualOneCall()
    {
        var whole = new double[4000];
        Fresh().Fill(whole);

        var stream = Fresh();
        var chunked = new double[4000];
        var offset = 0;
        foreach (var size in new[] { 4, 12, 400, 8, 1000, 64, 2512 })
        {
            stream.Fill(chunked.AsSpan(offset, size));
            offset += size;
        }

        BitwiseAssert.Equal(whole, chunked, "chunked");
        Assert.Equal(2000UL, stream.Position);
    }

    [Fact]
    public void FillFloats_CountNotMultipleOfFour_ConsumesWholeBlocks()
    {
        var whole = new float[16];
        Fresh().Fill(whole);

        var stream = Fresh();
        var five = new float[5];
        stream.Fill(five);
        Assert.Equal(2UL, stream.Position); // ceil(5 / 4)
        var next = new float[4];
        stream.Fill(next);

        BitwiseAssert.Equal(whole[..5], five, "first draw");
        BitwiseAssert.Equal(whole[8..12], next, "second draw starts at block 2; deviates 5..7 are discarded");
    }

    [Fact]
    public void FillDoubles_OddCount_ConsumesWholeBlocks()
    {
        var whole = new double[8];
        Fresh().Fill(whole);

        var stream = Fresh();
        var three = new double[3];
        stream.Fill(three);
        Assert.Equal(2UL, stream.Position); // ceil(3 / 2)
        var next = new double[2];
        stream.Fill(next);

        BitwiseAssert.Equal(whole[..3], three, "first draw");
        BitwiseAssert.Equal(whole[4..6], next, "second draw starts at block 2");
    }

    [Fact]
    public void Fill_Empty_DoesNotAdvance()
    {
        var stream = Fresh();
        stream.Fill(Span<float>.Empty);
        stream.Fill(Span<double>.Empty);
        Assert.Equal(0UL, stream.Position);
    }

    [Fact]
    public void State_RoundTripThroughJson_ContinuesIdentically()
    {
        var original = new NoiseStream(ulong.MaxValue - 3, SeedPurpose.Comparison, uint.MaxValue, position: 1UL << 40);
        original.Fill(new float[333]);
        original.Fill(new double[77]);

        var json = JsonSerializer.Serialize(original.State);
        var restored = NoiseStream.FromState(JsonSerializer.Deserialize<NoiseStreamState>(json)!);

        Assert.Equal(original.State, restored.State);
        var expectedFloats = new float[1000];
        var actualFloats = new float[1000];
        original.Fill(expectedFloats);
        restored.Fill(actualFloats);
        BitwiseAssert.Equal(expectedFloats, actualFloats, "floats after restore");
        var expectedDoubles = new double[1000];
        var actualDoubles = new double[1000];
        original.Fill(expectedDoubles);
        restored.Fill(actualDoubles);
        BitwiseAssert.Equal(expectedDoubles, actualDoubles, "doubles after restore");
    }

    [Fact]
    public void State_Json_HasStableNumericFields()
    {
        var json = JsonSerializer.Serialize(new NoiseStreamState(18446744073709551615, SeedPurpose.TrainingNoise, 4, 1234567890123));
        Assert.Equal("""{"Seed":18446744073709551615,"Purpose":3,"SubStream":4,"Position":1234567890123}""", json);
    }

    [Fact]
    public void Skip_BlocksForFloats_LandsWhereDrawingWould()
    {
        var drawn = Fresh();
        drawn.Fill(new float[10]);
        var skipped = Fresh();
        skipped.Skip(NormalDeviates.BlocksForFloats(10));

        Assert.Equal(drawn.Position, skipped.Position);
        var a = new float[64];
        var b = new float[64];
        drawn.Fill(a);
        skipped.Fill(b);
        BitwiseAssert.Equal(a, b, "after skip");
    }

    [Fact]
    public void Clone_AfterDraws_DrawsSameNumbersIndependently()
    {
        var stream = Fresh();
        stream.Fill(new float[40]);
        var clone = stream.Clone();

        var a = new float[100];
        var b = new float[100];
        stream.Fill(a);
        clone.Fill(b);
        BitwiseAssert.Equal(a, b, "clone");
        Assert.Equal(stream.Position, clone.Position);

        stream.Skip(1);
        Assert.NotEqual(stream.Position, clone.Position);
    }

    [Fact]
    public void Split_AnySubStream_AddressesSiblingAtStart()
    {
        var parent = Fresh();
        parent.Fill(new float[40]);
        var split = parent.Split(9);

        Assert.Equal(new NoiseStreamState(31, SeedPurpose.TrainingNoise, 9, 0), split.State);
        var a = new float[100];
        var b = new float[100];
        split.Fill(a);
        SeedStream.For(31, SeedPurpose.TrainingNoise, 9).Fill(b);
        BitwiseAssert.Equal(b, a, "split");
        var parentNext = new float[100];
        parent.Fill(parentNext);
        Assert.NotEqual(a, parentNext);
    }

    [Fact]
    public void Fill_ConcurrentStreams_SameAsSequential()
    {
        const int streams = 8;
        var sequential = new float[streams][];
        for (var s = 0; s < streams; s++)
        {
            sequential[s] = new float[50_000];
            SeedStream.For(3, SeedPurpose.TrainingNoise, (uint)s).Fill(sequential[s]);
        }

        var parallel = new float[streams][];
        Parallel.For(0, streams, new ParallelOptions { MaxDegreeOfParallelism = 4 }, s =>
        {
            parallel[s] = new float[50_000];
            SeedStream.For(3, SeedPurpose.TrainingNoise, (uint)s).Fill(parallel[s]);
        });

        for (var s = 0; s < streams; s++) BitwiseAssert.Equal(sequential[s], parallel[s], $"stream {s}");
    }

    [Fact]
    public void NormalDeviatesFill_DisjointBlockRangesOnThreads_EqualOneFill()
    {
        var philox = Fresh().Philox;
        var whole = new float[64_000];
        NormalDeviates.Fill(philox, 0, whole);

        var pieces = new float[64_000];
        const int pieceLength = 4_000; // 1,000 blocks each
        Parallel.For(0, pieces.Length / pieceLength, p =>
            NormalDeviates.Fill(philox, (ulong)(p * pieceLength / 4), pieces.AsSpan(p * pieceLength, pieceLength)));

        BitwiseAssert.Equal(whole, pieces, "pieces");
    }

    [Fact]
    public void Constructor_UndefinedPurpose_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new NoiseStream(1, (SeedPurpose)0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new NoiseStream(1, (SeedPurpose)8));
    }

    [Fact]
    public void Fill_PastCounterLimit_ThrowsWithoutAdvancing()
    {
        var stream = new NoiseStream(1, SeedPurpose.Bench, 0, ulong.MaxValue - 1);
        stream.Fill(new float[4]); // the last block before 2^64 - 1 is fine
        Assert.Equal(ulong.MaxValue, stream.Position);
        Assert.Throws<InvalidOperationException>(() => stream.Fill(new float[4]));
        Assert.Throws<InvalidOperationException>(() => stream.Skip(1));
        Assert.Equal(ulong.MaxValue, stream.Position);
    }

    [Fact]
    public void BlocksFor_Counts_RoundUpToWholeBlocks()
    {
        Assert.Equal(0UL, NormalDeviates.BlocksForFloats(0));
        Assert.Equal(1UL, NormalDeviates.BlocksForFloats(1));
        Assert.Equal(1UL, NormalDeviates.BlocksForFloats(4));
        Assert.Equal(2UL, NormalDeviates.BlocksForFloats(5));
        Assert.Equal(204_800UL, NormalDeviates.BlocksForFloats(819_200));
        Assert.Equal(1UL, NormalDeviates.BlocksForDoubles(2));
        Assert.Equal(2UL, NormalDeviates.BlocksForDoubles(3));
        Assert.Throws<ArgumentOutOfRangeException>(() => NormalDeviates.BlocksForFloats(-1));
    }
}
