using RnnLab.Analysis.Similarity;

namespace RnnLab.Analysis.Tests.Similarity;

public class ClassicalMdsTests
{
    private static double[,] Distances(double[][] points)
    {
        var d = new double[points.Length, points.Length];
        for (var i = 0; i < points.Length; i++)
            for (var j = 0; j < points.Length; j++)
                d[i, j] = Math.Sqrt(points[i].Zip(points[j]).Sum(p => (p.First - p.Second) * (p.First - p.Second)));
        return d;
    }

    [Fact]
    public void PointsOfAPlane_AreRecoveredUpToARotation_WithEveryDistanceKept()
    {
        var random = new Random(3);
        var points = Enumerable.Range(0, 7).Select(_ => new[] { random.NextDouble() * 4, random.NextDouble() }).ToArray();
        var distances = Distances(points);
        var mds = ClassicalMds.Of(distances);
        Assert.Equal(1, mds.Explained, 12);
        var recovered = Distances(mds.Coordinates);
        for (var i = 0; i < points.Length; i++)
            for (var j = 0; j < points.Length; j++) Assert.Equal(distances[i, j], recovered[i, j], 10);
        // The first axis is the points' long one (x spans 4, y spans 1).
        Assert.True(mds.Coordinates.Max(c => c[0]) - mds.Coordinates.Min(c => c[0]) > 2 * (mds.Coordinates.Max(c => c[1]) - mds.Coordinates.Min(c => c[1])));
    }

    [Fact]
    public void PointsOfThreeDimensions_KeepTheShareOfTheirTwoLargestVariances()
    {
        // A regular simplex of 4 points spans 3 equal dimensions: two of them keep 2/3.
        double[][] simplex = [[1, 1, 1], [1, -1, -1], [-1, 1, -1], [-1, -1, 1]];
        var mds = ClassicalMds.Of(Distances(simplex));
        Assert.Equal(2.0 / 3, mds.Explained, 10);
        Assert.All(mds.Coordinates, c => Assert.Equal(2, c.Length));
    }
}
