using RnnLab.Analysis.Hypotheses;

namespace RnnLab.Analysis.Tests.Hypotheses;

/// <summary>The rules that turn per-network values into verdicts, on values whose answer is known.</summary>
public class VerdictTests
{
    [Fact]
    public void TheIntervalIsStudentsT_AndEqualValuesGiveTheValueItself()
    {
        Assert.Equal((2.5, 2.5, 2.5), MeanInterval.Of([2.5, 2.5, 2.5]));
        // 1, 2, 3, 4, 10: mean 4, s = sqrt(12.5), t(0.975, 4) = 2.7764451051977987 (tables: 2.776).
        var (mean, low, high) = MeanInterval.Of([1, 2, 3, 4, 10]);
        var half = 2.7764451051977987 * Math.Sqrt(12.5 / 5);
        Assert.Equal(4, mean, 12);
        Assert.Equal(4 - half, low, 10);
        Assert.Equal(4 + half, high, 10);
        Assert.True(double.IsNaN(MeanInterval.Of([3.0]).Low));   // one value: no interval
    }

    [Fact]
    public void TheIntervalCoversTheTrueMeanOfTenNormalValues95PercentOfTheTime()
    {
        // 20,000 simulated studies of n = 10 networks whose values are normal (mean 1.5, sd 2): the 95% interval
        // must cover 1.5 in at least 94% of them (the percentile bootstrap covered about 91% at this n).
        var random = new Random(7);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var covered = 0;
        const int studies = 20_000;
        for (var s = 0; s < studies; s++)
        {
            var values = Enumerable.Range(0, 10).Select(_ => 1.5 + 2 * Normal()).ToArray();
            var (_, low, high) = MeanInterval.Of(values);
            if (low <= 1.5 && 1.5 <= high) covered++;
        }
        Assert.InRange(covered / (double)studies, 0.94, 0.96);
    }

    [Theory]
    [InlineData(VerdictRules.Supported, VerdictRules.Supported, VerdictRules.Supported)]
    [InlineData(VerdictRules.Supported, VerdictRules.Inconclusive, VerdictRules.Inconclusive)]
    [InlineData(VerdictRules.Inconclusive, VerdictRules.NotSupported, VerdictRules.NotSupported)]
    public void BothPartsMustHold(string first, string second, string expected) => Assert.Equal(expected, VerdictRules.All(first, second));
}
