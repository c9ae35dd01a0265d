using RnnLab.Analysis.Pca;

namespace RnnLab.Analysis.Tests.Pca;

public class TrajectoryPcaTests
{
    [Fact]
    public void PlantedPlane_IsRecovered_WithItsVarianceShares()
    {
        // States = 3 a e1' + 1 b e2' with a, b independent standard normals, e1', e2' orthonormal in 5-D.
        using var scope = NewDisposeScope();
        using var g = new Generator(6);
        var (q, _) = linalg.qr(randn([5, 5], float64, generator: g));
        var e1 = q[.., 0];
        var e2 = q[.., 1];
        var coefficients = randn([20000, 2], float64, generator: g);
        var states = (coefficients[.., 0].unsqueeze(1) * e1 * 3 + coefficients[.., 1].unsqueeze(1) * e2 + 2).reshape(100, 200, 5);
        var pca = TrajectoryPca.Fit(states, 3);
        Assert.InRange(pca.ExplainedVarianceRatio[0], 0.88, 0.92);   // 9 / 10
        Assert.InRange(pca.ExplainedVarianceRatio[1], 0.08, 0.12);   // 1 / 10
        Assert.True(pca.ExplainedVarianceRatio[2] < 1e-20);
        Assert.True(Math.Abs(Dot(pca.Components[0], e1.ToArray<double>())) > 0.999);
        Assert.True(Math.Abs(Dot(pca.Components[1], e2.ToArray<double>())) > 0.999);
        Assert.All(pca.Mean, m => Assert.Equal(2 * 1, m, 1));
        var projected = pca.Project(states);
        Assert.Equal(new long[] { 100, 200, 3 }, projected.shape);
    }

    private static double Dot(double[] a, double[] b) => a.Zip(b, (x, y) => x * y).Sum();
}
