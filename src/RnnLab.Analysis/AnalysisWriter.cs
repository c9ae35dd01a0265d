using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;
using RnnLab.Analysis.FixedPoints;
using RnnLab.IO;

namespace RnnLab.Analysis;

/// <summary>
/// Writes an analysis as JSON into the network's analysis/ folder: fixed_points.json and pca.json for
/// the final weights, fixed_points.init.json and pca.init.json for the untrained ones. Eigenvalues are
/// [re, im] pairs; "eigenvalues" are continuous-time (stable: re &lt; 0), "map_eigenvalues" are the
/// Euler map's mu = 1 + dt lambda (stable: |mu| &lt; 1).
/// </summary>
public static class AnalysisWriter
{
    /// <summary>The analysis folder of a network directory.</summary>
    public static string Folder(string network) => Path.Combine(network, "analysis");

    /// <summary>The file name for a snapshot: "fixed_points.json" or "fixed_points.init.json".</summary>
    public static string FileName(string stem, Snapshot snapshot) => snapshot == Snapshot.Final ? $"{stem}.json" : $"{stem}.init.json";

    /// <summary>Writes both files; returns their paths.</summary>
    public static (string fixedPoints, string pca) Write(NetworkAnalysis analysis)
    {
        var folder = Folder(analysis.Network);
        Directory.CreateDirectory(folder);
        var fixedPoints = Path.Combine(folder, FileName("fixed_points", analysis.Snapshot));
        var pca = Path.Combine(folder, FileName("pca", analysis.Snapshot));
        WriteAtomically(fixedPoints, FixedPointsJson(analysis));
        WriteAtomically(pca, PcaJson(analysis));
        return (fixedPoints, pca);
    }

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = false };

    /// <summary>A JSON array of numbers (shared by every analysis file RnnLab writes).</summary>
    internal static JsonArray Numbers(IEnumerable<double> values) => new(values.Select(v => (JsonNode)JsonValue.Create(v)).ToArray());

    private static JsonArray Pairs(IEnumerable<Complex> values) => new(values.Select(c => (JsonNode)Numbers([c.Real, c.Imaginary])).ToArray());

    private static string Name(Enum e) => e.ToString().ToLowerInvariant();

    private static JsonObject FixedPointsJson(NetworkAnalysis a) => new()
    {
        ["network"] = a.Network,
        ["task"] = a.Task,
        ["snapshot"] = Name(a.Snapshot),
        ["tau"] = a.Tau,
        ["dt"] = a.Dt,
        ["eigenvalue_convention"] = "eigenvalues: continuous-time lambda of dF/dr, stable when re < 0; map_eigenvalues: Euler map mu = 1 + dt lambda, stable when |mu| < 1",
        ["conditions"] = new JsonArray(a.Conditions.Select(c => (JsonNode)Numbers(c)).ToArray()),
        ["searches"] = new JsonArray(a.Searches.Select(s => (JsonNode)new JsonObject
        {
            ["condition"] = Numbers(s.Condition),
            ["candidates"] = s.Candidates,
            ["iterations"] = s.Iterations,
            ["final_learning_rate"] = s.FinalLearningRate,
            ["seconds"] = s.Duration.TotalSeconds,
            ["minimization_seconds"] = s.Minimization.TotalSeconds,
        }).ToArray()),
        ["points"] = new JsonArray(a.Points.Select(p => (JsonNode)new JsonObject
        {
            ["x"] = Numbers(p.Point.State),
            ["u"] = Numbers(p.Point.Condition),
            ["condition"] = p.ConditionIndex,
            ["kind"] = Name(p.Point.Kind),
            ["q"] = p.Point.Q,
            ["speed"] = p.Point.Speed,
            ["iterations"] = p.Point.Iterations,
            ["eigenvalues"] = Pairs(p.Point.Eigenvalues),
            ["map_eigenvalues"] = Pairs(p.Point.MapEigenvalues),
            ["stability"] = Name(p.Point.Stability),
            ["unstable_dims"] = p.Point.UnstableDimensions,
            ["hessian_min_eigenvalue"] = p.Point.HessianMinEigenvalue,
            ["is_local_minimum_of_q"] = p.Point.IsLocalMinimumOfQ,
            ["output"] = Numbers(p.Output),
            ["pca"] = Numbers(p.Projection),
            ["euler_step"] = new JsonObject
            {
                ["dt"] = p.StepSize.Dt,
                ["largest_map_modulus"] = p.StepSize.LargestMapModulus,
                ["largest_stable_dt"] = double.IsFinite(p.StepSize.LargestStableDt) ? p.StepSize.LargestStableDt : null,
                ["modes_made_unstable_by_the_step"] = p.StepSize.ModesMadeUnstableByTheStep,
            },
            ["linearization"] = p.Linearization is { } v ? new JsonObject
            {
                ["radii"] = Numbers(v.Radii),
                ["relative_errors"] = Numbers(v.RelativeErrors),
                ["tolerance"] = v.Tolerance,
                ["valid_radius"] = v.ValidRadius,
            } : null,
        }).ToArray()),
    };

    private static JsonObject PcaJson(NetworkAnalysis a) => new()
    {
        ["network"] = a.Network,
        ["task"] = a.Task,
        ["snapshot"] = Name(a.Snapshot),
        ["mean"] = Numbers(a.Pca.Mean),
        ["components"] = new JsonArray(a.Pca.Components.Select(c => (JsonNode)Numbers(c)).ToArray()),
        ["explained_variance_ratio"] = Numbers(a.Pca.ExplainedVarianceRatio),
        ["total_variance"] = a.Pca.TotalVariance,
        ["trajectories"] = new JsonArray(a.ProjectedTrajectories.Select(t => (JsonNode)new JsonArray(t.Select(s => (JsonNode)Numbers(s)).ToArray())).ToArray()),
        ["trial_inputs"] = new JsonArray(a.TrialInputs.Select(t => (JsonNode)new JsonArray(t.Select(s => (JsonNode)Numbers(s)).ToArray())).ToArray()),
        ["points"] = new JsonArray(a.Points.Select(p => (JsonNode)new JsonObject
        {
            ["pca"] = Numbers(p.Projection),
            ["stability"] = Name(p.Point.Stability),
            ["kind"] = Name(p.Point.Kind),
            ["condition"] = p.ConditionIndex,
        }).ToArray()),
    };

    private static void WriteAtomically(string path, JsonObject json) => WriteAtomically(path, json.ToJsonString(Indented));

    /// <summary>Writes text so that a reader never sees half a file (<see cref="AtomicFile"/>).</summary>
    internal static void WriteAtomically(string path, string text) => AtomicFile.WriteText(path, text);
}
