using RnnLab.Randomness;

namespace RnnLab.Tests.Randomness;

/// <summary>The vectorized normal-deviate paths give exactly the scalar path's numbers, for every length and start.</summary>
public sealed class NormalDeviatesPathTests
{
    private static readonly PhiloxStream Stream = new(PhiloxKey.FromSeed(20240917), (uint)SeedPurpose.TrainingNoise, 2);

    public static TheoryData<ulong, int> Cases()
    {
        var data = new TheoryData<ulong, int>();
        ulong[] starts = [0, 3, 0xFFFF_FFF9, ulong.MaxValue - 40];
        int[] lengths = [0, 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 127, 128, 129, 1000, 4099];
        foreach (var start in starts)
            foreach (var length in lengths)
                data.Add(start, length);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void FillFloats_EveryPath_BitwiseEqualToScalar(ulong firstBlock, int length)
    {
        var expected = new float[length];
        NormalDeviates.Fill(Stream, firstBlock, expected, SimdPath.Scalar);
        foreach (var path in SimdPaths.Supported)
        {
            var actual = new float[length];
            NormalDeviates.Fill(Stream, firstBlock, actual, path);
            BitwiseAssert.Equal(expected, actual, $"{path}, start {firstBlock}, length {length}");
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void FillDoubles_EveryPath_BitwiseEqualToScalar(ulong firstBlock, int length)
    {
        var expected = new double[length];
        NormalDeviates.Fill(Stream, firstBlock, expected, SimdPath.Scalar);
        foreach (var path in SimdPaths.Supported)
        {
            var actual = new double[length];
            NormalDeviates.Fill(Stream, firstBlock, actual, path);
            BitwiseAssert.Equal(expected, actual, $"{path}, start {firstBlock}, length {length}");
        }
    }

    [Fact]
    public void FillFloats_LaterFirstBlock_EqualsSliceOfLongerFill()
    {
        foreach (var path in SimdPaths.Supported)
        {
            var all = new float[1000];
            NormalDeviates.Fill(Stream, 10, all, path);
            var later = new float[500];
            NormalDeviates.Fill(Stream, 10 + 37, later, path);
            BitwiseAssert.Equal(all[(4 * 37)..(4 * 37 + 500)], later, $"{path}");
        }
    }

    [Fact]
    public void FillDoubles_LaterFirstBlock_EqualsSliceOfLongerFill()
    {
        foreach (var path in SimdPaths.Supported)
        {
            var all = new double[1000];
            NormalDeviates.Fill(Stream, 10, all, path);
            var later = new double[500];
            NormalDeviates.Fill(Stream, 10 + 37, later, path);
            BitwiseAssert.Equal(all[(2 * 37)..(2 * 37 + 500)], later, $"{path}");
        }
    }

    [Fact]
    public void FillFloats_RepeatedCalls_GiveSameNumbers()
    {
        var first = new float[10_000];
        var second = new float[10_000];
        NormalDeviates.Fill(Stream, 123, first);
        NormalDeviates.Fill(Stream, 123, second);
        BitwiseAssert.Equal(first, second, "repeat");
        Assert.NotEqual(first[0], first[1]);
    }
}
