using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using RnnLab.Analysis.Artifacts;
using RnnLab.Analysis.CrossNetwork;
using RnnLab.Artifacts;
using RnnLab.Experiments;
using RnnLab.Models;
using RnnLab.Tasks;
using RnnLab.Training;

namespace RnnLab.Analysis.Tests.CrossNetwork;

/// <summary>
/// The fixed-point census on runs whose fixed_points files are written by hand with the real records: counts,
/// means and intervals against values worked out on paper, the growth slope against the closed form of a
/// constructed case, the fits it cannot make, a missing analysis, and the file and page it writes.
/// </summary>
public sealed class FixedPointCensusTests : IDisposable
{
    // Student's t quantiles at 0.975, from tables: 2 and 7 degrees of freedom.
    private const double T2 = 4.302652729911275;
    private const double T7 = 2.364624251592785;

    private readonly string _dir = Directory.CreateTempSubdirectory("rnnlab-census-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    // What one search found: the fixed points of each class, the slow points, and how its states ended.
    private sealed record Search(int Stable, int Saddle, int Unstable, int Slow, DescentEndsRecord? Ends = null);

    // A run of as many networks as searches are given, each network's fixed_points file of the snapshot written with the analysis's own records.
    private RunDirectory Run(string name, Search[][] networks, Snapshot snapshot = Snapshot.Final)
    {
        var options = new ExperimentOptions
        {
            Name = name, Seed = 3, TaskKind = "perception", Model = new ModelOptions { Units = 4 },
            Task = new PerceptionTaskOptions { Steps = 20, GraceSteps = 2 }, Training = new TrainingOptions(),
        };
        var run = RunDirectory.Create(Path.Combine(_dir, name), options, networks.Length > 1 ? networks.Length : null, replace: false);
        foreach (var (network, searches) in run.Networks.Zip(networks)) Write(run, network, snapshot, searches);
        return run;
    }

    private static string FileOf(NetworkDirectory network, Snapshot snapshot) =>
        Path.Combine(AnalysisWriter.Folder(network.Path), AnalysisWriter.FileName("fixed_points", snapshot));

    private static void Write(RunDirectory run, NetworkDirectory network, Snapshot snapshot, Search[] searches)
    {
        var points = new List<PointRecord>();
        for (var c = 0; c < searches.Length; c++)
        {
            var s = searches[c];
            foreach (var (kind, stability, count) in new[] { ("fixed", "stable", s.Stable), ("fixed", "saddle", s.Saddle), ("fixed", "unstable", s.Unstable), ("slow", "stable", s.Slow) })
                for (var k = 0; k < count; k++) points.Add(Point(c, kind, stability));
        }
        var file = new FixedPointsFile(network.Path, "perception", snapshot.ToString().ToLowerInvariant(), 100, 10, "test",
            [.. searches.Select((_, c) => new double[] { c })],
            [.. searches.Select((s, c) => new SearchRecord([c], s.Stable + s.Saddle + s.Unstable + s.Slow, 100, 1e-3, 1, 0.5, 0.5,
                s.Ends ?? new DescentEndsRecord(100, 0, 0, 0), 1, 0))],
            [.. points], RunId: run.Id);
        Directory.CreateDirectory(AnalysisWriter.Folder(network.Path));
        ArtifactFile.Write(FileOf(network, snapshot), file, AnalysisJson.Default.FixedPointsFile);
    }

    private static PointRecord Point(int condition, string kind, string stability) => new(
        [0.1, 0.2], [condition], condition, kind, kind == "fixed" ? 1e-20 : 1e-8, 0, 10, [[-1, 0]], [[0.9, 0]], stability, stability == "stable" ? 0 : 1,
        null, null, null, true, 2, [0], [0, 0], new EulerStepRecord(10, 0.9, null, 0), null);

    private static CensusPoint PointOf(RunDirectory run, params (string Key, string Value)[] values) =>
        new(run.Options.Name, [.. values.Select(v => new KeyValuePair<string, string>(v.Key, v.Value))], run);

    // 1 + F = 2^(d + e), e = -1, 0, 1 over the three networks of each point: log(1 + F) = (d + e) ln 2. The points come
    // from d = 3 down: neither the rows nor the fit may depend on their order being the axis's.
    private IReadOnlyList<CensusPoint> Doubling() =>
        [.. new[] { 1, 2, 3 }.Select(d => PointOf(
            Run($"d{d}", [.. new[] { -1, 0, 1 }.Select(e => new[] { Fixed((1 << (d + e)) - 1) })]), ("Task:Inputs", d.ToString()))).Reverse()];

    // A search that found f fixed points: one stable, the rest saddles.
    private static Search Fixed(int f) => new(Math.Min(f, 1), Math.Max(f - 1, 0), 0, 0);

    [Fact]
    public void Census_CountsEachNetworksConditions_AndSummarisesAcrossNetworks_AsWorkedOutByHand()
    {
        var d1 = Run("d1",
        [
            [new Search(1, 0, 0, 0, new DescentEndsRecord(90, 10, 0, 0)), new Search(1, 2, 0, 1, new DescentEndsRecord(80, 20, 0, 0))],
            [new Search(1, 1, 0, 0), new Search(1, 1, 0, 0)],
            [new Search(2, 3, 1, 2), new Search(0, 1, 1, 0, new DescentEndsRecord(50, 40, 10, 0))],
        ]);
        var d2 = Run("d2", [[new Search(1, 1, 0, 0)], [new Search(1, 1, 0, 0)], [new Search(1, 1, 0, 0)]]);
        var census = FixedPointCensus.Of([PointOf(d1, ("Task:Inputs", "1")), PointOf(d2, ("Task:Inputs", "2"))], [Snapshot.Final]);

        Assert.Equal(["Task:Inputs"], census.Axes);
        Assert.Equal(["final"], census.Snapshots);
        Assert.Equal(2, census.Rows.Length);
        var row = census.Rows[0];
        Assert.Equal(("d1", "final"), (row.Point, row.Snapshot));

        // Network 0: per condition (stable, saddle, unstable, slow) = (1, 0, 0, 0) and (1, 2, 0, 1).
        var first = row.Networks[0];
        Assert.Equal([1, 3], first.Conditions.Select(c => c.Fixed));
        Assert.Equal((1.0, 1.0, 0.0, 2.0, 0.5), (first.Stable, first.Saddle, first.Unstable, first.Fixed, first.Slow));
        Assert.Equal((200, 170, 0.85, true), (first.States, first.StatesConverged, first.ConvergedFraction, first.Settled));
        Assert.Equal(FileOf(d1.Networks[0], Snapshot.Final), first.File);
        Assert.Equal(d1.Networks[2].Seed, row.Networks[2].Seed);
        Assert.False(row.Networks[2].Settled);   // ten of its states stopped at the cap
        Assert.Equal(2, row.Settled);
        Assert.Equal((170.0 + 200 + 150) / 600, row.StatesConverged, 1e-15);   // the other searches: 100 of 100 each

        // Fixed per network 2, 2, 4: mean 8/3, sd sqrt(4/3), sd / sqrt(3) = 2/3.
        Assert.Equal(8.0 / 3, row.Fixed.Mean, 1e-12);
        Assert.Equal(Math.Sqrt(4.0 / 3), row.Fixed.Sd!.Value, 1e-12);
        Assert.Equal(3, row.Fixed.N);
        Assert.Equal(8.0 / 3 - T2 * 2 / 3, row.Fixed.Low!.Value, 1e-9);
        Assert.Equal(8.0 / 3 + T2 * 2 / 3, row.Fixed.High!.Value, 1e-9);
        // Saddles 1, 1, 2: mean 4/3, sd / sqrt(3) = 1/3.
        Assert.Equal(4.0 / 3, row.Saddle.Mean, 1e-12);
        Assert.Equal(4.0 / 3 + T2 / 3, row.Saddle.High!.Value, 1e-9);
        // Slow 0.5, 0, 1: mean 0.5, sd 0.5.
        Assert.Equal(0.5, row.Slow.Mean, 1e-12);
        Assert.Equal(0.5 - T2 * 0.5 / Math.Sqrt(3), row.Slow.Low!.Value, 1e-9);
        // Stable 1, 1, 1: the interval is the value; unstable 0, 0, 1.
        Assert.Equal((1.0, 0.0, 1.0, 1.0), (row.Stable.Mean, row.Stable.Sd!.Value, row.Stable.Low!.Value, row.Stable.High!.Value));
        Assert.Equal(1.0 / 3, row.Unstable.Mean, 1e-12);
        Assert.Contains("lower bound", census.Caveats);
    }

    [Fact]
    public void Census_GrowthSlope_IsTheClosedFormOfCountsThatDoubleWithEachInput()
    {
        var census = FixedPointCensus.Of(Doubling(), [Snapshot.Final]);
        var fit = Assert.Single(census.Fits);
        Assert.Null(fit.Unavailable);
        Assert.Equal(("Task:Inputs", "final", 9, 3), (fit.Axis, fit.Snapshot, fit.N, fit.Levels));
        Assert.Empty(fit.Others);
        // y = (d + e) ln 2 with e = -1, 0, 1 at each d: the slope is ln 2 and the intercept 0; the residuals e ln 2
        // sum to 6 (ln 2)^2 over 9 - 2 degrees of freedom, Sxx = 6, so SE = ln 2 / sqrt(7).
        var ln2 = Math.Log(2);
        Assert.Equal(ln2, fit.Slope!.Value, 1e-12);
        Assert.Equal(0, fit.Intercept!.Value, 1e-12);
        Assert.Equal(2, fit.Factor!.Value, 1e-12);
        Assert.Equal(ln2 / Math.Sqrt(7), fit.StandardError!.Value, 1e-12);
        Assert.Equal(ln2 - T7 * ln2 / Math.Sqrt(7), fit.Low!.Value, 1e-9);
        Assert.Equal(ln2 + T7 * ln2 / Math.Sqrt(7), fit.High!.Value, 1e-9);
    }

    [Fact]
    public void Census_FitsEachNumericAxisWithinTheOtherAxesValues_AndSaysWhyAFitIsUnavailable()
    {
        Search[] one(int saddles) => [new Search(1, saddles, 0, 0)];
        var a = Run("a", [one(0)]);
        var b = Run("b", [one(2)]);
        var c = Run("c", [one(2), one(6)]);
        var census = FixedPointCensus.Of(
        [
            PointOf(a, ("g", "1.5"), ("N", "10"), ("Model:Activation", "tanh")),
            PointOf(b, ("g", "1.5"), ("N", "20"), ("Model:Activation", "tanh")),
            PointOf(c, ("g", "2"), ("N", "10"), ("Model:Activation", "tanh")),
        ], [Snapshot.Final]);

        // No fit along the activation, whose values are not numbers.
        Assert.Equal(["g", "g", "N", "N"], census.Fits.Select(f => f.Axis));
        var (gAt10, gAt20, nAt15, nAt2) = (census.Fits[0], census.Fits[1], census.Fits[2], census.Fits[3]);
        Assert.Equal([new GridValueRecord("N", "10"), new GridValueRecord("Model:Activation", "tanh")], gAt10.Others);
        // Along g at N = 10: x = 1.5, 2, 2 and y = ln 2, ln 4, ln 8; the slope is Sxy / Sxx = (ln 2 / 2) / (1 / 6) = 3 ln 2.
        Assert.Null(gAt10.Unavailable);
        Assert.Equal(3 * Math.Log(2), gAt10.Slope!.Value, 1e-12);
        // The line passes through ln 2 at 1.5 and 2.5 ln 2 at 2: residuals 0 and ±ln 2 / 2 on 1 degree of freedom, SE = sqrt((ln 2)^2 / 2 / (1 / 6)).
        Assert.Equal(Math.Log(2) * Math.Sqrt(3), gAt10.StandardError!.Value, 1e-12);
        Assert.Equal("1 distinct value(s) of g: a slope needs at least 2", gAt20.Unavailable);
        Assert.Equal("2 networks: a slope with a standard error needs at least 3", nAt15.Unavailable);
        Assert.Equal("1 distinct value(s) of N: a slope needs at least 2", nAt2.Unavailable);
        Assert.All([gAt20, nAt15, nAt2], f => Assert.True(f.Slope is null && f.StandardError is null && f.Low is null && f.Factor is null));
        // A point of one network has a mean and no spread.
        Assert.Equal((1.0, 1, (double?)null, (double?)null), (census.Rows[0].Fixed.Mean, census.Rows[0].Fixed.N, census.Rows[0].Fixed.Sd, census.Rows[0].Fixed.Low));
    }

    [Fact]
    public void Census_WithAFixedPointsFileMissing_ThrowsNamingTheNetworkAndTheSnapshot()
    {
        var points = Doubling();
        var run = points[1].Run;
        File.Delete(FileOf(run.Networks[1], Snapshot.Final));
        var missing = Assert.Throws<AnalysisMissingException>(() => FixedPointCensus.Of(points, [Snapshot.Final]));
        Assert.Equal((run.Networks[1].Path, run.Path, Snapshot.Final), (missing.NetworkPath, missing.RunPath, missing.Snapshot));
        Assert.Equal(FileOf(run.Networks[1], Snapshot.Final), missing.FileName);
        Assert.Contains(run.Networks[1].Path, missing.Message);

        // The untrained weights were never analysed: the first network asked for says so.
        var first = points[0].Run.Networks[0];
        var init = Assert.Throws<AnalysisMissingException>(() => FixedPointCensus.Of([points[0]], [Snapshot.Final, Snapshot.Init]));
        Assert.Equal((first.Path, Snapshot.Init), (init.NetworkPath, init.Snapshot));
        Assert.Contains("fixed_points.init.json", init.Message);
    }

    [Fact]
    public void Census_WritesAFileThatReadsBackTheSame_AndAPageThatShowsItsNumbers()
    {
        var points = Doubling();
        foreach (var p in points)
            foreach (var n in p.Run.Networks) Write(p.Run, n, Snapshot.Init, [new Search(0, 0, 0, 0), new Search(1, 0, 0, 1)]);
        var census = FixedPointCensus.Of(points, [Snapshot.Init, Snapshot.Final]);
        Assert.Equal(6, census.Rows.Length);
        Assert.Equal(2, census.Fits.Length);
        Assert.Equal(0, census.Fits[0].Slope!.Value, 1e-12);   // init: one fixed point per two conditions everywhere

        var plotly = Path.Combine(_dir, "plotly.min.js");
        File.WriteAllText(plotly, "/* Plotly stand-in */");
        var (json, html) = FixedPointCensus.Write(census, Path.Combine(_dir, "census"), plotly);
        Assert.Equal(Path.Combine(_dir, "census", "census.json"), json);
        Assert.Equal(Path.Combine(_dir, "census", "census.html"), html);
        var read = FixedPointCensus.Read(json);
        Assert.Equal(JsonSerializer.Serialize(census, AnalysisJson.Default.CensusFile), JsonSerializer.Serialize(read, AnalysisJson.Default.CensusFile));
        Assert.Equal(CensusFile.CurrentSchema, read.SchemaVersion);

        var page = File.ReadAllText(html);
        Assert.Contains("Fixed-point census of 3 point(s) (init, final weights)", page);
        Assert.Contains("/* Plotly stand-in */", page);
        Assert.Contains("lower bound", page);
        Assert.Contains("\"slope\":" + JsonSerializer.Serialize(census.Fits[1].Slope), page);
        Assert.Contains("\"mean\":" + JsonSerializer.Serialize(census.Rows[1].Fixed.Mean), page);
        // Every snake_case name the page's script reads is a name of the census.json record.
        var names = new HashSet<string>();
        void Collect(JsonNode? node)
        {
            if (node is JsonObject o) foreach (var (key, value) in o) { names.Add(key); Collect(value); }
            else if (node is JsonArray array) foreach (var item in array) Collect(item);
        }
        Collect(JsonSerializer.SerializeToNode(census, AnalysisJson.Default.CensusFile));
        var script = File.ReadAllText(RepositoryFiles.Find(Path.Combine("src", "RnnLab.Analysis", "Reports", "census.js")));
        var used = Regex.Matches(script, @"\.([a-z][a-z0-9]*(?:_[a-z0-9]+)+)\b").Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.NotEmpty(used);
        Assert.All(used, name => Assert.Contains(name, names));
    }
}
