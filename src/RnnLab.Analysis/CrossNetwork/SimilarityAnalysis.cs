using System.Diagnostics;
using System.Runtime.ExceptionServices;
using RnnLab.Analysis.Artifacts;
using RnnLab.Analysis.Similarity;
using RnnLab.Analysis.WeightComparison;
using RnnLab.Artifacts;
using RnnLab.Experiments;
using static TorchSharp.torch;

namespace RnnLab.Analysis.CrossNetwork;

/// <summary>
/// Compares every network of the given runs with every other (`rnnlab similarity`). Each network is run on
/// the same trials as every other network of its task, drawn from the options' seed, with the model's
/// noise drawn from the same seed; its rates over those trials are what the metric sees.
/// <list type="bullet">
/// <item>DSA fits each network's operator once (<see cref="DynamicalSimilarity.Fit(Tensor, DsaOptions)"/>) and matches every pair
/// (<see cref="DynamicalSimilarity.Pairwise"/>). It needs no pairing of states between networks.</item>
/// <item>The shape metrics compare states row by row: trial k at step t of one network against trial k at
/// step t of the other. Within a task those are the same inputs (condition-aligned). Across tasks the
/// inputs differ and the rows pair trial k of each task's own trials, as far as the shorter task goes
/// (Steps): geometry compared without a shared condition, which is all a shape metric can do there.</item>
/// </list>
/// The null is the retest: each run's first network against itself on fresh trials and noise (DSA), or on
/// the same trials with fresh noise (the shape metrics, whose rows must stay paired by trial).
/// </summary>
public static class SimilarityAnalysis
{
    /// <summary>The file's name in its folder.</summary>
    public const string FileName = "similarity.json";

    /// <summary>Compares the networks of the runs; prepared is told each network as its states are fitted or kept.</summary>
    public static SimilarityFile Of(IReadOnlyList<RunDirectory> runs, SimilarityOptions options, Action<SimilarityNetworkRecord, TimeSpan>? prepared = null)
    {
        options.Validate();
        var entries = runs.SelectMany(run => run.Networks.Select(network => (Run: run, Network: network))).ToList();
        if (entries.Count < 2) throw new ArgumentException($"similarity compares at least two networks; the runs given hold {entries.Count}");
        // Every snapshot is looked for before any work, so a missing one costs nothing.
        foreach (var (_, network) in entries)
            if (!File.Exists(NetworkLoader.PathOf(network, options.Snapshot))) throw NetworkLoader.Missing(network, options.Snapshot);
        var records = entries.Select(e => Record(e.Run, e.Network)).ToArray();
        var steps = ShortestTrial(runs);

        // One network per kernel thread: each runs its ops on its own thread (libtorch has one intra-op thread),
        // so the numbers are the same whatever the number of threads.
        var fitted = new Prepared[entries.Count];
        var told = new Lock();
        try
        {
            Parallel.For(0, entries.Count, new ParallelOptions { MaxDegreeOfParallelism = RnnLabRuntime.KernelThreads }, i =>
            {
                var clock = Stopwatch.StartNew();
                fitted[i] = Prepare(entries[i].Run, entries[i].Network, options, steps, replicate: 0);
                lock (told) prepared?.Invoke(records[i], clock.Elapsed);
            });
        }
        catch (AggregateException e)
        {
            foreach (var f in fitted) f?.Dispose();
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();   // the error itself (a damaged snapshot names its file), not the wrapper
            throw;
        }
        var systems = fitted.ToList();
        try
        {
            var (distances, converged) = Pairwise(systems, options);
            var retest = Retest(runs, entries, systems, options, steps);
            var mds = ClassicalMds.Of(distances);
            return new SimilarityFile(
                options.Metric.ToString().ToLowerInvariant(),
                options.Metric == SimilarityMetric.Cka ? "1 - linear CKA" : "radians",
                options.Snapshot.ToString().ToLowerInvariant(),
                records,
                Rows(distances),
                converged is null ? null : [.. Enumerable.Range(0, records.Length).Select(i => Enumerable.Range(0, records.Length).Select(j => converged[i, j]).ToArray())],
                mds.Coordinates,
                mds.Explained,
                [Separation("run", distances, [.. entries.Select(e => e.Run.Path)], options), Separation("task", distances, [.. records.Select(r => r.Task)], options)],
                retest,
                Record(options, steps));
        }
        finally
        {
            foreach (var s in systems) s.Dispose();
        }
    }

    /// <summary>The steps of the shortest trial among the runs' tasks: as far as the shape metrics pair rows, and what DSA's delays must fit in.</summary>
    public static int ShortestTrial(IReadOnlyList<RunDirectory> runs) => runs.Min(r => r.Options.CreateTask().Steps);

    /// <summary>
    /// Throws a <see cref="SimilarityExistsException"/> when folder already holds a similarity of other networks,
    /// metric, snapshot or options than these would make: checked before any work, and again by <see cref="Write"/>.
    /// </summary>
    public static void CheckDestination(string folder, IReadOnlyList<RunDirectory> runs, SimilarityOptions options)
    {
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path)) return;
        var networks = runs.SelectMany(run => run.Networks.Select(network => Record(run, network))).ToArray();
        var steps = ShortestTrial(runs);
        if (!Same(Read(path), options.Metric.ToString().ToLowerInvariant(), options.Snapshot.ToString().ToLowerInvariant(), Record(options, steps), networks))
            throw new SimilarityExistsException(path);
    }

    /// <summary>Writes the file into folder; refuses (<see cref="SimilarityExistsException"/>) to replace one of other networks or options.</summary>
    public static string Write(SimilarityFile file, string folder)
    {
        var path = Path.Combine(folder, FileName);
        ThrowIfOther(path, file);
        Directory.CreateDirectory(folder);
        ArtifactFile.Write(path, file, AnalysisJson.Default.SimilarityFile);
        return path;
    }

    private static void ThrowIfOther(string path, SimilarityFile file)
    {
        if (!File.Exists(path)) return;
        if (!Same(Read(path), file.Metric, file.Snapshot, file.Options, file.Networks)) throw new SimilarityExistsException(path);
    }

    private static bool Same(SimilarityFile old, string metric, string snapshot, SimilarityOptionsRecord options, SimilarityNetworkRecord[] networks) =>
        old.Metric == metric && old.Snapshot == snapshot && old.Options == options
        && old.Networks.Select(n => (n.Path, n.RunId)).SequenceEqual(networks.Select(n => (n.Path, n.RunId)));

    /// <summary>Reads similarity.json.</summary>
    public static SimilarityFile Read(string path) => ArtifactFile.Read(path, AnalysisJson.Default.SimilarityFile, f => f.SchemaVersion, SimilarityFile.CurrentSchema);

    // What a metric keeps of one network: its fitted operator (DSA) or its centred-later states [trials x steps, units].
    private sealed record Prepared(Dmd? Operator, Tensor? States) : IDisposable
    {
        public void Dispose()
        {
            Operator?.Dispose();
            States?.Dispose();
        }
    }

    private static Prepared Prepare(RunDirectory run, NetworkDirectory network, SimilarityOptions options, int steps, uint replicate)
    {
        using var scope = NewDisposeScope();
        // The shape metrics pair rows by trial, so their retest keeps the trials and redraws the noise alone.
        using var simulator = new SnapshotSimulator(run.Options, network, options.Trials, replicate, options.Seed, freshTrials: options.Metric == SimilarityMetric.Dsa);
        using var rnn = simulator.Load(options.Snapshot);
        var rates = simulator.OnTask(rnn).Rates.permute(1, 0, 2);   // [trials, steps, units]
        if (options.Metric == SimilarityMetric.Dsa)
        {
            var fitted = DynamicalSimilarity.Fit(rates.contiguous(), options.Dsa);
            foreach (var t in new[] { fitted.Operator, fitted.Basis, fitted.Singular }) t.MoveToOuterDisposeScope();   // out of this scope, owned by the result
            return new Prepared(fitted, null);
        }
        var states = rates.narrow(1, 0, steps).reshape(-1, rates.size(2)).contiguous();
        return new Prepared(null, states.MoveToOuterDisposeScope());
    }

    private static (double[,] Distances, bool[,]? Converged) Pairwise(IReadOnlyList<Prepared> systems, SimilarityOptions options)
    {
        if (options.Metric == SimilarityMetric.Dsa) return DynamicalSimilarity.Pairwise([.. systems.Select(s => s.Operator!)], options.Dsa);
        var n = systems.Count;
        var pairs = Enumerable.Range(0, n).SelectMany(i => Enumerable.Range(0, i).Select(j => (I: i, J: j))).ToArray();
        var distances = new double[n, n];
        Parallel.ForEach(pairs, new ParallelOptions { MaxDegreeOfParallelism = RnnLabRuntime.KernelThreads }, p =>
            distances[p.I, p.J] = distances[p.J, p.I] = Shape(systems[p.I].States!, systems[p.J].States!, options));
        return (distances, null);
    }

    private static double Shape(Tensor x, Tensor y, SimilarityOptions options) => options.Metric switch
    {
        SimilarityMetric.Procrustes => ShapeMetrics.Procrustes(x, y),
        SimilarityMetric.Cca => ShapeMetrics.Cca(x, y, options.CcaDimensions),
        SimilarityMetric.Cka => ShapeMetrics.Cka(x, y),
        _ => throw new ArgumentOutOfRangeException(nameof(options), options.Metric, "not a shape metric"),
    };

    private static RetestRecord[] Retest(IReadOnlyList<RunDirectory> runs, List<(RunDirectory Run, NetworkDirectory Network)> entries, List<Prepared> systems,
        SimilarityOptions options, int steps)
    {
        var results = new List<RetestRecord>();
        foreach (var run in runs)
        {
            var index = entries.FindIndex(e => e.Run == run);
            using var again = Prepare(run, entries[index].Network, options, steps, replicate: 1);
            if (options.Metric == SimilarityMetric.Dsa)
            {
                var match = OperatorProcrustes.Match([(systems[index].Operator!.Operator, again.Operator!.Operator)], options.Dsa.Iterations, options.Dsa.Starts)[0];
                results.Add(new RetestRecord(run.Path, entries[index].Network.Index, "trials and noise", match.Angle, match.Converged));
            }
            else
            {
                results.Add(new RetestRecord(run.Path, entries[index].Network.Index, "noise", Shape(systems[index].States!, again.States!, options), null));
            }
        }
        return [.. results];
    }

    private static SeparationRecord Separation(string grouping, double[,] distances, string[] labels, SimilarityOptions options)
    {
        var groups = labels.Distinct().ToArray();
        string? unavailable = groups.Length < 2 ? $"one {grouping} only"
            : labels.GroupBy(l => l).All(g => g.Count() < 2) ? $"no {grouping} holds two networks"
            : null;
        if (unavailable is not null) return new SeparationRecord(grouping, groups, null, null, null, null, 0, unavailable);
        var test = GroupSeparation.Test(distances, [.. labels.Select(l => Array.IndexOf(groups, l))], options.Permutations);
        return new SeparationRecord(grouping, groups, test.Within, test.Across, test.Statistic, test.PValue, test.Permutations, null);
    }

    private static SimilarityNetworkRecord Record(RunDirectory run, NetworkDirectory network) =>
        new(run.Path, run.Id, run.Options.Name, run.Options.TaskKind, network.Index, network.Seed, run.Options.Model.Units, network.Path);

    private static SimilarityOptionsRecord Record(SimilarityOptions o, int steps) =>
        new(o.Trials, o.Seed, steps, o.Dsa.Delays, o.Dsa.Interval, o.Dsa.Rank, o.Dsa.Lambda, o.Dsa.Iterations, o.Dsa.Starts, o.CcaDimensions, o.Permutations);

    private static double[][] Rows(double[,] m) =>
        [.. Enumerable.Range(0, m.GetLength(0)).Select(i => Enumerable.Range(0, m.GetLength(1)).Select(j => m[i, j]).ToArray())];
}
