using RnnLab.Models;
using TorchSharp;
using RnnLab.Kernels;

namespace RnnLab.Tests.Models;

/// <summary>The fused time loop runs lanes (a network's block of rows) on their own threads; its numbers do not depend on that.</summary>
public class FusedTimeLoopThreadTests
{
    private sealed record Inputs(Tensor W, Tensor Drive, Tensor R0, Tensor Weights);

    // Two networks of 80 rows: four lanes of 40 rows each. Drawn once, on the test's thread.
    private static Inputs Draw(ScalarType dtype)
    {
        using var g = new Generator(12);
        const int k = 2, n = 24, b = 80, t = 15;
        return new Inputs(randn([k, n, n], dtype, generator: g) * 0.25, randn([t, k, b, n], dtype, generator: g),
            rand([k, b, n], dtype, generator: g) * 0.1, randn([t, k, b, n], dtype, generator: g));
    }

    // No implicit Scalar here (see tests/Shared/ProcessSetup.cs): this part also runs on several threads at once.
    private static (Tensor rates, Tensor gw, Tensor gdrive, Tensor gr0) LoopAndGradients(Inputs inputs, Func<Tensor, Tensor, Tensor, Tensor> loop)
    {
        var w = inputs.W.clone().requires_grad_(true);
        var drive = inputs.Drive.clone().requires_grad_(true);
        var r0 = inputs.R0.clone().requires_grad_(true);
        var rates = loop(w, drive, r0);
        (rates * inputs.Weights).sum().backward();
        return (rates.detach(), w.grad!, drive.grad!, r0.grad!);
    }

    private static Tensor Fused(Tensor w, Tensor drive, Tensor r0) => RateRnnLoop.Run(w, drive, r0, 0.2, Activation.Relu);

    [Theory]
    [InlineData(ScalarType.Float32)]
    [InlineData(ScalarType.Float64)]
    public void EnsembleInLanes_GivesTheSameNumbersAloneOrBesideOtherRuns(ScalarType dtype)
    {
        using var scope = NewDisposeScope();
        var inputs = Draw(dtype);
        var alone = LoopAndGradients(inputs, Fused);
        // Three more runs at once, on the thread pool's threads, compete for the cores and for the lanes' threads.
        var crowded = new (Tensor rates, Tensor gw, Tensor gdrive, Tensor gr0)[3];
        Parallel.For(0, crowded.Length, i =>
        {
            using var inner = NewDisposeScope();
            var r = LoopAndGradients(inputs, Fused);
            crowded[i] = (r.rates.DetachFromDisposeScope(), r.gw.DetachFromDisposeScope(), r.gdrive.DetachFromDisposeScope(), r.gr0.DetachFromDisposeScope());
        });
        foreach (var other in crowded)
        {
            Assert.True(alone.rates.SameValues(other.rates), "rates");
            Assert.True(alone.gdrive.SameValues(other.gdrive), "gradient of drive");
            Assert.True(alone.gr0.SameValues(other.gr0), "gradient of r0");
            Assert.True(alone.gw.SameValues(other.gw), "gradient of W");
            foreach (var t in new[] { other.rates, other.gw, other.gdrive, other.gr0 }) t.Dispose();
        }
    }

    [Fact]
    public void EnsembleInLanes_FollowsTheRecursionOpByOp()
    {
        using var scope = NewDisposeScope();
        Tensor OpByOp(Tensor w, Tensor drive, Tensor r0)
        {
            var r = r0;
            var rates = new List<Tensor>();
            for (var t = 0; t < drive.size(0); t++)
            {
                r = r * 0.8 + (drive[t] + r.matmul(w.transpose(1, 2))).relu() * 0.2;
                rates.Add(r);
            }
            return stack(rates);
        }
        var inputs = Draw(float64);
        var fused = LoopAndGradients(inputs, Fused);
        var reference = LoopAndGradients(inputs, OpByOp);
        Assert.True(reference.rates.allclose(fused.rates, 1e-10, 1e-12), "rates");
        Assert.True(reference.gw.allclose(fused.gw, 1e-10, 1e-12), "gradient of W");
        Assert.True(reference.gdrive.allclose(fused.gdrive, 1e-10, 1e-12), "gradient of drive");
        Assert.True(reference.gr0.allclose(fused.gr0, 1e-10, 1e-12), "gradient of r0");
    }
}
