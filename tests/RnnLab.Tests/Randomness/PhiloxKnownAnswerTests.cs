using RnnLab.Randomness;

namespace RnnLab.Tests.Randomness;

/// <summary>Random123's published known-answer vectors for philox4x32_10 (its tests/kat_vectors).</summary>
public sealed class PhiloxKnownAnswerTests
{
    public static TheoryData<uint[], uint[], uint[]> Vectors => new()
    {
        { [0, 0, 0, 0], [0, 0], [0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8] },
        { [0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff], [0xffffffff, 0xffffffff], [0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd] },
        { [0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344], [0xa4093822, 0x299f31d0], [0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1] },
    };

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Block_Random123Vector_MatchesPublishedOutput(uint[] counter, uint[] key, uint[] expected)
    {
        var block = Philox4x32.Block(new PhiloxBlock(counter[0], counter[1], counter[2], counter[3]), new PhiloxKey(key[0], key[1]));

        Assert.Equal(new PhiloxBlock(expected[0], expected[1], expected[2], expected[3]), block);
    }

    [SimdTheory]
    [MemberData(nameof(SimdPathData.EveryPath), MemberType = typeof(SimdPathData))]
    public void Generate_Random123VectorsOnPath_MatchPublishedOutput(SimdPath path)
    {
        foreach (var row in Vectors)
        {
            var (counter, key, expected) = ((uint[])row[0], (uint[])row[1], (uint[])row[2]);
            // Counter words 0 and 1 are the block position, words 2 and 3 name the stream.
            var stream = new PhiloxStream(new PhiloxKey(key[0], key[1]), counter[2], counter[3]);
            var position = ((ulong)counter[1] << 32) | counter[0];
            var words = new uint[4];
            Philox4x32.Generate(stream, position, words, path);
            BitwiseAssert.Equal(expected, words, $"{path}, counter {string.Join(' ', counter)}");
        }
    }

    [Fact]
    public void FromSeed_SixtyFourBitSeed_SplitsLowWordFirst()
    {
        Assert.Equal(new PhiloxKey(0x299f31d0, 0xa4093822), PhiloxKey.FromSeed(0xa4093822_299f31d0));
    }
}
