using RnnLab.Analysis.Artifacts;
using RnnLab.Artifacts;
using RnnLab.Experiments;

namespace RnnLab.Analysis.WeightComparison;

/// <summary>A statistic aggregated over the networks of a run: mean and standard error of init, final and change, and each seed's values.</summary>
public sealed record AggregatedStatistic(string Name, Summary? Init, Summary? Final, Summary? Change, IReadOnlyList<ComparedStatistic> PerNetwork, string? Unavailable)
{
    /// <summary>
    /// Aggregates one statistic's per-network values. It is unavailable only when no network has it: one
    /// that some networks lack (the mean angle of DCA starts reaching the best PI) is summarized over those that have it, its
    /// count n saying how many.
    /// </summary>
    public static AggregatedStatistic Of(string name, IReadOnlyList<ComparedStatistic> perNetwork)
    {
        List<double> Values(Func<ComparedStatistic, double?> pick) => perNetwork.Select(pick).Where(v => v.HasValue).Select(v => v!.Value).ToList();
        var unavailable = perNetwork.All(p => p.Unavailable is not null) ? perNetwork[0].Unavailable : null;
        return new AggregatedStatistic(name, Summary.Of(Values(p => p.Init)), Summary.Of(Values(p => p.Final)), Summary.Of(Values(p => p.Change)), perNetwork, unavailable);
    }
}

/// <summary>Mean, standard error (n - 1 in the variance; 0 for one network) and count.</summary>
public sealed record Summary(double Mean, double StandardError, int Count)
{
    /// <summary>The summary of some values; null when there are none.</summary>
    public static Summary? Of(IReadOnlyList<double> values)
    {
        if (values.Count == 0) return null;
        var mean = values.Average();
        var se = values.Count < 2 ? 0 : Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1) / values.Count);
        return new Summary(mean, se, values.Count);
    }
}

/// <summary>
/// Init-versus-trained comparison of every network of a run, aggregated across seeds, written to
/// analysis/comparison.json (comparison.learned.json when Trained is the learned snapshot). RunId is the
/// run's id (<see cref="RunDirectory.Id"/>), which both files it writes record.
/// </summary>
public sealed record RunComparison(string Run, IReadOnlyList<NetworkComparison> Networks, IReadOnlyList<AggregatedStatistic> Statistics, Snapshot Trained = Snapshot.Final,
    string? RunId = null)
{
    /// <summary>
    /// Compares every network, one after another, and aggregates. Not several at once on threads of one
    /// process: TorchSharp ops on concurrent threads can meet a freed Scalar (docs/engine.md).
    /// </summary>
    public static RunComparison Of(RunDirectory run, ComparisonOptions? options = null, Action<NetworkComparison, TimeSpan>? compared = null)
    {
        // Every network's analysis files are checked before the first network is compared, so one of another run stops it at once.
        foreach (var n in run.Networks) NetworkComparison.FixedPointCounts(run, n, (options ?? new ComparisonOptions()).Trained);
        var networks = run.Networks.Select(n =>
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var comparison = NetworkComparison.Of(run, n, options);
            compared?.Invoke(comparison, clock.Elapsed);   // a network takes seconds to a minute: say when each is done
            return comparison;
        }).ToList();
        return From(run, options, networks);
    }

    /// <summary>
    /// Aggregates networks compared one by one (each <see cref="NetworkComparison.Of"/>, perhaps in processes
    /// of their own and read back with <see cref="NetworkComparison.Read"/>), in the run's network order: the
    /// same comparison <see cref="Of"/> makes.
    /// </summary>
    public static RunComparison From(RunDirectory run, ComparisonOptions? options, IReadOnlyList<NetworkComparison> networks)
    {
        // By name, not position: a network's table is its measures' rows, and every network has each name once.
        var tables = networks.Select(n => n.Statistics.ToDictionary(s => s.Name)).ToList();
        var statistics = networks[0].Statistics.Select(s => AggregatedStatistic.Of(s.Name, [.. tables.Select(t => t[s.Name])])).ToList();
        return new RunComparison(run.Path, networks, statistics, (options ?? new ComparisonOptions()).Trained, run.Id)
        {
            NotLearned = RnnLab.Analysis.Hypotheses.NetworkInclusion.NotLearned(run),
        };
    }

    /// <summary>The comparison.json record.</summary>
    public ComparisonFile ToFile()
    {
        static SummaryRecord? S(Summary? s) => s is null ? null : new SummaryRecord(s.Mean, s.StandardError, s.Count);
        return new ComparisonFile(
            Run,
            [.. Statistics.Select(s => new StatisticRecord(s.Name, S(s.Init), S(s.Final), S(s.Change), s.Unavailable,
                [.. s.PerNetwork.Select((p, k) => new NetworkValueRecord(Networks[k].Network, p.Init, p.Final, p.Change))]))],
            [.. Networks.Select(n => n.ToRecord())],
            new Dictionary<string, string>(Networks[0].Unavailable),
            SnapshotName,
            RunId: RunId);
    }

    /// <summary>Writes analysis/comparison.json (or .learned.json) under the run folder; returns its path.</summary>
    public string Write() => WriteInAnalysis(AnalysisWriter.FileName("comparison", Trained), ToFile(), AnalysisJson.Default.ComparisonFile);

    private string SnapshotName => Trained.ToString().ToLowerInvariant();

    // Writes one record into the run's analysis folder; returns its path.
    private string WriteInAnalysis<T>(string name, T record, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
    {
        var folder = AnalysisWriter.Folder(Run);
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name);
        ArtifactFile.Write(path, record, type);
        return path;
    }

    /// <summary>The run's networks that did not learn the task, with the reason (<see cref="Hypotheses.NetworkInclusion"/>).</summary>
    public IReadOnlyDictionary<string, string> NotLearned { get; init; } = new Dictionary<string, string>();

    /// <summary>A spec's hypotheses tested on these networks (<see cref="Hypotheses.HypothesisTest"/>), those it includes.</summary>
    public Hypotheses.HypothesesResult Hypotheses(Hypotheses.HypothesisSpec spec)
    {
        var (included, excluded) = RnnLab.Analysis.Hypotheses.NetworkInclusion.Apply(spec, Networks.Select(n => n.Network), NotLearned);
        return RnnLab.Analysis.Hypotheses.HypothesisTest.Run(spec, [.. Networks.Where(n => included.Contains(n.Network))], excluded);
    }

    /// <summary>The hypotheses.json record of a result.</summary>
    public HypothesesFile HypothesesToFile(Hypotheses.HypothesesResult result)
    {
        var spec = result.Spec;
        static ExcludedNetworkRecord[] Excluded(IEnumerable<(string Network, string Reason)> e) => [.. e.Select(x => new ExcludedNetworkRecord(x.Network, x.Reason))];
        return new HypothesesFile(Run, RunId, SnapshotName,
            new HypothesisSpecRecord(spec.Name, spec.Version, spec.Source, spec.Sha256, spec.Alpha, spec.Correction, spec.MinimumNetworks, spec.Inclusion, spec.Rule),
            [.. result.Included], Excluded(result.Excluded),
            [.. result.Hypotheses.Select(h => new HypothesisRecord(h.Id, h.Statement, h.Verdict, h.Why, [.. h.Parts.Select(p => new HypothesisPartRecord(
                p.Measure, p.Statistic, p.Unit, p.Decides, Values(p.PerNetwork), p.Mean, p.Ci95, Excluded(p.Excluded), p.Direction, p.Threshold,
                p.Null is { } n ? new PartNullRecord(n.Kind, n.Description, Values(n.PerNetwork), n.Mean, n.Band) : null,
                p.Difference is { } d ? new DifferenceRecord(d.Mean, d.Ci95) : null, p.PValue, p.PAdjusted, p.Verdict, p.Why))]))]);
    }

    private static NetworkScalarRecord[] Values(IReadOnlyList<(string Network, double Value)> values) => [.. values.Select(p => new NetworkScalarRecord(p.Network, p.Value))];

    /// <summary>Writes analysis/hypotheses.json (or .learned.json) under the run folder; returns its path.</summary>
    public string WriteHypotheses(Hypotheses.HypothesesResult result) =>
        WriteInAnalysis(AnalysisWriter.FileName("hypotheses", Trained), HypothesesToFile(result), AnalysisJson.Default.HypothesesFile);

    /// <summary>Reads a hypotheses.json; a newer, older (another layout) or damaged file throws naming it.</summary>
    public static HypothesesFile ReadHypotheses(string path) =>
        ArtifactFile.Read(path, AnalysisJson.Default.HypothesesFile, f => f.SchemaVersion, HypothesesFile.CurrentSchema, oldest: HypothesesFile.CurrentSchema);

    /// <summary>Reads a comparison.json; a newer, older (another layout) or damaged file throws naming it.</summary>
    public static ComparisonFile Read(string path) =>
        ArtifactFile.Read(path, AnalysisJson.Default.ComparisonFile, f => f.SchemaVersion, ComparisonFile.CurrentSchema, oldest: ComparisonFile.CurrentSchema);
}
