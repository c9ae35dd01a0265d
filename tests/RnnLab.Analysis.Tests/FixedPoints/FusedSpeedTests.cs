using RnnLab.Analysis.Dynamics;
using RnnLab.Analysis.FixedPoints;
using RnnLab.Models;

namespace RnnLab.Analysis.Tests.FixedPoints;

/// <summary>The fixed-point search's native kernels against autograd and the managed Adam optimizer.</summary>
public class FusedSpeedTests
{
    [Theory]
    [InlineData(Activation.Relu, 0.0)]
    [InlineData(Activation.Tanh, 0.0)]
    [InlineData(Activation.LeakyRelu, 0.3)]
    [InlineData(Activation.Softplus, 0.0)]
    [InlineData(Activation.Linear, 0.0)]
    public void RateRnnSpeed_MatchesAutogradOfMeanQ(Activation activation, double angle)
    {
        using var scope = NewDisposeScope();
        using var model = Networks.Random(new ModelOptions { Units = 9, Activation = activation, LeakyReluAngle = angle, NoiseStd = 0 }, inputs: 2);
        using var g = new Generator(4);
        var x = (randn([13, 9], g, float64) * 0.7).requires_grad_(true);
        var u = randn([13, 2], g, float64);
        var q = model.VectorField(x, u).square().sum(1) * 0.5;
        var expected = autograd.grad([q.mean()], [x])[0]!;

        var grad = zeros([13, 9], float64);
        var fused = FusedKernels.RateRnnSpeed(x.detach(), model.EffectiveRecurrentWeights().detach(), model.InputDrive(u).detach(),
            model.Options.Tau, FusedTimeLoop.Code(activation), model.Activation.NegativeSlope, grad);
        Assert.True((fused - q.detach()).abs().max().item<double>() <= 1e-15 * (1 + q.abs().max().item<double>()));
        var scale = expected.abs().max().item<double>();
        Assert.True((grad - expected).abs().max().item<double>() <= 1e-12 * scale, $"gradient off by {(grad - expected).abs().max().item<double>()} of {scale}");
    }

    [Fact]
    public void AdamUpdate_FollowsTheManagedOptimizer()
    {
        using var scope = NewDisposeScope();
        using var g = new Generator(8);
        var start = randn([5, 4], g, float64);
        using var managed = new nn.Parameter(start.clone());
        using var adam = optim.Adam([managed], lr: 0.01);
        var fused = start.clone();
        var (m, v) = (zeros_like(start), zeros_like(start));
        for (var t = 1; t <= 6; t++)
        {
            var grad = randn([5, 4], g, float64);
            adam.zero_grad();
            (managed * grad).sum().backward();          // d/dp = grad
            adam.lr = 0.01 * t;
            adam.step();
            FusedKernels.AdamUpdate(fused, grad, m, v, t, 0.01 * t);
        }
        Assert.True((fused - managed.detach()).abs().max().item<double>() < 1e-14);
    }

    [Theory]
    [InlineData(Activation.Relu)]
    [InlineData(Activation.Tanh)]
    public void FixedPointFinder_FusedAndAutogradKernels_TakeTheSamePath(Activation activation)
    {
        using var scope = NewDisposeScope();
        using var model = Networks.Random(new ModelOptions { Units = 12, Activation = activation, Gain = 1.5, NoiseStd = 0 }, inputs: 1);
        var field = new RateRnnVectorField(model);
        using var g = new Generator(6);
        var starts = rand([40, 12], g, float64);
        FixedPointSearch Search(FixedPointKernel kernel) =>
            new FixedPointFinder(new FixedPointOptions { Kernel = kernel, MaxIterations = 1500 }).Find(field, starts, tensor(new[] { 0.2 }), dt: 10);
        var fused = Search(FixedPointKernel.Fused);
        var reference = Search(FixedPointKernel.Autograd);
        Assert.Equal(reference.Iterations, fused.Iterations);
        Assert.Equal(reference.FinalLearningRate, fused.FinalLearningRate, 12);
        Assert.Equal(reference.Points.Count, fused.Points.Count);
        Assert.NotEmpty(fused.Points);
        foreach (var (a, b) in reference.Points.Zip(fused.Points))
        {
            Assert.Equal(a.Stability, b.Stability);
            Assert.All(a.State.Zip(b.State), p => Assert.True(Math.Abs(p.First - p.Second) < 1e-9, $"{p.First} vs {p.Second}"));
        }
    }

    [Fact]
    public void RateRnnSpeed_RefusesAGradientBufferOfAnotherShape()
    {
        using var scope = NewDisposeScope();
        var x = zeros([3, 4], float64);
        var error = Assert.Throws<TorchException>(() => FusedKernels.RateRnnSpeed(x, zeros([4, 4], float64), zeros([4], float64), 100, FusedActivation.Relu, 0, zeros([4, 3], float64)));
        Assert.Contains("rate_rnn_speed: grad must be a contiguous tensor shaped and typed like x", error.Message);
    }
}
