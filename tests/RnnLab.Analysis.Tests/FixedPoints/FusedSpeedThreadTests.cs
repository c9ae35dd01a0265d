using RnnLab.Analysis.FixedPoints;
using RnnLab.Models;

namespace RnnLab.Analysis.Tests.FixedPoints;

/// <summary>The fixed-point kernel's numbers do not depend on how many threads share its tiles.</summary>
[Collection(BlasThreadsCollection.Name)]
public class FusedSpeedThreadTests
{
    [Fact]
    public void RateRnnDescent_GivesTheSameNumbersOnOneOrTwoBlasThreads()
    {
        using var scope = NewDisposeScope();
        using var model = Networks.Random(new ModelOptions { Units = 32, Activation = Activation.Relu, Gain = 1.5, NoiseStd = 0 }, inputs: 1);
        using var g = new Generator(9);
        var start = rand([300, 32], g, float64);
        var c = model.InputDrive(full([300, 1], 0.3, float64)).detach();
        (Tensor x, Tensor q) Run(int threads)
        {
            var before = get_blas_num_threads();
            Assert.True(set_blas_num_threads(threads), "OpenBLAS takes a thread count");
            try
            {
                var x = start.clone();
                var buffers = FusedSpeedTests.Buffers(x);
                for (var t = 1; t <= 30; t++) FusedSpeedTests.Descend(model, x, c, buffers, t == 1 ? 0 : 0.05, t);
                return (x, buffers.q);
            }
            finally
            {
                set_blas_num_threads(before);
            }
        }
        var one = Run(1);
        var two = Run(2);
        Assert.True(one.x.equal(two.x) && one.q.equal(two.q), "bitwise the same states and q");
    }
}
