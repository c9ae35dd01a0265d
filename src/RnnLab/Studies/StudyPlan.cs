using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using RnnLab.Experiments;

namespace RnnLab.Studies;

/// <summary>
/// The steps of a study, stage by stage, each with the steps it reads and a fingerprint: a hash of its
/// options and of those steps' fingerprints. A step is done when its record holds the fingerprint the plan
/// gives it now, so a changed option (a search key, the hypothesis spec's contents, a metric's trials) reruns
/// that step and everything that reads it, and nothing else.
/// </summary>
public static class StudyPlan
{
    /// <summary>Every step of the study, in stage order; within a stage, points in index order and seeds within points.</summary>
    public static IReadOnlyList<StudyStep> Of(StudyDirectory study)
    {
        var options = study.Options;
        var index = study.Sweep.Index;
        var seeds = index.Seeds;
        var steps = new List<StudyStep>();
        var stages = options.StageList;

        // The first stage: a step per network. A changed config is refused before any step (the sweep's rule).
        var first = stages[0];
        var networks = new List<StudyStep>();
        for (var p = 0; p < index.Points.Count; p++)
        {
            var config = ExperimentConfig.ToJson(study.Sweep.Runs[p].Options);
            for (var k = 0; k < seeds; k++)
                networks.Add(new StudyStep($"{Name(first)}/{index.Points[p].Name}/seed-{k}", first, networks.Count, p, k, null, null, [],
                    Hash(Name(first), config, Text(k)), []));
        }
        steps.AddRange(networks);

        var analyses = new List<StudyStep>();
        if (stages.Contains(StudyStage.Analyze))
        {
            var search = options.Analyze.Overrides();
            foreach (var network in networks)
                foreach (var snapshot in options.Analyze.Snapshots)
                {
                    var folder = Path.Combine(index.Points[network.Point!.Value].Run, $"seed-{network.Seed}", "analysis");
                    analyses.Add(new StudyStep($"analyze/{index.Points[network.Point!.Value].Name}/seed-{network.Seed}/{snapshot}", StudyStage.Analyze, analyses.Count,
                        network.Point, network.Seed, snapshot, null, [network.Id], Hash(["analyze", snapshot, options.Analyze.Conditions, .. search, network.Fingerprint]),
                        [Path.Combine(folder, FileName("fixed_points", snapshot)), Path.Combine(folder, FileName("pca", snapshot))]));
                }
            steps.AddRange(analyses);
        }

        var compares = new List<StudyStep>();
        if (stages.Contains(StudyStage.Compare))
        {
            // Each network compared on its own, then each point's comparison aggregates its networks'.
            var trained = options.Compare.Snapshot;
            var perNetwork = new List<StudyStep>();
            foreach (var network in networks)
            {
                var point = index.Points[network.Point!.Value];
                var read = analyses.Where(a => a.Point == network.Point && a.Seed == network.Seed && (a.Snapshot == "init" || a.Snapshot == trained)).ToList();
                perNetwork.Add(new StudyStep($"compare-network/{point.Name}/seed-{network.Seed}", StudyStage.CompareNetwork, perNetwork.Count, network.Point, network.Seed, trained, null,
                    [.. read.Select(a => a.Id)], Hash(["compare-network", trained, .. read.Select(a => a.Fingerprint)]),
                    [Path.Combine(point.Run, $"seed-{network.Seed}", "analysis", FileName("network_comparison", trained))]));
            }
            steps.AddRange(perNetwork);
            var spec = options.Compare.Hypotheses.Length == 0 ? "built-in" : FileHash(options.Compare.Hypotheses);
            for (var p = 0; p < index.Points.Count; p++)
            {
                var read = perNetwork.Where(a => a.Point == p).ToList();
                var folder = Path.Combine(index.Points[p].Run, "analysis");
                compares.Add(new StudyStep($"compare/{index.Points[p].Name}", StudyStage.Compare, p, p, null, options.Compare.Snapshot, null,
                    [.. read.Select(a => a.Id)], Hash(["compare", options.Compare.Snapshot, spec, .. read.Select(a => a.Fingerprint)]),
                    [Path.Combine(folder, FileName("comparison", options.Compare.Snapshot)), Path.Combine(folder, FileName("hypotheses", options.Compare.Snapshot))]));
            }
            steps.AddRange(compares);
        }

        if (stages.Contains(StudyStage.Report))
        {
            foreach (var compare in compares)
            {
                var read = analyses.Where(a => a.Point == compare.Point).Append(compare).ToList();
                steps.Add(new StudyStep($"report/{index.Points[compare.Point!.Value].Name}", StudyStage.Report, compare.Index, compare.Point, null, compare.Snapshot, null,
                    [.. read.Select(a => a.Id)], Hash(["report", .. read.Select(a => a.Fingerprint)]),
                    [Path.Combine(index.Points[compare.Point!.Value].Run, FileName("report", compare.Snapshot!, "html"))]));
            }
        }

        if (stages.Contains(StudyStage.Similarity))
        {
            var s = options.Similarity;
            for (var m = 0; m < s.Metrics.Length; m++)
                steps.Add(new StudyStep($"similarity/{s.Metrics[m]}", StudyStage.Similarity, m, null, null, s.Snapshot, s.Metrics[m],
                    [.. networks.Select(n => n.Id)], Hash(["similarity", s.Metrics[m], s.Snapshot, Text(s.Trials), .. networks.Select(n => n.Fingerprint)]),
                    [Path.Combine(Results, SimilarityFolder(s.Metrics[m]), "similarity.json")]));
        }

        if (stages.Contains(StudyStage.Census))
        {
            var counted = analyses.Where(a => options.CensusSnapshots.Contains(a.Snapshot!)).ToList();
            steps.Add(new StudyStep("census", StudyStage.Census, 0, null, null, null, null,
                [.. counted.Select(a => a.Id)], Hash(["census", .. options.CensusSnapshots, .. counted.Select(a => a.Fingerprint)]),
                [Path.Combine(Results, CensusFolder, "census.json")]));
        }
        return steps;
    }

    /// <summary>The study's own results, relative to the study directory.</summary>
    public const string Results = "results";

    /// <summary>The census step's folder in results/.</summary>
    public const string CensusFolder = "census";

    /// <summary>A similarity step's folder in results/.</summary>
    public static string SimilarityFolder(string metric) => $"similarity-{metric}";

    // An analysis file's name: the analysis writer's rule (final unnamed, the other snapshots named), checked by a test against it.
    private static string FileName(string stem, string snapshot, string extension = "json") =>
        snapshot == "final" ? $"{stem}.{extension}" : $"{stem}.{snapshot}.{extension}";

    private static string Name(StudyStage stage) => StudyStageNames.Of(stage);

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Hash(params string[] parts) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", parts.Select(p => p.Length.ToString(CultureInfo.InvariantCulture) + ":" + p)))));

    private static string FileHash(string path) =>
        File.Exists(path) ? Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))) : "missing " + path;
}
