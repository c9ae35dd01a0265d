using RnnLab.Analysis.Artifacts;
using RnnLab.Artifacts;
using RnnLab.Experiments;
using static TorchSharp.torch;

namespace RnnLab.Analysis.WeightComparison;

/// <summary>One scalar statistic of one network before and after training, or why it could not be computed.</summary>
public sealed record ComparedStatistic(string Name, double? Init, double? Final, string? Unavailable = null)
{
    /// <summary>Final minus init, when both exist.</summary>
    public double? Change => Init is { } a && Final is { } b ? b - a : null;
}

/// <summary>
/// Compares the untrained and trained weights of one network of a run: every measure of
/// <see cref="ComparisonMeasures.All"/> (the weight change, the mean weight at every saved checkpoint, the
/// PCA and DCA subspaces, the predictive information sweep, the output against the condition, the task
/// score, the fixed points `analyze` found), each computed once from one <see cref="ComparisonContext"/>.
/// Results are kept by measure id, in table order; the statistics table is the measures' rows, and parts
/// that do not apply to the network say why in Unavailable.
/// </summary>
public sealed record NetworkComparison(string Network, IReadOnlyList<MeasureResult> Measures)
{
    /// <summary>The result of the measure with this id; throws naming it when there is none.</summary>
    public MeasureResult Measure(string id) =>
        Measures.FirstOrDefault(m => m.Id == id) ?? throw new KeyNotFoundException($"'{Network}' has no comparison measure '{id}'");

    /// <summary>The typed value of the measure with this id.</summary>
    public T Result<T>(string id) => (T)Measure(id).Value!;

    /// <summary>The scalar statistics table: every measure's rows, in registry order.</summary>
    public IReadOnlyList<ComparedStatistic> Statistics => [.. Measures.SelectMany(m => m.Statistics)];

    /// <summary>Why parts of the comparison do not apply, by key (the first measure to say so names it).</summary>
    public IReadOnlyDictionary<string, string> Unavailable
    {
        get
        {
            var why = new Dictionary<string, string>();
            foreach (var (key, value) in Measures.SelectMany(m => m.Unavailable)) why.TryAdd(key, value);
            return why;
        }
    }

    /// <summary>The comparison.json record of this network: every result by measure id, as it is.</summary>
    public NetworkMeasuresRecord ToRecord() => new(Network, Measures.ToDictionary(m => m.Id, m => MeasureJson.Write(m.Value)));

    /// <summary>Where a network's own comparison goes: analysis/network_comparison.json (.learned.json for the learned snapshot).</summary>
    public static string PathOf(string network, Snapshot trained) =>
        Path.Combine(AnalysisWriter.Folder(network), AnalysisWriter.FileName("network_comparison", trained));

    /// <summary>Writes this comparison as the network's own file (<see cref="NetworkComparisonFile"/>); returns its path.</summary>
    public string Write(string? runId, Snapshot trained)
    {
        var path = PathOf(Network, trained);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        ArtifactFile.Write(path, new NetworkComparisonFile(Network, runId, trained.ToString().ToLowerInvariant(), ToRecord(),
            Measures.ToDictionary(m => m.Id, m => m.Statistics.Select(s => new ComparedStatisticRecord(s.Name, s.Init, s.Final, s.Unavailable)).ToArray()),
            Measures.ToDictionary(m => m.Id, m => new Dictionary<string, string>(m.Unavailable))), AnalysisJson.Default.NetworkComparisonFile);
        return path;
    }

    /// <summary>
    /// Reads a network's own comparison back as it was computed: each measure's typed result (<see
    /// cref="IComparisonMeasure.Read"/>), rows and reasons. A file of another run, of another snapshot or
    /// without one of today's measures throws naming it.
    /// </summary>
    public static NetworkComparison Read(RunDirectory run, NetworkDirectory network, Snapshot trained)
    {
        var path = PathOf(network.Path, trained);
        var file = ArtifactFile.Read(path, AnalysisJson.Default.NetworkComparisonFile, f => f.SchemaVersion, NetworkComparisonFile.CurrentSchema);
        if (file.RunId != run.Id || file.Trained != trained.ToString().ToLowerInvariant() || file.Network != network.Path)
            throw new InvalidDataException($"{path}: holds the comparison of {file.Network} (run {file.RunId}, {file.Trained}), not of {network.Path} (run {run.Id}, {trained.ToString().ToLowerInvariant()}).");
        var missing = ComparisonMeasures.All.FirstOrDefault(m => !file.Measures.Measures.ContainsKey(m.Id) || !file.Statistics.ContainsKey(m.Id));
        if (missing is not null) throw new InvalidDataException($"{path}: has no result of the measure '{missing.Id}'; compare the network again.");
        return new NetworkComparison(file.Network, [.. ComparisonMeasures.All.Select(m => new MeasureResult(m.Id, m.Read(file.Measures),
            [.. file.Statistics[m.Id].Select(s => new ComparedStatistic(s.Name, s.Init, s.Final, s.Unavailable))],
            file.Unavailable.TryGetValue(m.Id, out var why) ? why : new Dictionary<string, string>()))]);
    }

    /// <summary>Compares one network; its init and final weights must exist.</summary>
    public static NetworkComparison Of(RunDirectory run, NetworkDirectory network, ComparisonOptions? options = null)
    {
        var o = options ?? new ComparisonOptions();
        o.Validate();
        using var context = new ComparisonContext(run, network, o);
        return new NetworkComparison(network.Path, [.. ComparisonMeasures.All.Select(m => m.Compute(context))]);
    }

    /// <summary>
    /// The fixed points of each stability class before and after training, from what `analyze` wrote (each
    /// unavailable, saying why, until both snapshots are analysed); a file computed from another run in the
    /// same folder throws an <see cref="Artifacts.AnotherRunException"/> naming it.
    /// </summary>
    public static IReadOnlyList<ComparedStatistic> FixedPointCounts(RunDirectory run, NetworkDirectory network, Snapshot trained) =>
        [.. CountsOf(run, network, trained)];

    private static IEnumerable<ComparedStatistic> CountsOf(RunDirectory run, NetworkDirectory network, Snapshot trained)
    {
        var folder = AnalysisWriter.Folder(network.Path);
        var init = Path.Combine(folder, AnalysisWriter.FileName("fixed_points", Snapshot.Init));
        var final = Path.Combine(folder, AnalysisWriter.FileName("fixed_points", trained));
        string[] classes = ["stable", "saddle", "unstable"];
        if (!File.Exists(init) || !File.Exists(final))
        {
            var why = $"not computed: needs the fixed points of both the init and the {trained.ToString().ToLowerInvariant()} snapshot ({Path.GetFileName(File.Exists(init) ? final : init)} is missing)";
            foreach (var c in classes) yield return new ComparedStatistic($"{c} fixed points", null, null, why);
            yield break;
        }
        var before = Count(AnalysisWriter.ReadFixedPoints(init, run, Snapshot.Init));
        var after = Count(AnalysisWriter.ReadFixedPoints(final, run, trained));
        foreach (var c in classes) yield return new ComparedStatistic($"{c} fixed points", before.GetValueOrDefault(c), after.GetValueOrDefault(c));
    }

    private static Dictionary<string, int> Count(Artifacts.FixedPointsFile file) =>
        file.Points
            .Where(p => p.Kind == "fixed")
            .GroupBy(p => p.Stability)
            .ToDictionary(g => g.Key, g => g.Count());
}
