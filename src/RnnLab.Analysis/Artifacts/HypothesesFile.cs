namespace RnnLab.Analysis.Artifacts;

/// <summary>
/// analysis/hypotheses.json: seed 002's hypotheses H1-H4, each with its statistic, values, interval and
/// computed verdict; "trained" names the trained snapshot tested ("final", or "learned": hypotheses.learned.json);
/// "run_id" the id of the run tested (<see cref="RunOrigin"/>; null in files from before it was recorded).
/// </summary>
public sealed record HypothesesFile(string Run, HypothesisRecord[] Hypotheses, string Trained = "final", int SchemaVersion = HypothesesFile.CurrentSchema,
    string? RunId = null)
{
    /// <summary>The version of this file's layout that this RnnLab writes and reads.</summary>
    public const int CurrentSchema = 1;
}

/// <summary>
/// One hypothesis: id (H1-H4), the seed's statement, what was measured, each network's value, mean, 95%
/// Student's t interval, baseline, verdict and why; "parts" lists the measures of a hypothesis read from
/// several (H2), the first of which is per_network, mean and ci95.
/// </summary>
public sealed record HypothesisRecord(string Id, string Statement, string Statistic, NetworkScalarRecord[] PerNetwork, double? Mean, double[]? Ci95,
    double? Baseline, string Verdict, string Why, HypothesisPartRecord[]? Parts = null);

/// <summary>One measure of a hypothesis: values, mean, interval, and the threshold and verdict of a measure that decides (null for one only reported).</summary>
public sealed record HypothesisPartRecord(string Statistic, NetworkScalarRecord[] PerNetwork, double Mean, double[] Ci95, double? Threshold, string? Verdict, string? Why);

/// <summary>One network's value.</summary>
public sealed record NetworkScalarRecord(string Network, double Value);
