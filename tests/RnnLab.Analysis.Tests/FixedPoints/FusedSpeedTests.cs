using RnnLab.Experiments;
using TorchSharp;
using TorchSharp.Modules;
using RnnLab.Kernels;
using RnnLab.Analysis.Dynamics;
using RnnLab.Analysis.FixedPoints;
using RnnLab.Models;

namespace RnnLab.Analysis.Tests.FixedPoints;

/// <summary>The fixed-point search's native kernels against autograd and the managed Adam optimizer.</summary>
public class FusedSpeedTests
{
    internal const double Beta1 = 0.9;

    // The kernel's buffers for states x: moments, direction and q.
    internal static (Tensor m, Tensor v, Tensor d, Tensor q) Buffers(Tensor x) => (zeros_like(x), zeros_like(x), zeros_like(x), zeros([x.size(0)], x.dtype));

    internal static SpeedSummary Descend(RateRnn model, Tensor x, Tensor c, (Tensor m, Tensor v, Tensor d, Tensor q) b, double lr, long step) =>
        RateRnnDescent.Iterate(new RateFieldTerms(model.EffectiveRecurrentWeights()[0].detach().to(x.dtype), c, model.Options.Tau,
            model.Activation.Kind, model.Activation.NegativeSlope), new DescentBuffers(x, b.m, b.v, b.d, b.q), new AdamStep(lr, step));

    // 150 states: two full tiles of 64 rows and a partial one.
    [Theory]
    [InlineData(Activation.Relu, 0.0)]
    [InlineData(Activation.Tanh, 0.0)]
    [InlineData(Activation.LeakyRelu, 0.3)]
    [InlineData(Activation.Softplus, 0.0)]
    [InlineData(Activation.Linear, 0.0)]
    public void RateRnnDescent_FirstIteration_GivesAutogradsQAndGradient(Activation activation, double angle)
    {
        using var scope = NewDisposeScope();
        using var model = Networks.Random(new ModelOptions { Units = 9, Activation = activation, LeakyReluAngle = angle, NoiseStd = 0 }, inputs: 2);
        using var g = new Generator(4);
        var x = (randn([150, 9], float64, generator: g) * 0.7).requires_grad_(true);
        var u = randn([150, 2], float64, generator: g);
        var q = model.VectorField(x, u).square().sum(1) * 0.5;
        var expected = autograd.grad([q.mean()], [x])[0]!;

        var state = x.detach().clone();
        var buffers = Buffers(state);
        var summary = Descend(model, state, model.InputDrive(u).detach(), buffers, lr: 0, step: 1);

        var qScale = 1 + q.abs().max().ToDouble();
        Assert.True((buffers.q - q.detach()).abs().max().ToDouble() <= 1e-15 * qScale);
        Assert.Equal(q.max().ToDouble(), summary.Max, 1e-15 * qScale);
        Assert.Equal(q.mean().ToDouble(), summary.Mean, 1e-15 * qScale);
        Assert.Equal(double.PositiveInfinity, summary.MaxChange);
        var gradient = buffers.m / (1 - Beta1);                    // Adam's first moment after one update
        var scale = expected.abs().max().ToDouble();
        Assert.True((gradient - expected).abs().max().ToDouble() <= 1e-12 * scale, $"gradient off by {(gradient - expected).abs().max().ToDouble()} of {scale}");
        Assert.True(state.SameValues(x.detach()), "the first iteration has no step to take");
    }

    [Fact]
    public void RateRnnDescent_InFloat32_GivesAutogradsGradient()
    {
        using var scope = NewDisposeScope();
        using var model = Networks.Random(new ModelOptions { Units = 16, Activation = Activation.Tanh, NoiseStd = 0 }, inputs: 1);
        model.to(float32);
        using var g = new Generator(5);
        var x = (randn([70, 16], generator: g) * 0.7).requires_grad_(true);
        var u = randn([70, 1], generator: g);
        var q = model.VectorField(x, u).square().sum(1) * 0.5;
        var expected = autograd.grad([q.mean()], [x])[0]!;
        var state = x.detach().clone();
        var buffers = Buffers(state);
        Descend(model, state, model.InputDrive(u).detach(), buffers, lr: 0, step: 1);
        Assert.True((buffers.q - q.detach()).abs().max().ToDouble() <= 1e-5 * q.abs().max().ToDouble());
        var scale = expected.abs().max().ToDouble();
        Assert.True((buffers.m / (1 - Beta1) - expected).abs().max().ToDouble() <= 1e-5 * scale);
    }

    [Fact]
    public void RateRnnDescent_StepsAsAutogradWithTheManagedAdam()
    {
        using var scope = NewDisposeScope();
        using var model = Networks.Random(new ModelOptions { Units = 12, Activation = Activation.Relu, Gain = 1.5, NoiseStd = 0 }, inputs: 1);
        using var g = new Generator(8);
        var start = rand([150, 12], float64, generator: g);
        var u = full([150, 1], 0.3, float64);
        using var managed = new Parameter(start.clone());
        using var adam = optim.Adam([managed]);
        var fused = start.clone();
        var buffers = Buffers(fused);
        var c = model.InputDrive(u).detach();
        Tensor? previous = null;
        var lr = 0.0;
        for (var t = 1; t <= 8; t++)
        {
            adam.zero_grad();
            var q = model.VectorField(managed, u).square().sum(1) * 0.5;
            q.mean().backward();
            var summary = Descend(model, fused, c, buffers, lr, t);         // takes step t - 1, then evaluates
            Assert.Equal(q.mean().ToDouble(), summary.Mean, 1e-12);
            if (previous is not null)
                Assert.Equal((q - previous).abs().max().ToDouble(), summary.MaxChange, 1e-12);
            previous = q.detach();
            lr = 0.01 * t;
            foreach (var group in adam.ParamGroups) group.LearningRate = lr;
            adam.step();
        }
        fused.sub_(buffers.d * lr);                                    // the last step, as the search's States takes it
        var off = (fused - managed.detach()).abs().max().ToDouble();
        Assert.True(off < 1e-13, $"states differ by {off}");
        Assert.True((fused - start).abs().max().ToDouble() > 0.01, "the states moved");
    }

    [Fact]
    public void RateRnnDescent_InBFloat16_TakesTheAtenPathToTheSameNumbers()
    {
        using var scope = NewDisposeScope();
        using var model = Networks.Random(new ModelOptions { Units = 8, Activation = Activation.Relu, NoiseStd = 0 }, inputs: 1);
        using var g = new Generator(3);
        var x = rand([20, 8], float64, generator: g);
        var c = model.InputDrive(full([20, 1], 0.3, float64)).detach();
        var exact = Buffers(x.clone());
        var reference = Descend(model, x.clone(), c, exact, 0, 1);
        var low = x.to(bfloat16);
        var lowBuffers = Buffers(low);
        var summary = Descend(model, low, c.to(bfloat16), lowBuffers, 0, 1);
        Assert.Equal(reference.Mean, summary.Mean, 0.05 * reference.Mean);
        Assert.True((lowBuffers.q.to(float64) - exact.q).abs().max().ToDouble() <= 0.05 * exact.q.max().ToDouble());
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
        var starts = rand([40, 12], float64, generator: g);
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
    public void RateRnnDescent_RefusesMomentsOfAnotherShape()
    {
        using var scope = NewDisposeScope();
        var x = zeros([3, 4], float64);
        var error = Assert.Throws<ArgumentException>(() => RateRnnDescent.Iterate(new RateFieldTerms(zeros([4, 4], float64), zeros([4], float64), 100, Activation.Relu, 0),
            new DescentBuffers(x, zeros([4, 3], float64), zeros([3, 4], float64), zeros([3, 4], float64), zeros([3], float64)), new AdamStep(0, 1)));
        Assert.Contains("RateRnnDescent: m, v and d must be shaped like x", error.Message);
    }

    [Theory]
    [InlineData(Activation.Relu, ScalarType.Float64)]
    [InlineData(Activation.Tanh, ScalarType.Float32)]
    public void TensorOpsPath_TakesTheSameIterationsAsTheCpuPath(Activation activation, ScalarType dtype)
    {
        // Twenty iterations of the path other devices take against the BLAS + SIMD tiles.
        using var scope = NewDisposeScope();
        using var model = Networks.Random(new ModelOptions { Units = 9, Activation = activation, NoiseStd = 0 }, inputs: 2);
        using var g = new Generator(6);
        var start = randn([150, 9], dtype, generator: g) * 0.7;
        var c = randn([150, 9], dtype, generator: g);
        var w = model.EffectiveRecurrentWeights()[0].detach().to(dtype);
        (Tensor x, Tensor q, double meanQ) Run(KernelPath path)
        {
            var x = start.clone();
            var b = Buffers(x);
            SpeedSummary last = default;
            for (var step = 1; step <= 20; step++)
                last = RateRnnDescent.Iterate(new RateFieldTerms(w, c, model.Options.Tau, activation, 0), new DescentBuffers(x, b.m, b.v, b.d, b.q),
                    new AdamStep(step == 1 ? 0 : 0.01, step), path);
            return (x, b.q, last.Mean);
        }
        var cpu = Run(KernelPath.Auto);
        var ops = Run(KernelPath.TensorOps);
        // Relative to each array's largest entry (the paths sum products in different orders).
        var tolerance = dtype == ScalarType.Float64 ? 1e-10 : 1e-5;
        double Error(Tensor expected, Tensor actual) => (expected - actual).abs().max().ToDouble() / expected.abs().max().ToDouble();
        Assert.True(Error(cpu.x, ops.x) <= tolerance, $"states differ: relative error {Error(cpu.x, ops.x):E2}");
        Assert.True(Error(cpu.q, ops.q) <= tolerance, $"q differs: relative error {Error(cpu.q, ops.q):E2}");
        Assert.Equal(cpu.meanQ, ops.meanQ, dtype == ScalarType.Float64 ? 1e-12 : 1e-6);
    }
}
