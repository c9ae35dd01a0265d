namespace RnnLab.Tests.Models;

/// <summary>An ensemble's fused time loop runs each network's rows as lanes on their own threads.</summary>
[Collection(BlasThreadsCollection.Name)]
public class FusedTimeLoopThreadTests
{
    // Two networks of 80 rows: four lanes of 40 rows, one after another on one BLAS thread, two at a time on two.
    private static (Tensor rates, Tensor gw, Tensor gdrive, Tensor gr0) LoopAndGradients(int blasThreads, ScalarType dtype, Func<Tensor, Tensor, Tensor, Tensor> loop)
    {
        using var g = new Generator(12);
        const int k = 2, n = 24, b = 80, t = 15;
        var w = (randn([k, n, n], g, dtype) * 0.25).requires_grad_(true);
        var drive = randn([t, k, b, n], g, dtype).requires_grad_(true);
        var r0 = (rand([k, b, n], g, dtype) * 0.1).requires_grad_(true);
        var weights = randn([t, k, b, n], g, dtype);
        var before = get_blas_num_threads();
        Assert.True(set_blas_num_threads(blasThreads), "OpenBLAS takes a thread count");
        try
        {
            var rates = loop(w, drive, r0);
            (rates * weights).sum().backward();
            return (rates.detach(), w.grad!, drive.grad!, r0.grad!);
        }
        finally
        {
            set_blas_num_threads(before);
        }
    }

    [Theory]
    [InlineData(ScalarType.Float32)]
    [InlineData(ScalarType.Float64)]
    public void EnsembleInLanes_GivesTheSameNumbersOnOneOrTwoBlasThreads(ScalarType dtype)
    {
        using var scope = NewDisposeScope();
        Tensor Fused(Tensor w, Tensor drive, Tensor r0) => FusedKernels.RateRnnLoop(w, drive, r0, 0.2, FusedActivation.Relu);
        var one = LoopAndGradients(1, dtype, Fused);
        var two = LoopAndGradients(2, dtype, Fused);
        Assert.True(one.rates.equal(two.rates), "rates");
        Assert.True(one.gdrive.equal(two.gdrive) && one.gr0.equal(two.gr0), "gradients of drive and r0");
        // dW is one large product on the BLAS's own threads, which may sum in another order.
        var scale = one.gw.abs().max().item<double>();
        Assert.True((one.gw - two.gw).abs().max().item<double>() <= 1e-5 * scale, "gradient of W");
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
        var fused = LoopAndGradients(2, float64, (w, d, r0) => FusedKernels.RateRnnLoop(w, d, r0, 0.2, FusedActivation.Relu));
        var reference = LoopAndGradients(2, float64, OpByOp);
        Assert.True(reference.rates.allclose(fused.rates, 1e-10, 1e-12), "rates");
        Assert.True(reference.gw.allclose(fused.gw, 1e-10, 1e-12), "gradient of W");
        Assert.True(reference.gdrive.allclose(fused.gdrive, 1e-10, 1e-12), "gradient of drive");
        Assert.True(reference.gr0.allclose(fused.gr0, 1e-10, 1e-12), "gradient of r0");
    }
}
