using TorchSharp;
using RnnLab.Analysis.WeightComparison;

namespace RnnLab.Analysis.Tests.WeightComparison;

/// <summary>The non-linearity measures of H1 on trajectories whose answer is known.</summary>
public class NonlinearityTests
{
    // r_t = (1 - alpha) r_(t-1) + alpha relu(a_t) from r = 0, for drives a [T, B, N].
    private static Tensor Rates(Tensor drive, double alpha)
    {
        var r = zeros_like(drive[0]);
        var rates = new List<Tensor>();
        for (var t = 0; t < drive.size(0); t++) rates.Add(r = r * (1 - alpha) + drive[t].relu() * alpha);
        return stack(rates);
    }

    [Fact]
    public void RectifiedUnitsAndSwitchesAreCountedFromTheUpdate()
    {
        using var scope = NewDisposeScope();
        // Unit 0 always driven (active), unit 1 never (rectified), unit 2 alternates on, off, on, ...: 10 steps, 4 trials.
        var t = arange(10, dtype: float64).reshape(-1, 1);
        var pattern = cat([ones([10, 1], float64), -ones([10, 1], float64), (t % 2 == 0).to(float64) * 2 - 1], 1);
        var drive = (pattern.unsqueeze(1) * (rand([10, 4, 3], float64) + 0.5)).contiguous();
        var measures = Nonlinearity.Of(Rates(drive, 0.1), zeros([10, 4, 1], float64), 0.1);
        Assert.Equal((10 + 5) / 30.0, measures.RectifiedFraction, 12);          // unit 1 always, unit 2 on the 5 odd steps
        Assert.Equal(9 / 27.0, measures.ActiveSetChangeRate, 12);               // unit 2 switches at each of the 9 step pairs
    }

    [Fact]
    public void ALinearSystemIsFittedExactly_AndANonLinearOneIsNot()
    {
        using var scope = NewDisposeScope();
        using var g = new Generator(3);
        // A relu network whose units all stay active is linear: r_t = (1 - alpha) r + alpha (W r + U u + 2).
        var (n, steps, trials, alpha) = (5, 40, 16, 0.1);
        var w = randn([n, n], float64, generator: g) * 0.1;
        var u = randn([steps, trials, 2], float64, generator: g);
        var input = randn([n, 2], float64, generator: g) * 0.1;
        Tensor Run(double offset)
        {
            var r = zeros([trials, n], float64);
            var rates = new List<Tensor>();
            for (var s = 0; s < steps; s++) rates.Add(r = r * (1 - alpha) + (r.matmul(w.t()) + u[s].matmul(input.t()) + offset).relu() * alpha);
            return stack(rates);
        }
        var linear = Nonlinearity.Of(Run(2.0), u, alpha);
        Assert.Equal(0, linear.RectifiedFraction);
        Assert.True(linear.LinearModelError < 1e-20, $"{linear.LinearModelError}");
        var rectified = Nonlinearity.Of(Run(0.0), u, alpha);              // around 0 the relu cuts: not linear
        Assert.True(rectified.RectifiedFraction > 0.1 && rectified.LinearModelError > 1e-4, $"{rectified}");
        // Units that never fire make the features rank-deficient; standing still is in the model class, so the ratio stays at most 1.
        var silent = Nonlinearity.Of(Run(-0.3), u, alpha);
        Assert.True(silent.RectifiedFraction > 0.5, $"{silent}");
        Assert.InRange(silent.LinearModelError, 0, 1);
    }

    [Fact]
    public void CentralityNull_OfNoChangeIsNoRankChange_AndGrowsWithTheChange()
    {
        using var scope = NewDisposeScope();
        using var g = new Generator(4);
        var w = randn([30, 30], float64, generator: g).abs() / 30;
        Assert.Equal(0, CentralityNull.MeanRankChange(w, 0, null, 5, g), 12);
        var small = CentralityNull.MeanRankChange(w, 0.01 * linalg.matrix_norm(w).ToDouble(), null, 10, g);
        var large = CentralityNull.MeanRankChange(w, 1.0 * linalg.matrix_norm(w).ToDouble(), null, 10, g);
        Assert.InRange(small, 0, 0.2);
        Assert.True(large > small, $"small {small}, large {large}");
    }
}
