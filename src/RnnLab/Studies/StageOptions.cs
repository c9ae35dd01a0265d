using RnnLab.Configuration;

namespace RnnLab.Studies;

/// <summary>The Analyze section of a study file: which snapshots of every network, and the fixed-point search's keys.</summary>
public sealed class AnalyzeStageOptions : IValidatedOptions
{
    /// <summary>The weights analysed: init, final, learned (default: init and final, what compare needs).</summary>
    public string[] Snapshots { get; init; } = ["init", "final"];

    /// <summary>FixedPoints keys of the search (InitialStates, MaxIterations, ...), over each point's config; docs/fixed-points.md lists them.</summary>
    public IReadOnlyDictionary<string, string> FixedPoints { get; init; } = new Dictionary<string, string>();

    /// <summary>Constant inputs searched, as analyze's --conditions writes them (',' between inputs, ';' between conditions); empty: each task's own.</summary>
    public string Conditions { get; init; } = "";

    /// <summary>The keys as --FixedPoints:Key=value overrides, in a fixed order (they enter the steps' fingerprints).</summary>
    public IReadOnlyList<string> Overrides() =>
        [.. FixedPoints.OrderBy(kv => kv.Key, StringComparer.OrdinalIgnoreCase).Select(kv => $"--FixedPoints:{kv.Key}={kv.Value}")];

    /// <inheritdoc />
    public IEnumerable<(string Key, string Message)> Validate() => SnapshotRules.Check("Snapshots", Snapshots, StudyStageNames.Snapshots);
}

/// <summary>The Compare section: the trained snapshot set against init, and the hypothesis spec.</summary>
public sealed class CompareStageOptions : IValidatedOptions
{
    /// <summary>The trained weights compared with init: final or learned.</summary>
    public string Snapshot { get; init; } = "final";

    /// <summary>The hypothesis spec, relative to the study file or absolute; empty: the built-in one.</summary>
    public string Hypotheses { get; init; } = "";

    /// <inheritdoc />
    public IEnumerable<(string Key, string Message)> Validate() => SnapshotRules.Check("Snapshot", [Snapshot], ["final", "learned"]);
}

/// <summary>The Similarity section: the metrics (one step each), the weights, and the trials every network runs.</summary>
public sealed class SimilarityStageOptions : IValidatedOptions
{
    /// <summary>dsa, procrustes, cca or cka; each writes results/similarity-METRIC.</summary>
    public string[] Metrics { get; init; } = ["dsa"];

    /// <summary>The weights of each network.</summary>
    public string Snapshot { get; init; } = "final";

    /// <summary>Trials of each task every network runs.</summary>
    [Allowed(Min = 2, Max = 100_000)] public int Trials { get; init; } = 64;

    /// <inheritdoc />
    public IEnumerable<(string Key, string Message)> Validate() =>
        SnapshotRules.Check("Metrics", Metrics, StudyStageNames.Metrics).Concat(SnapshotRules.Check("Snapshot", [Snapshot], StudyStageNames.Snapshots));
}

/// <summary>The Census section: the snapshots whose fixed points are counted (each must be analysed).</summary>
public sealed class CensusStageOptions : IValidatedOptions
{
    /// <summary>The snapshots counted; empty: every snapshot the Analyze section names.</summary>
    public string[] Snapshots { get; init; } = [];

    /// <inheritdoc />
    public IEnumerable<(string Key, string Message)> Validate() => SnapshotRules.Check("Snapshots", Snapshots, StudyStageNames.Snapshots, emptyAllowed: true);
}

internal static class SnapshotRules
{
    public static IEnumerable<(string Key, string Message)> Check(string key, IReadOnlyList<string> values, IReadOnlyList<string> allowed, bool emptyAllowed = false)
    {
        var list = $"allowed: {string.Join(", ", allowed)}";
        if (values.Count == 0 && !emptyAllowed) yield return (key, $"is empty; {list}.");
        foreach (var v in values.Where(v => !allowed.Contains(v)))
            yield return (key, $"has '{v}'; {list}.");
        if (values.Distinct().Count() != values.Count) yield return (key, "lists a value twice.");
    }
}
