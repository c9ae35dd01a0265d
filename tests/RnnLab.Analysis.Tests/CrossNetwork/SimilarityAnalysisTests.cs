using RnnLab.Analysis.CrossNetwork;
using RnnLab.Analysis.Similarity;
using RnnLab.Experiments;
using RnnLab.Models;
using RnnLab.Safetensors;
using RnnLab.Tasks;
using RnnLab.Training;

namespace RnnLab.Analysis.Tests.CrossNetwork;

/// <summary>`similarity` on runs whose networks are known: identical weights, and networks trained on two tasks.</summary>
public sealed class SimilarityAnalysisTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rnnlab-similarity-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static ExperimentOptions Perception(string name, int seed, int units) => new()
    {
        Name = name, Seed = seed, TaskKind = "perception", Model = new ModelOptions { Units = units },
        Task = new PerceptionTaskOptions { Steps = 40, GraceSteps = 4 }, Training = new TrainingOptions(),
    };

    // A run of `seeds` networks whose final weights are their seeds' initial ones.
    private RunDirectory Untrained(ExperimentOptions options, int seeds)
    {
        var run = RunDirectory.Create(Path.Combine(_dir, options.Name), options, seeds, replace: false);
        foreach (var network in run.Networks)
        {
            using var scope = NewDisposeScope();
            using var rnn = RateRnn.ForSeed(options.Model, 1, 1, unchecked((ulong)network.Seed));
            foreach (var path in new[] { network.InitialModel, network.FinalModel })
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                SafetensorsFile.Save(path, rnn.StateOf(0));
            }
        }
        return run;
    }

    [Theory]
    [InlineData(SimilarityMetric.Dsa, 1e-6)]
    [InlineData(SimilarityMetric.Procrustes, 1e-6)]
    [InlineData(SimilarityMetric.Cca, 1e-6)]
    [InlineData(SimilarityMetric.Cka, 1e-10)]
    public void TheSameNetworkInTwoRuns_IsAtDistanceZero_AndOtherNetworksAreNot(SimilarityMetric metric, double zero)
    {
        // Two runs of one config hold the same two networks: each sees the same trials and noise in both runs.
        var a = Untrained(Perception("a", seed: 5, units: 12), seeds: 2);
        var b = Untrained(Perception("b", seed: 5, units: 12), seeds: 2);
        var options = new SimilarityOptions { Metric = metric, Trials = 8, Dsa = new DsaOptions { Delays = 3, Rank = 6 }, CcaDimensions = 4, Permutations = 100 };
        var file = SimilarityAnalysis.Of([a, b], options);

        var d = file.Distances;
        Assert.Equal(4, d.Length);
        Assert.True(d[0][2] < zero && d[1][3] < zero, $"the same network in two runs: {d[0][2]}, {d[1][3]}");
        Assert.True(d[0][1] > 100 * zero && d[0][3] > 100 * zero, $"two different networks: {d[0][1]}, {d[0][3]}");
        for (var i = 0; i < 4; i++)
            for (var j = 0; j < 4; j++) Assert.Equal(d[i][j], d[j][i]);
        Assert.Equal(["run", "task"], file.Separations.Select(s => s.Grouping));
        Assert.Equal("one task only", file.Separations[1].Unavailable);
        // The retest (fresh trials and noise) is not the same draw: above zero for every metric.
        Assert.All(file.Retest, r => Assert.True(r.Distance > 0));
        Assert.Equal(metric == SimilarityMetric.Dsa, file.Converged is not null);
    }

    [Fact]
    public void TheFile_RoundTrips_AndRefusesToBeReplacedByAnotherComparison()
    {
        var a = Untrained(Perception("a", seed: 1, units: 10), seeds: 2);
        var b = Untrained(Perception("b", seed: 7, units: 14), seeds: 1);
        var options = new SimilarityOptions { Metric = SimilarityMetric.Procrustes, Trials = 6, Permutations = 50 };
        var file = SimilarityAnalysis.Of([a, b], options);
        var folder = Path.Combine(_dir, "out");
        var path = SimilarityAnalysis.Write(file, folder);
        var read = SimilarityAnalysis.Read(path);
        Assert.Equal(file.Distances, read.Distances);
        Assert.Equal(file.Networks, read.Networks);
        Assert.Equal(file.Options, read.Options);
        Assert.Equal([10, 10, 14], read.Networks.Select(n => n.Units));

        // The same comparison may write again; another metric, or other runs, may not.
        SimilarityAnalysis.CheckDestination(folder, [a, b], options);
        Assert.Throws<SimilarityExistsException>(() => SimilarityAnalysis.CheckDestination(folder, [a, b], options with { Metric = SimilarityMetric.Cka }));
        Assert.Throws<SimilarityExistsException>(() => SimilarityAnalysis.CheckDestination(folder, [a], options));
        var before = File.ReadAllText(path);
        Assert.Throws<SimilarityExistsException>(() => SimilarityAnalysis.Write(SimilarityAnalysis.Of([b, a], options), folder));
        Assert.Equal(before, File.ReadAllText(path));
    }

    [Fact]
    public void AMissingSnapshot_IsNamedBeforeAnyWork()
    {
        var a = Untrained(Perception("a", seed: 1, units: 10), seeds: 2);
        var error = Assert.Throws<SnapshotMissingException>(() => SimilarityAnalysis.Of([a], new SimilarityOptions { Snapshot = Snapshot.Learned }));
        Assert.Contains(a.Networks[0].LearnedModel, error.Message);
    }
}
