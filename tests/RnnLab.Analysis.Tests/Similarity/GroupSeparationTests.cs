using RnnLab.Analysis.Similarity;

namespace RnnLab.Analysis.Tests.Similarity;

public class GroupSeparationTests
{
    // Distances between points on a line: group g's points sit around g * offset.
    private static double[,] Distances(double[] points)
    {
        var d = new double[points.Length, points.Length];
        for (var i = 0; i < points.Length; i++)
            for (var j = 0; j < points.Length; j++) d[i, j] = Math.Abs(points[i] - points[j]);
        return d;
    }

    private static double[] Points(Random random, int[] groups, double offset) =>
        [.. groups.Select(g => g * offset + random.NextDouble())];

    [Fact]
    public void TwoApartGroups_AreSeparated_WithTheSmallestPValueTheShufflesAllow()
    {
        int[] groups = [0, 0, 0, 0, 0, 1, 1, 1, 1, 1];
        var result = GroupSeparation.Test(Distances(Points(new Random(1), groups, offset: 10)), groups, permutations: 999);
        Assert.True(result.Across > 8 && result.Within < 1);
        Assert.Equal(result.Across - result.Within, result.Statistic, 12);
        // Only the shuffles that keep or swap the two groups whole (2 of the 252 splits) reach the observed value.
        Assert.True(result.PValue < 0.03, $"p = {result.PValue}");
    }

    [Fact]
    public void WithoutAnyGroupStructure_ThePValueIsUniform_SoItFallsBelow005InAbout5PercentOfDatasets()
    {
        // The null's calibration: 400 datasets with no group effect. The count below 0.05 is binomial(400, 0.05):
        // mean 20, sd 4.4; 8 to 34 holds it with probability above 0.998.
        int[] groups = [0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2];
        var random = new Random(7);
        var below = Enumerable.Range(0, 400).Count(k => GroupSeparation.Test(Distances(Points(random, groups, offset: 0)), groups, permutations: 199, seed: k).PValue < 0.05);
        Assert.InRange(below, 8, 34);
    }

    [Fact]
    public void TheSameSeed_GivesTheSamePValue()
    {
        int[] groups = [0, 0, 0, 1, 1, 1];
        var d = Distances(Points(new Random(3), groups, offset: 0.3));
        Assert.Equal(GroupSeparation.Test(d, groups, 500, seed: 4), GroupSeparation.Test(d, groups, 500, seed: 4));
    }
}
