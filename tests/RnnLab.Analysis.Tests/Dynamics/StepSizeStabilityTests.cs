using System.Numerics;
using RnnLab.Analysis.Dynamics;

namespace RnnLab.Analysis.Tests.Dynamics;

public class StepSizeStabilityTests
{
    [Fact]
    public void Bound_IsMinusTwoReOverModulusSquared()
    {
        // lambda = -1: stable for dt < 2. lambda = -0.1 + i: dt < 0.2 / 1.01.
        var result = StepSizeStability.For([new Complex(-1, 0), new Complex(-0.1, 1), new Complex(-0.1, -1)], dt: 0.5);
        Assert.Equal(0.2 / 1.01, result.LargestStableDt, 12);
        Assert.Equal(2, result.ModesMadeUnstableByTheStep);
        Assert.Equal(Complex.Abs(1 + 0.5 * new Complex(-0.1, 1)), result.LargestMapModulus, 12);
        Assert.Equal(0, StepSizeStability.For([new Complex(-1, 0)], dt: 1.9).ModesMadeUnstableByTheStep);
        Assert.Equal(1, StepSizeStability.For([new Complex(-1, 0)], dt: 2.0).ModesMadeUnstableByTheStep);
    }
}
