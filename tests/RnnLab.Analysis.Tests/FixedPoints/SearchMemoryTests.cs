using RnnLab.Analysis.FixedPoints;

namespace RnnLab.Analysis.Tests.FixedPoints;

public sealed class SearchMemoryTests
{
    [Fact]
    public void Bytes_CountsOneHundredTwentyEightPerStateAndUnit()
    {
        // 2e9 states x 128 units x 128 bytes = 32,768,000,000,000 (beyond int: the product is taken in long)
        Assert.Equal(32_768_000_000_000, SearchMemory.Bytes(2_000_000_000, 128));
    }

    [Fact]
    public void MaxStates_IsBoundedByMemory_OrByTheLargestArray()
    {
        // 24 GiB / (128 units x 128 bytes) = 1,572,864 states
        Assert.Equal(1_572_864, SearchMemory.MaxStates(128, 24L << 30));
        // 1 TiB would hold 67,108,864 states of 128 units, but one array holds Array.MaxLength / 128 of them
        Assert.Equal(Array.MaxLength / 128, SearchMemory.MaxStates(128, 1L << 40));
    }

    [Fact]
    public void Refusal_BeyondMaxStates_SaysTheSizeAndTheLimit()
    {
        Assert.Null(SearchMemory.Refusal(1_572_864, 128, 24L << 30));
        var refusal = SearchMemory.Refusal(2_000_000_000, 128, 24L << 30)!;
        Assert.Equal(new SearchMemoryRefusal(2_000_000_000, 128, 2_000_000_000L * 128 * 128, 24L << 30, 1_572_864), refusal);
        Assert.Equal("2000000000 initial states need about 30517.6 GB for the fixed-point search of 128 units; this machine has 24 GB; at most 1572864 fit here",
            refusal.ToString());
    }
}
