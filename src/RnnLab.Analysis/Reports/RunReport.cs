using RnnLab.Analysis.Artifacts;
using System.Text.Json;
using System.Text.Json.Nodes;
using RnnLab.Experiments;

namespace RnnLab.Analysis.Reports;

/// <summary>
/// report.html of a run: one self-contained page (Plotly.js inlined, so it opens offline from anywhere)
/// showing the training curves and everything `analyze` and `compare` wrote: task performance, 3D
/// latent trajectories with fixed points, spectra, weight statistics, subspace angles and predictive
/// information. The report only reads what those wrote; a part that is missing says which command makes it.
/// With the learned snapshot (the weights where the stop rule found the task learned) it reads the
/// .learned.json files in place of the final ones and is written as report.learned.html. A file computed
/// from another run in the folder is refused (<see cref="RunOrigin"/>).
/// </summary>
public static class RunReport
{
    /// <summary>The report's path in a run folder.</summary>
    public static string PathIn(string run, Snapshot trained = Snapshot.Final) => Path.Combine(run, AnalysisWriter.FileName("report", trained, "html"));

    /// <summary>Everything the page shows about init and the trained snapshot (final or learned), as the JSON object its script reads.</summary>
    public static JsonObject Data(RunDirectory run, Snapshot trained = Snapshot.Final, ReportHints? hints = null)
    {
        hints ??= ReportHints.Default;
        if (trained == Snapshot.Init) throw new ArgumentException("the report compares init with a trained snapshot: final or learned", nameof(trained));
        var networks = run.Networks;
        var comparisonPath = Path.Combine(AnalysisWriter.Folder(run.Path), AnalysisWriter.FileName("comparison", trained));
        var hypothesesPath = Path.Combine(AnalysisWriter.Folder(run.Path), AnalysisWriter.FileName("hypotheses", trained));
        var first = networks[0];
        var latent = new JsonArray();
        foreach (var snapshot in new[] { Snapshot.Init, trained })
        {
            var path = Path.Combine(AnalysisWriter.Folder(first.Path), AnalysisWriter.FileName("pca", snapshot));
            if (!File.Exists(path)) continue;
            // The page reads the pca.json record's own names (AnalysisJson), so the two cannot drift apart.
            var pca = JsonSerializer.SerializeToNode(AnalysisWriter.ReadPca(path, run, snapshot), AnalysisJson.Default.PcaFile)!;
            latent.Add(new JsonObject
            {
                ["snapshot"] = snapshot.ToString().ToLowerInvariant(),
                ["explained"] = pca["explained_variance_ratio"]!.DeepClone(),
                ["trajectories"] = pca["trajectories"]!.DeepClone(),
                ["points"] = pca["points"]!.DeepClone(),
                ["dca"] = pca["dca"]?.DeepClone(),
            });
        }
        return new JsonObject
        {
            ["run"] = run.Path,
            ["task"] = run.Options.TaskKind,
            ["units"] = run.Options.Model.Units,
            ["activation"] = run.Options.Model.Activation.ToString().ToLowerInvariant(),
            ["networks"] = new JsonArray(networks.Select(n => (JsonNode)JsonValue.Create(n.Path)).ToArray()),
            ["metrics"] = new JsonArray(networks.Select(n =>
            {
                var m = n.ReadMetrics();
                return (JsonNode)new JsonObject
                {
                    ["network"] = n.Path,
                    ["step"] = Numbers(m.Select(r => (double?)r.Step)),
                    ["loss"] = Numbers(m.Select(r => r.Loss)),
                    ["eval_loss"] = Numbers(m.Select(r => (double?)r.EvalLoss)),
                    ["accuracy"] = Numbers(m.Select(r => (double?)r.Accuracy)),
                };
            }).ToArray()),
            ["comparison"] = File.Exists(comparisonPath)
                ? JsonSerializer.SerializeToNode(RunOrigin.Checked(WeightComparison.RunComparison.Read(comparisonPath), f => f.RunId, comparisonPath, run, AnalysisStep.Compare, trained), AnalysisJson.Default.ComparisonFile)
                : null,
            ["hypotheses"] = File.Exists(hypothesesPath)
                ? JsonSerializer.SerializeToNode(RunOrigin.Checked(WeightComparison.RunComparison.ReadHypotheses(hypothesesPath), f => f.RunId, hypothesesPath, run, AnalysisStep.Compare, trained), AnalysisJson.Default.HypothesesFile)
                : null,
            ["trained"] = trained.ToString().ToLowerInvariant(),
            ["comparison_missing"] = hints.ComparisonMissing,
            ["latent_network"] = first.Path,
            ["latent"] = latent,
            ["latent_missing"] = hints.LatentMissing,
        };
    }

    /// <summary>Writes report.html into the run folder with the given Plotly.js bundle inlined; returns its path.</summary>
    public static string Write(RunDirectory run, string plotlyScript, Snapshot trained = Snapshot.Final, ReportHints? hints = null)
    {
        var title = $"{run.Options.Name} ({run.Options.TaskKind}, {run.Networks.Count} network(s){(trained == Snapshot.Learned ? ", weights where the task was learned" : "")})";
        return ReportPage.Write(PathIn(run.Path, trained), title, Data(run, trained, hints), "report.js", plotlyScript);
    }

    // JSON has no NaN or infinity (an untrained network's evaluation can overflow); those and a missing value
    // (the training loss at step 0) become null, which Plotly draws as a gap.
    private static JsonArray Numbers(IEnumerable<double?> values) =>
        new(values.Select(v => v is { } x && double.IsFinite(x) ? (JsonNode)JsonValue.Create(x) : null).ToArray());
}
