using RnnLab.Analysis.Dca;

namespace RnnLab.Analysis.Tests.Dca;

/// <summary>Hypothesis 4's measure on starts whose subspaces and PI are known.</summary>
public class StartAgreementTests
{
    // span(e1, e2) with e1 turned towards e3 by the angle (degrees): the largest principal angle to span(e1, e2) is that angle.
    private static double[][] Plane(double degrees)
    {
        var a = degrees * Math.PI / 180;
        return [[Math.Cos(a), 0, Math.Sin(a), 0], [0, 1, 0, 0]];
    }

    [Fact]
    public void OnlyStartsWithinOnePercentOfTheBestCountAndEachIsMeasuredByItsLargestAngle()
    {
        var dca = new DynamicalComponents(Plane(0), 1.0, [1.0, 0.995, 0.999, 0.5], [Plane(0), Plane(5), Plane(30), Plane(80)]);

        var agreement = StartAgreement.Of(dca);

        Assert.Equal(4, agreement.Starts);
        Assert.Equal(2, agreement.NearBest);   // the start at PI 0.5 is not near the best
        Assert.Equal(5, agreement.LargestAngles[0], 9);
        Assert.Equal(30, agreement.LargestAngles[1], 9);
        Assert.Equal(0.5, agreement.FractionAligned);
        Assert.Equal(0.5, agreement.InformationSpread, 12);
    }

    [Fact]
    public void WithNoNearBestStartUniquenessIsNotDecided()
    {
        var dca = new DynamicalComponents(Plane(0), 2.0, [2.0, 1.0], [Plane(0), Plane(3)]);

        Assert.Null(StartAgreement.Of(dca).FractionAligned);
    }
}
