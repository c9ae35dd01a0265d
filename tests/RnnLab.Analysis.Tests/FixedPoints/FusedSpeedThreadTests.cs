using TorchSharp;
using RnnLab.Analysis.FixedPoints;
using RnnLab.Models;

namespace RnnLab.Analysis.Tests.FixedPoints;

/// <summary>The fixed-point kernel's numbers do not depend on what else runs beside it.</summary>
public class FusedSpeedThreadTests
{
    [Fact]
    public void RateRnnDescent_GivesTheSameNumbersAloneOrBesideOtherSearches()
    {
        using var scope = NewDisposeScope();
        using var model = Networks.Random(new ModelOptions { Units = 32, Activation = Activation.Relu, Gain = 1.5, NoiseStd = 0 }, inputs: 1);
        using var g = new Generator(9);
        var start = rand([300, 32], float64, generator: g);
        var c = model.InputDrive(full([300, 1], 0.3, float64)).detach();
        (Tensor x, Tensor q) Run()
        {
            using var inner = NewDisposeScope();
            var x = start.clone();
            var buffers = FusedSpeedTests.Buffers(x);
            for (var t = 1; t <= 30; t++) FusedSpeedTests.Descend(model, x, c, buffers, t == 1 ? 0 : 0.05, t);
            return (x.DetachFromDisposeScope(), buffers.q.DetachFromDisposeScope());
        }
        var alone = Run();
        // Three more searches at once compete for the cores and for the tiles' threads.
        var crowded = new (Tensor x, Tensor q)[3];
        Parallel.For(0, crowded.Length, i => crowded[i] = Run());
        foreach (var other in crowded)
            Assert.True(alone.x.SameValues(other.x) && alone.q.SameValues(other.q), "bitwise the same states and q");
    }
}
