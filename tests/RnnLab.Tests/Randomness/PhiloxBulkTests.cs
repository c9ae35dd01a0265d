using RnnLab.Randomness;
using Xunit.Abstractions;

namespace RnnLab.Tests.Randomness;

/// <summary>Every vectorized path of <see cref="Philox4x32.Generate"/> gives exactly the scalar blocks.</summary>
public sealed class PhiloxBulkTests(ITestOutputHelper output)
{
    private static readonly PhiloxStream Stream = new(new PhiloxKey(0x01234567, 0x89abcdef), 3, 17);

    // Starts inside the first group, just below a carry from counter word 0 into word 1, and just below the
    // 2^64 wrap; word counts around every group size (4, 16, 32 and 64 words) and not multiples of 4.
    private static readonly ulong[] Starts = [0, 5, 0xFFFF_FFF3, 0x0000_0123_FFFF_FFFF, ulong.MaxValue - 9];
    private static readonly int[] Lengths = [1, 3, 4, 5, 15, 16, 17, 31, 32, 33, 63, 64, 65, 127, 128, 129, 1001, 4096];

    [SimdTheory]
    [MemberData(nameof(SimdPathData.EveryPath), MemberType = typeof(SimdPathData))]
    public void Generate_OnPath_EqualsScalarBlockFunction(SimdPath path)
    {
        foreach (var firstBlock in Starts)
        {
            foreach (var length in Lengths)
            {
                var expected = new uint[length];
                for (var i = 0; i < length; i++)
                {
                    var block = Philox4x32.Block(Stream.Counter(unchecked(firstBlock + (ulong)(i / 4))), Stream.Key);
                    expected[i] = (i % 4) switch { 0 => block.X0, 1 => block.X1, 2 => block.X2, _ => block.X3 };
                }

                var actual = new uint[length];
                Philox4x32.Generate(Stream, firstBlock, actual, path);
                BitwiseAssert.Equal(expected, actual, $"{path}, start {firstBlock}, length {length}");
            }
        }
    }

    [Fact]
    public void Counter_PastLowWord_CarriesIntoWordOne()
    {
        Assert.Equal(new PhiloxBlock(0, 1, 3, 17), Stream.Counter(0x1_0000_0000));
        Assert.Equal(new PhiloxBlock(0xFFFF_FFFF, 0, 3, 17), Stream.Counter(0xFFFF_FFFF));
    }

    [Fact]
    public void Generate_AutoPath_UsesBestSupportedPath()
    {
        output.WriteLine($"SIMD paths this processor runs: {string.Join(", ", SimdPaths.Supported)}; Auto is {SimdPaths.Best}.");
        foreach (var path in Enum.GetValues<SimdPath>().Where(p => !SimdPaths.IsSupported(p)))
            output.WriteLine($"Not run: {path} (this processor lacks {SimdPaths.RequiredInstructions(path)}).");
        Assert.True(SimdPaths.IsSupported(SimdPaths.Best));
        Assert.Contains(SimdPaths.Best, SimdPaths.Supported);
        var auto = new uint[100];
        var best = new uint[100];
        Philox4x32.Generate(Stream, 7, auto);
        Philox4x32.Generate(Stream, 7, best, SimdPaths.Best);
        BitwiseAssert.Equal(best, auto, "Auto");
    }

    [Fact]
    public void Generate_UnknownPath_Throws()
    {
        Assert.Throws<NotSupportedException>(() => Philox4x32.Generate(Stream, 0, new uint[4], (SimdPath)99));
    }
}
