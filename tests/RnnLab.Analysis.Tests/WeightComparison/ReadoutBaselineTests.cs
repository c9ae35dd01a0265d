using RnnLab.Analysis.Linalg;
using TorchSharp;
using RnnLab.Analysis.WeightComparison;

namespace RnnLab.Analysis.Tests.WeightComparison;

/// <summary>Where a random readout sits against a subspace: E cos² = d/N, so about arccos(sqrt(d/N)).</summary>
public class ReadoutBaselineTests
{
    [Theory]
    [InlineData(3, 128)]
    [InlineData(3, 256)]
    [InlineData(10, 40)]
    public void RandomReadoutsSitNearArccosOfSqrtDOverN(int d, int n)
    {
        using var scope = NewDisposeScope();
        using var g = new Generator(21);
        var basis = randn([n, d], float64, generator: g);

        var angles = SubspaceAngles.RandomReadouts(basis, 4000, g);
        var baseline = SubspaceAngles.Baseline(d, n);

        Assert.Equal(Math.Acos(Math.Sqrt(3.0 / 128)) * 180 / Math.PI, SubspaceAngles.Baseline(3, 128), 12);   // 81.2 degrees
        Assert.InRange(angles.Mean, baseline - 1.5, baseline + 1.5);
        Assert.True(angles.Low < angles.Mean && angles.Mean < angles.High);
        Assert.InRange(angles.High, angles.Low, 90);
    }

    [Fact]
    public void AReadoutInsideTheSubspaceIsAtZeroAndOneOrthogonalToItAtNinety()
    {
        using var scope = NewDisposeScope();
        var basis = eye(6, 2, dtype: float64);                 // e1, e2
        var inside = tensor(new double[] { 0.6, 0.8, 0, 0, 0, 0 }).reshape(6, 1);
        var outside = tensor(new double[] { 0, 0, 1, 0, 0, 0 }).reshape(6, 1);

        Assert.Equal(0, MatrixMeasures.PrincipalAngles(inside, basis)[0] * 180 / Math.PI, 6);
        Assert.Equal(90, MatrixMeasures.PrincipalAngles(outside, basis)[0] * 180 / Math.PI, 6);
    }
}
