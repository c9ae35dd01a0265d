using TorchSharp;
using System.Numerics;
using RnnLab.Analysis.Dynamics;
using RnnLab.Models;

namespace RnnLab.Analysis.Tests.Dynamics;

/// <summary>Seed 000's identities: rescaling, discretization and linearization commute where it says they do.</summary>
public class CommutationTests
{
    private const double Tau = 100, Dt = 10;

    private static (RateRnn model, Tensor r, Tensor u) Setup()
    {
        var model = Networks.Random(new ModelOptions { Units = 6, Activation = Activation.Tanh, NoiseStd = 0, Tau = Tau, Dt = Dt }, inputs: 2);
        using var g = new Generator(4);
        return (model, randn([1, 6], float64, generator: g).DetachFromDisposeScope(), randn([1, 2], float64, generator: g).DetachFromDisposeScope());
    }

    [Fact]
    public void LinearizeThenDiscretize_EqualsDiscretizeThenLinearize_ForEuler()
    {
        using var scope = NewDisposeScope();
        var (model, r, u) = Setup();
        using var _ = model;
        var field = new RateRnnVectorField(model);
        var a = Linearizer.StateJacobian(field, r, u)[0];
        var discretizeThenLinearize = new DiscreteMap(field, DiscretizationScheme.Euler, Dt).Jacobian(r, u)[0];
        var linearizeThenDiscretize = eye(6, dtype: float64) + a * Dt;
        Assert.True(discretizeThenLinearize.allclose(linearizeThenDiscretize, rtol: 0, atol: 1e-15));
    }

    [Fact]
    public void EulerMap_IsTheTrainingRecursion_AndRescalingCommutesWithDiscretization()
    {
        using var scope = NewDisposeScope();
        var (model, r, u) = Setup();
        using var _ = model;
        var field = new RateRnnVectorField(model);
        var euler = new DiscreteMap(field, DiscretizationScheme.Euler, Dt).Step(r, u);
        Assert.True(euler.allclose(model.Step(r, u), rtol: 0, atol: 1e-15));
        var rescaled = new TemporalRescaling(field, Tau);
        var inRescaledTime = new DiscreteMap(rescaled, DiscretizationScheme.Euler, rescaled.RescaledStep(Dt)).Step(r, u);
        Assert.True(euler.allclose(inRescaledTime, rtol: 0, atol: 1e-15));
    }

    [Fact]
    public void RescalingCommutesWithLinearization()
    {
        using var scope = NewDisposeScope();
        var (model, r, u) = Setup();
        using var _ = model;
        var field = new RateRnnVectorField(model);
        var linearizeThenRescale = Linearizer.StateJacobian(field, r, u)[0] * Tau;
        var rescaleThenLinearize = Linearizer.StateJacobian(new TemporalRescaling(field, Tau), r, u)[0];
        Assert.True(rescaleThenLinearize.allclose(linearizeThenRescale, rtol: 1e-15, atol: 1e-15));
    }

    [Fact]
    public void MapEigenvalues_AreOnePlusDtLambda_ForEuler_AndExpDtLambda_ForTheExactFlow()
    {
        using var scope = NewDisposeScope();
        var (model, r, u) = Setup();
        using var _ = model;
        using var linear = Linearizer.At(new RateRnnVectorField(model), r[0], u[0]);
        var lambda = Sorted(linalg.eigvals(linear.A));
        var euler = new DiscreteMap(linear, DiscretizationScheme.Euler, Dt);
        var exact = new DiscreteMap(linear, DiscretizationScheme.Exact, Dt);
        var zeros2 = zeros([1, 2], float64);
        var muEuler = Sorted(linalg.eigvals(euler.Jacobian(zeros([1, 6], float64), zeros2)[0]));
        var muExact = Sorted(linalg.eigvals(exact.Jacobian(zeros([1, 6], float64), zeros2)[0]));
        var expectedEuler = Sorted(lambda.Select(l => 1 + Dt * l));
        var expectedExact = Sorted(lambda.Select(l => Complex.Exp(Dt * l)));
        for (var i = 0; i < 6; i++)
        {
            Assert.True(Complex.Abs(expectedEuler[i] - muEuler[i]) < 1e-12, $"Euler mode {i}: {muEuler[i]} vs {expectedEuler[i]}");
            Assert.True(Complex.Abs(expectedExact[i] - muExact[i]) < 1e-12, $"exact mode {i}: {muExact[i]} vs {expectedExact[i]}");
        }
    }

    [Fact]
    public void Rk4_ApproachesTheExactFlow_FasterThanEuler()
    {
        using var scope = NewDisposeScope();
        var (model, r, u) = Setup();
        using var _ = model;
        using var linear = Linearizer.At(new RateRnnVectorField(model), r[0], u[0]);
        var x = ones([1, 6], float64) * 0.1;
        var du = zeros([1, 2], float64);
        var exact = new DiscreteMap(linear, DiscretizationScheme.Exact, Dt).Step(x, du);
        var euler = (new DiscreteMap(linear, DiscretizationScheme.Euler, Dt).Step(x, du) - exact).norm().ToDouble();
        var rk4 = (new DiscreteMap(linear, DiscretizationScheme.RungeKutta4, Dt).Step(x, du) - exact).norm().ToDouble();
        Assert.True(rk4 < euler / 100, $"RK4 error {rk4}, Euler error {euler}");
    }

    private static Complex[] Sorted(Tensor values) =>
        Sorted(values.real.contiguous().ToArray<double>().Zip(values.imag.contiguous().ToArray<double>(), (re, im) => new Complex(re, im)));

    private static Complex[] Sorted(IEnumerable<Complex> values) => values.OrderBy(c => c.Real).ThenBy(c => c.Imaginary).ToArray();
}
