using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using RnnLab.Analysis;
using RnnLab.Analysis.Artifacts;
using RnnLab.Analysis.Reports;
using RnnLab.Analysis.CrossNetwork;
using RnnLab.Analysis.Similarity;
using RnnLab.Cli.Reports;
using RnnLab.Experiments;

namespace RnnLab.Cli.Commands;

/// <summary>`rnnlab similarity`: how alike the dynamics (DSA) or the state geometry (shape metrics) of every two networks of the given runs are.</summary>
public sealed class SimilarityCommand : ICommand
{
    private static readonly string[] Metrics = ["dsa", "procrustes", "cca", "cka"];

    /// <inheritdoc />
    public Command Build()
    {
        var runs = new Argument<string[]>("runs") { Description = "the run directories whose networks are compared, every one with every other", Arity = ArgumentArity.OneOrMore };
        runs.Validators.Add(result =>
        {
            foreach (var v in result.GetValueOrDefault<string[]>() ?? [])
                if (string.IsNullOrWhiteSpace(v)) result.AddError($"<runs> takes non-empty paths, got '{v}'.");
        });
        var metric = CliOptions.OneOf("--metric", "dsa", "what is compared: the dynamics (dsa) or the geometry of the states", Metrics);
        var snapshot = CliOptions.Snapshot("the weights of each network", "final", "learned", "init");
        var outDir = CliOptions.PathOption("--out", "DIR", "where similarity.json and similarity.html go (default: similarity-<metric> beside the first run)");
        var trials = CliOptions.Positive("--trials", new SimilarityOptions().Trials, "trials of each task every network runs (the same trials for every network of a task)");
        var delays = CliOptions.Positive("--delays", new DsaOptions().Delays, "DSA: delays in the embedding");
        var interval = CliOptions.Positive("--interval", new DsaOptions().Interval, "DSA: steps between delays");
        var rank = CliOptions.Positive("--rank", new DsaOptions().Rank!.Value, "DSA: rank of each network's fitted operator");
        var dimensions = CliOptions.Positive("--cca-dimensions", new SimilarityOptions().CcaDimensions, "CCA: principal dimensions of each network compared");
        var command = new Command("similarity", "compares every network of the given runs with every other (DSA, or the Procrustes, CCA or CKA shape metrics); " +
            "writes similarity.json and similarity.html with the distances, an MDS picture and whether networks of one run or task are closer")
        {
            runs, metric, snapshot, outDir, trials, delays, interval, rank, dimensions,
        };
        command.SetAction(parse => Run(parse.GetValue(runs)!, parse.GetValue(outDir), new SimilarityOptions
        {
            Metric = Enum.Parse<SimilarityMetric>(parse.GetValue(metric)!, ignoreCase: true),
            Snapshot = CliOptions.SnapshotOf(parse.GetValue(snapshot)!),
            Trials = parse.GetValue(trials),
            CcaDimensions = parse.GetValue(dimensions),
            Dsa = new DsaOptions { Delays = parse.GetValue(delays), Interval = parse.GetValue(interval), Rank = parse.GetValue(rank) },
        }));
        return command;
    }

    internal static int Run(string[] paths, string? outDir, SimilarityOptions options)
    {
        var clock = Stopwatch.StartNew();
        var runs = paths.Select(RunDirectory.Open).ToList();
        var twice = runs.GroupBy(r => Path.GetFullPath(r.Path)).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null) throw new UsageException($"the run {twice.First().Path} is given twice; give each run once.");
        var count = runs.Sum(r => r.Networks.Count);
        if (count < 2) throw new UsageException($"similarity compares at least two networks; {runs[0].Path} holds one: give more runs, or a multi-seed run.");
        var shortest = SimilarityAnalysis.ShortestTrial(runs);
        var embedded = shortest - (options.Dsa.Delays - 1) * options.Dsa.Interval;
        if (options.Metric == SimilarityMetric.Dsa && embedded < 2)
            throw new UsageException($"--delays {options.Dsa.Delays} every --interval {options.Dsa.Interval} leave {embedded} step(s) of a {shortest}-step trial; DSA needs at least 2.");
        var folder = outDir ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(runs[0].Path))!,
            "similarity-" + AnalysisWriter.FileName(options.Metric.ToString().ToLowerInvariant(), options.Snapshot, "").TrimEnd('.'));
        SimilarityAnalysis.CheckDestination(folder, runs, options);
        var plotly = PlotlyBundle.Find();   // found before the work, so a missing bundle costs nothing
        Directory.CreateDirectory(folder);
        using var writing = OutputLock.Acquire(Path.Combine(folder, ".similarity.lock"), $"similarity {folder}");

        var done = 0;
        var file = SimilarityAnalysis.Of(runs, options, (network, took) =>
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ran {network.Path} ({++done}/{count}, {took.TotalSeconds:F1} s)")));
        Print(file);
        Console.WriteLine($"wrote {SimilarityAnalysis.Write(file, folder)}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {SimilarityReport.Write(file, folder, plotly)} ({clock.Elapsed.TotalSeconds:F1} s in all)"));
        return 0;
    }

    private static void Print(SimilarityFile file)
    {
        var inv = CultureInfo.InvariantCulture;
        var names = file.Networks.Select((n, i) => $"{i,2} {n.Name} seed {n.Seed}").ToList();
        Console.WriteLine($"{file.Metric} distance ({file.Unit}) between {file.Networks.Length} networks, {file.Snapshot} weights:");
        foreach (var name in names) Console.WriteLine($"  {name}");
        Console.WriteLine("    " + string.Concat(Enumerable.Range(0, names.Count).Select(j => $"{j,7}")));
        for (var i = 0; i < names.Count; i++)
            Console.WriteLine($"{i,3} " + string.Concat(file.Distances[i].Select(d => d.ToString("F3", inv).PadLeft(7))));
        if (file.Converged is { } converged)
        {
            var unsettled = Enumerable.Range(0, names.Count).Sum(i => Enumerable.Range(0, i).Count(j => !converged[i][j]));
            Console.WriteLine(unsettled == 0 ? "every pair's orthogonal search converged"
                : $"{unsettled} pair(s) whose orthogonal search did not converge: their distance is an upper bound");
        }
        foreach (var s in file.Separations)
            Console.WriteLine(s.Unavailable is not null
                ? $"by {s.Grouping}: {s.Unavailable}"
                : string.Create(inv, $"by {s.Grouping} ({s.Groups.Length} groups): within {s.Within:F3}, across {s.Across:F3}, across - within {s.Statistic:F3}, permutation p = {s.PValue:G3} ({s.Permutations} shuffles)"));
        foreach (var r in file.Retest)
            Console.WriteLine(string.Create(inv, $"retest of {r.Run} network {r.Index} (the same network, {r.Redrawn} drawn afresh): {r.Distance:F3}{(r.Converged == false ? " (search did not converge)" : "")}"));
    }
}
