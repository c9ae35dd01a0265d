using RnnLab.Analysis.Dynamics;
using RnnLab.Analysis.Linearization;
using RnnLab.Models;

namespace RnnLab.Analysis.Tests.Linearization;

public class LinearizationValidityTests
{
    [Fact]
    public void LinearNetwork_IsLinearAtEveryRadius()
    {
        using var scope = NewDisposeScope();
        using var model = Networks.Random(new ModelOptions { Units = 5, Activation = Activation.Linear, Gain = 0.5, NoiseStd = 0 });
        using var g = new Generator(1);
        var result = LinearizationValidityAnalyzer.Analyze(new RateRnnVectorField(model), randn([5], float64, generator: g), zeros([2], float64), 10, 50, [0.01, 1, 100], 1e-9, g);
        Assert.All(result.RelativeErrors, e => Assert.True(e < 1e-9, $"error {e}"));
        Assert.Equal(100, result.ValidRadius);
    }

    [Fact]
    public void TanhNetwork_ErrorGrowsWithRadius_AndTheValidRadiusIsFinite()
    {
        using var scope = NewDisposeScope();
        using var model = Networks.WithWeights(Activation.Tanh, new double[,] { { 0, 2 }, { 2, 0 } }, new double[,] { { 0 }, { 0 } }, [0, 0]);
        var x = 0.957504; // a stable fixed point r1 = r2 = x
        using var g = new Generator(2);
        var result = LinearizationValidityAnalyzer.Analyze(new RateRnnVectorField(model), tensor(new[] { x, x }), zeros([1], float64), 10, 100,
            [1e-4, 1e-3, 1e-2, 1e-1, 1], 0.05, g);
        for (var i = 1; i < result.RelativeErrors.Length; i++) Assert.True(result.RelativeErrors[i] > result.RelativeErrors[i - 1]);
        Assert.True(result.RelativeErrors[0] < 1e-3);
        Assert.InRange(result.ValidRadius, 1e-3, 0.1);
    }
}
