namespace RnnLab.Analysis.Artifacts;

/// <summary>analysis/hypotheses.json: seed 002's hypotheses H1-H4, each with its statistic, values, interval and computed verdict.</summary>
public sealed record HypothesesFile(string Run, HypothesisRecord[] Hypotheses, int SchemaVersion = HypothesesFile.CurrentSchema)
{
    /// <summary>The version of this file's layout that this RnnLab writes and reads.</summary>
    public const int CurrentSchema = 1;
}

/// <summary>One hypothesis: id (H1-H4), the seed's statement, what was measured, each network's value, mean, 95% bootstrap interval, baseline, verdict and why.</summary>
public sealed record HypothesisRecord(string Id, string Statement, string Statistic, NetworkScalarRecord[] PerNetwork, double? Mean, double[]? Ci95,
    double? Baseline, string Verdict, string Why);

/// <summary>One network's value.</summary>
public sealed record NetworkScalarRecord(string Network, double Value);
