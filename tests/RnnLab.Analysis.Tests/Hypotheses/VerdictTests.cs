using RnnLab.Analysis.Hypotheses;

namespace RnnLab.Analysis.Tests.Hypotheses;

/// <summary>The rules that turn per-network values into verdicts, on values whose answer is known.</summary>
public class VerdictTests
{
    [Fact]
    public void TheBootstrapIntervalOfEqualValuesIsThatValueAndOtherwiseLiesWithinTheRange()
    {
        Assert.Equal((2.5, 2.5, 2.5), Bootstrap.MeanInterval([2.5, 2.5, 2.5]));
        double[] values = [1, 2, 3, 4, 10];
        var (mean, low, high) = Bootstrap.MeanInterval(values);
        Assert.Equal(4, mean, 12);
        Assert.True(1 <= low && low < mean && mean < high && high <= 10, $"[{low}, {high}]");
        Assert.Equal(Bootstrap.MeanInterval(values), Bootstrap.MeanInterval(values));   // the same every time
    }

    [Theory]
    [InlineData(new[] { 1.0, 2, 3, 4 }, 0, 1, VerdictRules.Supported)]
    [InlineData(new[] { 1.0, 2, 3, 4 }, 0, -1, VerdictRules.NotSupported)]
    [InlineData(new[] { -1.0, 1, -0.5, 0.5 }, 0, 1, VerdictRules.Inconclusive)]
    [InlineData(new[] { 0.2, 0.3, 0.25 }, 0.5, -1, VerdictRules.Supported)]
    [InlineData(new[] { 5.0, 6 }, 0, 1, VerdictRules.Inconclusive)]   // too few networks
    [InlineData(new[] { 0.0, 0, 0, 0 }, 0, 1, VerdictRules.Inconclusive)]   // no change: the interval is the threshold itself
    public void TheVerdictFollowsWhereTheIntervalLies(double[] values, double threshold, int direction, string expected)
    {
        var (verdict, why, _, ci) = VerdictRules.Beyond(values, threshold, direction, "x");

        Assert.Equal(expected, verdict);
        Assert.StartsWith(values.Length < VerdictRules.MinimumNetworks ? "only " : "the 95% interval of x, [", why);
        Assert.Equal(2, ci.Length);
    }

    [Theory]
    [InlineData(VerdictRules.Supported, VerdictRules.Supported, VerdictRules.Supported)]
    [InlineData(VerdictRules.Supported, VerdictRules.Inconclusive, VerdictRules.Inconclusive)]
    [InlineData(VerdictRules.Inconclusive, VerdictRules.NotSupported, VerdictRules.NotSupported)]
    public void BothPartsMustHold(string first, string second, string expected) => Assert.Equal(expected, VerdictRules.All(first, second));
}
