using RnnLab.Analysis.Artifacts;
using RnnLab.Analysis.Hypotheses;
using RnnLab.Analysis.Reports;
using RnnLab.Artifacts;
using RnnLab.Experiments;

namespace RnnLab.Analysis.CrossNetwork;

/// <summary>
/// The fixed-point census of a study: how many fixed points (stable, saddle, unstable) and slow points
/// every network of every grid point has, as its analysis found them, summarised across the networks of
/// each point with a 95% interval, and how fast the count grows along each numeric axis of the grid
/// (<see cref="CensusGrowth"/>). It asks, for instance, whether networks trained on tasks of more input
/// dimensions hold more saddles, or how the count of an untrained random network grows with its size and
/// gain (exponentially in N near the edge of chaos, Wainrib and Touboul 2013).
/// <para>
/// It reads what the per-network analysis wrote (fixed_points.json and its .init and .learned siblings)
/// and computes nothing of the networks itself, so a census costs seconds and counts exactly the points
/// the analysis reports. A count is a lower bound: the distinct points the search found from its initial
/// states. Each network's record says how its descent ended, which is how far its count is to be trusted.
/// </para>
/// </summary>
public static class FixedPointCensus
{
    /// <summary>The file's name in its folder.</summary>
    public const string FileName = "census.json";

    /// <summary>What every count is, written into the file and onto its page.</summary>
    public const string Caveats =
        "Every count is a lower bound: the number of distinct fixed (or slow) points the search found from its initial states at each " +
        "condition, never a proof that a network has no others. A network's count is the mean over the conditions it was searched at. " +
        "Where few of a network's starting states converged, or some stopped at the iteration cap or diverged, its search may have missed " +
        "points. Growth rates are least-squares slopes of log(1 + fixed points) of each network against the axis: growth per unit of the " +
        "axis on a log scale, exp(slope) the factor per unit.";

    /// <summary>
    /// Counts the fixed points of every network of every point at each snapshot. Every point must have the
    /// same keys, and every network its fixed_points file of every snapshot: a missing one throws an
    /// <see cref="AnalysisMissingException"/> naming the network and snapshot before any file is read, and
    /// one computed from another run in the folder an <see cref="AnotherRunException"/>.
    /// </summary>
    public static CensusFile Of(IReadOnlyList<CensusPoint> points, IReadOnlyList<Snapshot> snapshots)
    {
        Validate(points, snapshots);
        foreach (var point in points)
            foreach (var snapshot in snapshots)
                foreach (var network in point.Run.Networks)
                    if (!File.Exists(PathOf(network, snapshot))) throw new AnalysisMissingException(PathOf(network, snapshot), point.Run.Path, network.Path, snapshot);

        var rows = new List<CensusRowRecord>();
        foreach (var point in points)
            foreach (var snapshot in snapshots)
                rows.Add(Row(point, snapshot, [.. point.Run.Networks.Select(n => Network(point.Run, n, snapshot))]));
        var axes = points[0].Values.Select(v => v.Key).ToArray();
        var records = points.Select(p => new CensusPointRecord(p.Name, [.. p.Values.Select(v => new GridValueRecord(v.Key, v.Value))], p.Run.Path)).ToArray();
        var names = snapshots.Select(Name).ToArray();
        return new CensusFile(axes, records, names, [.. rows], CensusGrowth.Fits(axes, records, names, rows), Caveats);
    }

    /// <summary>
    /// Writes census.json and census.html into folder, with the Plotly.js bundle at plotlyScript inlined into
    /// the page (the page opens offline); returns both paths.
    /// </summary>
    public static (string Json, string Html) Write(CensusFile census, string folder, string plotlyScript)
    {
        Directory.CreateDirectory(folder);
        var json = Path.Combine(folder, FileName);
        ArtifactFile.Write(json, census, AnalysisJson.Default.CensusFile);
        return (json, CensusReport.Write(census, folder, plotlyScript));
    }

    /// <summary>Reads census.json; a newer or damaged file throws naming it.</summary>
    public static CensusFile Read(string path) => ArtifactFile.Read(path, AnalysisJson.Default.CensusFile, f => f.SchemaVersion, CensusFile.CurrentSchema);

    private static void Validate(IReadOnlyList<CensusPoint> points, IReadOnlyList<Snapshot> snapshots)
    {
        if (points.Count == 0) throw new ArgumentException("a census needs at least one point", nameof(points));
        if (snapshots.Count == 0) throw new ArgumentException("a census needs at least one snapshot", nameof(snapshots));
        if (snapshots.Distinct().Count() != snapshots.Count) throw new ArgumentException("a snapshot is given twice", nameof(snapshots));
        if (points.GroupBy(p => p.Name).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new ArgumentException($"the point {twice.Key} is given twice", nameof(points));
        var keys = points[0].Values.Select(v => v.Key).ToList();
        if (keys.Distinct().Count() != keys.Count) throw new ArgumentException($"the point {points[0].Name} names a key twice", nameof(points));
        foreach (var p in points)
            if (!p.Values.Select(v => v.Key).Order(StringComparer.Ordinal).SequenceEqual(keys.Order(StringComparer.Ordinal)))
                throw new ArgumentException($"the point {p.Name} has the keys {string.Join(", ", p.Values.Select(v => v.Key))}; {points[0].Name} has {string.Join(", ", keys)}", nameof(points));
    }

    private static string PathOf(NetworkDirectory network, Snapshot snapshot) =>
        Path.Combine(AnalysisWriter.Folder(network.Path), AnalysisWriter.FileName("fixed_points", snapshot));

    private static string Name(Snapshot snapshot) => snapshot.ToString().ToLowerInvariant();

    // One network's counts: per search, then the means over its conditions.
    private static CensusNetworkRecord Network(RunDirectory run, NetworkDirectory network, Snapshot snapshot)
    {
        var path = PathOf(network, snapshot);
        var file = AnalysisWriter.ReadFixedPoints(path, run, snapshot);
        if (file.Searches.Length == 0) throw new InvalidDataException($"{path}: holds no search, so it has no count");
        var conditions = file.Searches.Select((search, i) =>
        {
            var at = file.Points.Where(p => p.Condition == i).ToList();
            int Fixed(string stability) => at.Count(p => p.Kind == "fixed" && p.Stability == stability);
            var (stable, saddle, unstable) = (Fixed("stable"), Fixed("saddle"), Fixed("unstable"));
            return new CensusConditionRecord(search.Condition, stable, saddle, unstable, stable + saddle + unstable, at.Count(p => p.Kind == "slow"),
                search.Ends, search.Refined, search.NotRefined);
        }).ToArray();
        var states = conditions.Sum(c => c.Ends.Converged + c.Ends.Stalled + c.Ends.Capped + c.Ends.Diverged);
        var converged = conditions.Sum(c => c.Ends.Converged);
        return new CensusNetworkRecord(run.Path, run.Id, network.Index, network.Seed, network.Path, path, conditions,
            conditions.Average(c => c.Stable), conditions.Average(c => c.Saddle), conditions.Average(c => c.Unstable),
            conditions.Average(c => c.Fixed), conditions.Average(c => c.Slow),
            states, converged, states == 0 ? 0 : (double)converged / states,
            conditions.Sum(c => c.Refined + c.NotRefined), conditions.Sum(c => c.Refined),
            conditions.All(c => c.Ends.Capped == 0 && c.Ends.Diverged == 0));
    }

    private static CensusRowRecord Row(CensusPoint point, Snapshot snapshot, CensusNetworkRecord[] networks)
    {
        var states = networks.Sum(n => n.States);
        return new CensusRowRecord(point.Name, Name(snapshot), networks,
            Summary([.. networks.Select(n => n.Stable)]), Summary([.. networks.Select(n => n.Saddle)]), Summary([.. networks.Select(n => n.Unstable)]),
            Summary([.. networks.Select(n => n.Fixed)]), Summary([.. networks.Select(n => n.Slow)]),
            states == 0 ? 0 : (double)networks.Sum(n => n.StatesConverged) / states,
            networks.Count(n => n.Settled));
    }

    // Mean, sample standard deviation and Student-t interval across networks; one network has neither.
    private static CountSummaryRecord Summary(IReadOnlyList<double> values)
    {
        var (mean, low, high) = MeanInterval.Of(values);
        if (values.Count < 2) return new CountSummaryRecord(mean, null, values.Count, null, null);
        var sd = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
        return new CountSummaryRecord(mean, sd, values.Count, low, high);
    }
}
