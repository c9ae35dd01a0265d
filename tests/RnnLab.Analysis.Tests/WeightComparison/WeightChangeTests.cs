using TorchSharp;
using System.Numerics;
using RnnLab.Analysis.WeightComparison;

namespace RnnLab.Analysis.Tests.WeightComparison;

public class WeightChangeTests
{
    [Fact]
    public void PlantedRankTwoChange_IsFoundSmallAndLowRank()
    {
        using var scope = NewDisposeScope();
        using var g = new Generator(3);
        var w0 = randn([40, 40], float64, generator: g) / Math.Sqrt(40);
        var (u, _) = linalg.qr(randn([40, 2], float64, generator: g));
        var (v, _) = linalg.qr(randn([40, 2], float64, generator: g));
        var w1 = w0 + u.matmul(v.t()) * 0.3;                 // two equal singular values 0.3
        var result = WeightChange.Compare(w0, w1, mask: null);
        Assert.Equal(2, result.ChangeEffectiveRank, 6);
        Assert.Equal(0.3, result.ChangeSingularValues[0], 9);
        Assert.Equal(0.3 * Math.Sqrt(2) / linalg.matrix_norm(w0).ToDouble(), result.RelativeChange, 9);
        Assert.Equal(1, result.ChangeTopShare, 9);
        Assert.Equal(1600, result.Before.Counts.Sum());
        Assert.Equal(w0.mean().ToDouble(), result.Before.Mean, 12);
    }

    [Fact]
    public void PlantedChangesOfKnownSize_AreCountedRelativeToTheInitialStd()
    {
        // A tenth of the entries move by 0.3 std(W_init), another tenth by 0.7, the rest not at all.
        using var scope = NewDisposeScope();
        using var g = new Generator(9);
        var w0 = randn([40, 40], float64, generator: g) * 0.2;
        var std = w0.std().ToDouble();
        var steps = new double[1600];
        for (var i = 0; i < 160; i++) steps[i] = 0.3 * std;
        for (var i = 160; i < 320; i++) steps[i] = -0.7 * std;
        var w1 = w0 + tensor(steps, [40, 40]);

        var result = WeightChange.Compare(w0, w1, mask: null);

        Assert.Equal([0.1, 0.5], result.Changed.Select(c => c.OfInitialStd));
        Assert.Equal([0.2, 0.1], result.Changed.Select(c => c.Fraction));
        Assert.Equal(std, result.Sizes.InitialStd, 14);
        Assert.Equal(0, result.Sizes.Median, 12);
        Assert.Equal(0.7, result.Sizes.Quantile90, 9);
        Assert.Equal(0.7, result.Sizes.Max, 9);
        Assert.Equal(1600, result.Sizes.Counts.Sum());
        Assert.Equal(1280, result.Sizes.Counts[0]);   // no change: the first bin
        Assert.Equal(2, result.Sizes.Counts.Count(c => c > 0) - 1);
    }

    [Fact]
    public void ScalingEveryWeight_KeepsTheCentralityRanking()
    {
        // Eigenvector centrality does not change when every weight doubles: rank correlation 1, no unit
        // moves from the least central tenth to the most central tenth.
        using var scope = NewDisposeScope();
        using var g = new Generator(5);
        var w0 = randn([30, 30], float64, generator: g) / Math.Sqrt(30);
        var result = WeightChange.Compare(w0, w0 * 2, mask: null);
        Assert.Equal(1, result.CentralityRankCorrelation, 12);
        Assert.Equal(0, result.CentralSwaps);
        Assert.Equal(1, result.RelativeChange, 12);
    }

    [Fact]
    public void EigenvalueMatching_PairsNearestAndMeasuresTheMove()
    {
        var before = new[] { new Complex(1, 0), new Complex(-1, 0), new Complex(0, 2) };
        var after = new[] { new Complex(0, 2.01), new Complex(1.3, 0), new Complex(-1, 0) };
        var m = EigenvalueMovement.Match(before, after);
        Assert.Equal(new Complex(1.3, 0), m.After[0]);
        Assert.Equal(new Complex(-1, 0), m.After[1]);
        Assert.Equal(0.3, m.Distances[0], 12);
        Assert.Equal(0.01, m.Distances[2], 12);
        Assert.Equal(1, m.MovedMoreThan(0.05));
    }

    [Fact]
    public void Masked_DistributionCountsOnlyExistingConnections()
    {
        using var scope = NewDisposeScope();
        var w = tensor(new[] { 0.0, 0.5, -0.5, 0.0 }, [2, 2]);
        var mask = tensor(new[] { 0.0, 1, 1, 0 }, [2, 2]);
        var d = WeightDistribution.Of(w, mask, bins: 2, low: -1, high: 1);
        Assert.Equal(new long[] { 1, 1 }, d.Counts);
        Assert.Equal(0, d.Mean, 12);
    }
}
