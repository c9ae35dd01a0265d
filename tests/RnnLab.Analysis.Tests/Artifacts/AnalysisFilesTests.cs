using System.Text.Json;
using RnnLab.Analysis.Artifacts;
using RnnLab.Artifacts;

namespace RnnLab.Analysis.Tests.Artifacts;

public sealed class AnalysisFilesTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rnnlab-artifacts-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static PointRecord Point(double q, LinearizationRecord? linearization) => new(
        [0.1, 0.2], [0.5], 0, "fixed", q, Math.Sqrt(2 * q), 321, [[-0.5, 0.25], [-0.5, -0.25]], [[0.95, 0.025], [0.95, -0.025]], "stable", 0,
        1e-3, 0.25, true, true, 2, [0.7], [1.5, -2.5], new EulerStepRecord(10, 0.95, null, 0), linearization);

    [Fact]
    public void FixedPoints_RoundTripThroughTheirRecord_NaNAndNullsIncluded()
    {
        var path = Path.Combine(_dir, "fixed_points.json");
        var written = new FixedPointsFile("net", "perception", "final", 100, 10, "convention", [[0.5]],
            [new SearchRecord([0.5], 1024, 5000, 0.05, 2.5, 2.25, 0.125, new DescentEndsRecord(1000, 20, 3, 1), 7, 1)],
            [Point(1e-12, new LinearizationRecord([0.01, 0.1], [1e-4, 0.2], 0.1, 0.01)), Point(double.NaN, null)]);
        ArtifactFile.Write(path, written, AnalysisJson.Default.FixedPointsFile);
        var text = File.ReadAllText(path);
        foreach (var key in new[] { "\"eigenvalue_convention\"", "\"minimization_seconds\"", "\"map_eigenvalues\"", "\"unstable_dims\"", "\"is_local_minimum_of_q\"", "\"hessian_max_eigenvalue\":0.25", "\"largest_stable_dt\":null", "\"valid_radius\"", "\"schema_version\":2", "\"q\":\"NaN\"", "\"ends\":{\"converged\":1000,\"stalled\":20,\"capped\":3,\"diverged\":1}", "\"refined\":true", "\"newton_steps\":2" })
            Assert.Contains(key, text);
        var read = AnalysisWriter.ReadFixedPoints(path);
        Assert.Equal(text.Trim(), JsonSerializer.Serialize(read, AnalysisJson.Default.FixedPointsFile));
        Assert.True(double.IsNaN(read.Points[1].Q));
        Assert.Null(read.Points[1].Linearization);
    }

    [Fact]
    public void Pca_RoundTripsThroughItsRecord_AndANewerFileIsRefused()
    {
        var path = Path.Combine(_dir, "pca.json");
        var written = new PcaFile("net", "perception", "init", [0, 1], [[1, 0], [0, 1]], [0.75, 0.25], 4, [[[1, 2], [3, 4]]], [[[0.5], [0.5]]],
            [new PcaPointRecord([1.5, -2.5], "saddle", "fixed", 0)], new DcaViewRecord(2.5, [[1, 0], [0, 1]], [[[0.1, 0.2], [0.3, 0.4]]], [[0.5, 0.6]]));
        ArtifactFile.Write(path, written, AnalysisJson.Default.PcaFile);
        var text = File.ReadAllText(path);
        Assert.Contains("\"explained_variance_ratio\":[0.75,0.25]", text);
        Assert.Contains("\"dca\":{\"information\":2.5,\"basis\":[[1,0],[0,1]],\"trajectories\":[[[0.1,0.2],[0.3,0.4]]],\"points\":[[0.5,0.6]]}", text);
        Assert.Equal(text.Trim(), JsonSerializer.Serialize(AnalysisWriter.ReadPca(path), AnalysisJson.Default.PcaFile));

        File.WriteAllText(path, text.Replace("\"schema_version\":1", "\"schema_version\":2"));
        var e = Assert.Throws<IOException>(() => AnalysisWriter.ReadPca(path));
        Assert.Equal($"{path}: key 'schema_version' is 2, newer than the 1 this RnnLab reads; update RnnLab to read it.", e.Message);
    }

    [Fact]
    public void AHypothesesFileOfTheOldLayout_IsRefusedInOneLine_NotReadAsEmpty()
    {
        // Schema 1 had verdicts from rules in code, without a spec, nulls or p-values: read as schema 2 its parts would be missing.
        var path = Path.Combine(_dir, "hypotheses.json");
        File.WriteAllText(path, """{"run":"r","hypotheses":[{"id":"H1","statement":"s","statistic":"x","per_network":[],"verdict":"inconclusive","why":"w"}],"trained":"final","schema_version":1}""");
        var e = Assert.Throws<IOException>(() => RnnLab.Analysis.WeightComparison.RunComparison.ReadHypotheses(path));
        Assert.Equal($"{path}: key 'schema_version' is 1, written by an older RnnLab in a layout this one no longer reads (2 to 2); compute the file again.", e.Message);
    }
}
