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

    private static DynamicalComponents Fit(double[] information, double[] degrees) =>
        new(Plane(degrees[0]), information[0], information.Zip(degrees, (pi, angle) => new DcaStart(pi, Plane(angle), 10, 1e-7, true)).ToList());

    [Fact]
    public void OnlyStartsWithinOnePercentOfTheBestCountAndEachIsMeasuredByItsLargestAngle()
    {
        var dca = Fit([1.0, 0.995, 0.999, 0.5], [0, 5, 30, 80]);

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
        var dca = Fit([2.0, 1.0], [0, 3]);

        Assert.Null(StartAgreement.Of(dca).FractionAligned);
    }
}
