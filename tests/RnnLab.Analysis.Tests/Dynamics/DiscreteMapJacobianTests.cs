using TorchSharp;
using RnnLab.Analysis.Dynamics;
using RnnLab.Models;

namespace RnnLab.Analysis.Tests.Dynamics;

/// <summary>The Jacobian of a discrete map at several states takes each state's own input.</summary>
public class DiscreteMapJacobianTests
{
    [Theory]
    [InlineData(DiscretizationScheme.Euler)]
    [InlineData(DiscretizationScheme.RungeKutta4)]
    public void EachRowsJacobianIsTheOneOfThatRowAlone(DiscretizationScheme scheme)
    {
        using var scope = NewDisposeScope();
        using var model = Networks.Random(new ModelOptions { Units = 5, Activation = Activation.Tanh, NoiseStd = 0, Tau = 100, Dt = 10 }, inputs: 2);
        using var g = new Generator(11);
        var r = randn([3, 5], float64, generator: g);
        var u = randn([3, 2], float64, generator: g) * 3;   // three different inputs: tanh' differs with them
        var map = new DiscreteMap(new RateRnnVectorField(model), scheme, 10);

        var together = map.Jacobian(r, u);

        for (var k = 0; k < 3; k++)
        {
            var alone = map.Jacobian(r.narrow(0, k, 1), u.narrow(0, k, 1))[0];
            Assert.True(together[k].allclose(alone, rtol: 0, atol: 1e-14), $"row {k}: max difference {(together[k] - alone).abs().max().item<double>():G3}");
        }
    }

    [Fact]
    public void OneInputRowServesEveryState()
    {
        using var scope = NewDisposeScope();
        using var model = Networks.Random(new ModelOptions { Units = 4, Activation = Activation.Tanh, NoiseStd = 0, Tau = 100, Dt = 10 }, inputs: 1);
        using var g = new Generator(12);
        var r = randn([2, 4], float64, generator: g);
        var u = randn([1, 1], float64, generator: g);
        var map = new DiscreteMap(new RateRnnVectorField(model), DiscretizationScheme.Euler, 10);

        var together = map.Jacobian(r, u);

        Assert.True(together[1].allclose(map.Jacobian(r.narrow(0, 1, 1), u)[0], rtol: 0, atol: 1e-14));
    }
}
