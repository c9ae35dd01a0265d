using RnnLab.Analysis.Dca;

namespace RnnLab.Analysis.Tests.Dca;

/// <summary>Hypothesis 4's measure on starts whose subspaces and PI are known.</summary>
public class StartAgreementTests
{
    // span(e1, e2) with e1 turned towards e3 by the angle (degrees): its principal angles to span(e1, e2) are (angle, 0).
    private static double[][] Plane(double degrees)
    {
        var a = degrees * Math.PI / 180;
        return [[Math.Cos(a), 0, Math.Sin(a), 0], [0, 1, 0, 0]];
    }

    private static DynamicalComponents Fit(double[] information, double[] degrees, bool[]? converged = null) =>
        new(Plane(degrees[0]), information[0], information.Select((pi, i) => new DcaStart(pi, Plane(degrees[i]), 10, 1e-7, converged?[i] ?? true)).ToList());

    [Fact]
    public void ConvergedStartsWithinTheToleranceOfTheBestReachIt_AndEachIsMeasuredByItsMeanAngle()
    {
        // Best 2.0; 1.96 is within 0.05 nats, 1.9 is not, 2.5 did not converge and does not count.
        var dca = Fit([2.0, 1.96, 1.9, 2.5], [0, 30, 5, 80], [true, true, true, false]);

        var agreement = StartAgreement.Of(dca);

        Assert.Equal(4, agreement.Starts);
        Assert.Equal(3, agreement.Converged);
        Assert.Equal(2, agreement.Reached);
        Assert.Equal(2 / 3.0, agreement.FractionReached!.Value, 12);
        Assert.Equal(15, Assert.Single(agreement.MeanAngles), 9);     // angles (30, 0): mean 15
        Assert.Equal(0.1, agreement.InformationSpread, 12);
    }

    [Fact]
    public void WhenMostStartsEndElsewhere_TheFractionIsSmall_AndWithNoneConvergedThereIsNone()
    {
        Assert.Equal(0.25, StartAgreement.Of(Fit([2.0, 1.0, 1.2, 0.4], [0, 3, 40, 60])).FractionReached);
        Assert.Null(StartAgreement.Of(Fit([2.0, 1.0], [0, 3], [false, false])).FractionReached);
    }
}
