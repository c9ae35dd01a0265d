using RnnLab.Randomness;

namespace RnnLab.Tests.Randomness;

/// <summary>The vectorized normal-deviate paths give exactly the scalar path's numbers, for every length and start.</summary>
public sealed class NormalDeviatesPathTests
{
    private static readonly PhiloxStream Stream = new(PhiloxKey.FromSeed(20240917), (uint)SeedPurpose.TrainingNoise, 2);

    private static readonly ulong[] Starts = [0, 3, 0xFFFF_FFF9, ulong.MaxValue - 40];
    private static readonly int[] Lengths = [0, 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 127, 128, 129, 1000, 4099];

    [SimdTheory]
    [MemberData(nameof(SimdPathData.VectorPaths), MemberType = typeof(SimdPathData))]
    public void FillFloats_OnPath_BitwiseEqualToScalar(SimdPath path)
    {
        foreach (var firstBlock in Starts)
        {
            foreach (var length in Lengths)
            {
                var expected = new float[length];
                NormalDeviates.Fill(Stream, firstBlock, expected, SimdPath.Scalar);
                var actual = new float[length];
                NormalDeviates.Fill(Stream, firstBlock, actual, path);
                BitwiseAssert.Equal(expected, actual, $"{path}, start {firstBlock}, length {length}");
            }
        }
    }

    [SimdTheory]
    [MemberData(nameof(SimdPathData.VectorPaths), MemberType = typeof(SimdPathData))]
    public void FillDoubles_OnPath_BitwiseEqualToScalar(SimdPath path)
    {
        foreach (var firstBlock in Starts)
        {
            foreach (var length in Lengths)
            {
                var expected = new double[length];
                NormalDeviates.Fill(Stream, firstBlock, expected, SimdPath.Scalar);
                var actual = new double[length];
                NormalDeviates.Fill(Stream, firstBlock, actual, path);
                BitwiseAssert.Equal(expected, actual, $"{path}, start {firstBlock}, length {length}");
            }
        }
    }

    [SimdTheory]
    [MemberData(nameof(SimdPathData.EveryPath), MemberType = typeof(SimdPathData))]
    public void FillFloats_LaterFirstBlock_EqualsSliceOfLongerFill(SimdPath path)
    {
        var all = new float[1000];
        NormalDeviates.Fill(Stream, 10, all, path);
        var later = new float[500];
        NormalDeviates.Fill(Stream, 10 + 37, later, path);
        BitwiseAssert.Equal(all[(4 * 37)..(4 * 37 + 500)], later, $"{path}");
    }

    [SimdTheory]
    [MemberData(nameof(SimdPathData.EveryPath), MemberType = typeof(SimdPathData))]
    public void FillDoubles_LaterFirstBlock_EqualsSliceOfLongerFill(SimdPath path)
    {
        var all = new double[1000];
        NormalDeviates.Fill(Stream, 10, all, path);
        var later = new double[500];
        NormalDeviates.Fill(Stream, 10 + 37, later, path);
        BitwiseAssert.Equal(all[(2 * 37)..(2 * 37 + 500)], later, $"{path}");
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
