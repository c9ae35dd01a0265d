using RnnLab.Randomness;

namespace RnnLab.Tests.Randomness;

/// <summary>
/// The deviates follow N(0, 1). Tolerances are five standard errors of each statistic under the null hypothesis
/// (for n normal draws: mean 1/√n, variance √(2/n), skewness √(6/n), excess kurtosis √(24/n)), so a correct
/// generator fails with probability below 1e-6 per statistic, while the draws are fixed by their seeds.
/// </summary>
public sealed class NormalDistributionTests
{
    private const int MomentDraws = 1_000_000;
    private const int KsDraws = 100_000;

    [Fact]
    public void FillFloats_MillionDraws_MomentsMatchStandardNormal()
    {
        var x = new float[MomentDraws];
        SeedStream.For(11, SeedPurpose.TrainingNoise).Fill(x);
        Assert.All(x, v => Assert.True(float.IsFinite(v) && Math.Abs(v) <= 5.77f));
        AssertStandardNormalMoments(SampleStatistics.Widen(x));
    }

    [Fact]
    public void FillDoubles_MillionDraws_MomentsMatchStandardNormal()
    {
        var x = new double[MomentDraws];
        SeedStream.For(12, SeedPurpose.TrainingNoise).Fill(x);
        Assert.All(x, v => Assert.True(double.IsFinite(v) && Math.Abs(v) <= 8.58));
        AssertStandardNormalMoments(x);
    }

    [Fact]
    public void FillFloats_HundredThousandDraws_PassKolmogorovSmirnov()
    {
        var x = new float[KsDraws];
        SeedStream.For(13, SeedPurpose.Evaluation, 4).Fill(x);
        AssertKolmogorovSmirnovPasses(SampleStatistics.Widen(x));
    }

    [Fact]
    public void FillDoubles_HundredThousandDraws_PassKolmogorovSmirnov()
    {
        var x = new double[KsDraws];
        SeedStream.For(14, SeedPurpose.Evaluation, 4).Fill(x);
        AssertKolmogorovSmirnovPasses(x);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void FillFloats_EachPositionInBlock_PassesKolmogorovSmirnov(int position)
    {
        // Each of a block's four deviates (cos and sin of two word pairs) must be normal on its own.
        var x = new float[4 * KsDraws];
        SeedStream.For(15, SeedPurpose.Analysis).Fill(x);
        var column = new double[KsDraws];
        for (var i = 0; i < KsDraws; i++) column[i] = x[4 * i + position];
        AssertKolmogorovSmirnovPasses(column);
    }

    [Fact]
    public void KolmogorovSmirnov_DeviatesScaledByOnePointZeroFive_Rejected()
    {
        // The test has power: a 5% error in scale is rejected.
        var x = new double[KsDraws];
        SeedStream.For(14, SeedPurpose.Evaluation, 4).Fill(x);
        var scaled = Array.ConvertAll(x, v => 1.05 * v);
        Assert.True(SampleStatistics.KolmogorovSmirnovToStandardNormal(scaled) > SampleStatistics.KolmogorovSmirnovCritical(KsDraws, 0.001));
    }

    [Fact]
    public void Moments_DeviatesScaledByOnePointZeroOne_VarianceRejected()
    {
        var x = new double[MomentDraws];
        SeedStream.For(12, SeedPurpose.TrainingNoise).Fill(x);
        var m = SampleStatistics.Of(Array.ConvertAll(x, v => 1.01 * v));
        Assert.True(Math.Abs(m.Variance - 1) > 5 * Math.Sqrt(2.0 / MomentDraws));
    }

    private static void AssertStandardNormalMoments(double[] x)
    {
        var n = x.Length;
        var m = SampleStatistics.Of(x);
        Assert.True(Math.Abs(m.Mean) < 5 / Math.Sqrt(n), $"mean {m.Mean}");
        Assert.True(Math.Abs(m.Variance - 1) < 5 * Math.Sqrt(2.0 / n), $"variance {m.Variance}");
        Assert.True(Math.Abs(m.Skewness) < 5 * Math.Sqrt(6.0 / n), $"skewness {m.Skewness}");
        Assert.True(Math.Abs(m.ExcessKurtosis) < 5 * Math.Sqrt(24.0 / n), $"excess kurtosis {m.ExcessKurtosis}");
    }

    private static void AssertKolmogorovSmirnovPasses(double[] x)
    {
        var d = SampleStatistics.KolmogorovSmirnovToStandardNormal(x);
        var critical = SampleStatistics.KolmogorovSmirnovCritical(x.Length, 0.001);
        Assert.True(d < critical, $"KS distance {d} >= critical {critical}");
    }
}
