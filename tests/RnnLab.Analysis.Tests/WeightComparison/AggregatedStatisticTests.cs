using RnnLab.Analysis.WeightComparison;

namespace RnnLab.Analysis.Tests.WeightComparison;

/// <summary>How one statistic is summarized across networks, when some or all lack it.</summary>
public sealed class AggregatedStatisticTests
{
    [Fact]
    public void AStatisticSomeNetworksLack_IsSummarizedOverTheOthers()
    {
        ComparedStatistic[] perNetwork =
        [
            new("fraction", 0.2, 0.5),
            new("fraction", null, null, "not computed: no start came near the best"),
            new("fraction", 0.4, 1.0),
        ];
        var s = AggregatedStatistic.Of("fraction", perNetwork);
        Assert.Null(s.Unavailable);
        Assert.Equal(2, s.Final!.Count);
        Assert.Equal(0.75, s.Final.Mean, 12);
        Assert.Equal(0.25, s.Final.StandardError, 12);   // sqrt(((0.25^2 + 0.25^2) / 1) / 2)
        Assert.Equal(0.45, s.Change!.Mean, 12);
    }

    [Fact]
    public void AStatisticNoNetworkHas_SaysWhy()
    {
        var s = AggregatedStatistic.Of("fraction", [new("fraction", null, null, "why"), new("fraction", null, null, "why")]);
        Assert.Equal("why", s.Unavailable);
        Assert.Null(s.Final);
    }
}
