namespace RnnLab.Analysis.Artifacts;

/// <summary>
/// analysis/hypotheses.json: a hypothesis spec's verdicts on a run (<see cref="Hypotheses.HypothesisTest"/>):
/// the spec (name, version, source, SHA-256, alpha, correction, rule), the networks included and those
/// excluded with the reason, and each hypothesis with its parts. "trained" names the trained snapshot
/// tested ("final", or "learned": hypotheses.learned.json); "run_id" the id of the run tested
/// (<see cref="RunOrigin"/>).
/// </summary>
public sealed record HypothesesFile(string Run, string? RunId, string Trained, HypothesisSpecRecord Spec, string[] Included, ExcludedNetworkRecord[] Excluded,
    HypothesisRecord[] Hypotheses, int SchemaVersion = HypothesesFile.CurrentSchema)
{
    /// <summary>
    /// The version of this file's layout that this RnnLab writes and reads. 2: verdicts from a spec file,
    /// with nulls, p-values and Holm's correction (1: verdicts from rules in code, without them).
    /// </summary>
    public const int CurrentSchema = 2;
}

/// <summary>The spec the verdicts came from: its name, version, where it was read, the SHA-256 of its bytes, alpha, the correction and the rule in words.</summary>
public sealed record HypothesisSpecRecord(string Name, int Version, string File, string Sha256, double Alpha, string Correction, int MinimumNetworks, string Inclusion, string Rule);

/// <summary>A network left out, and why.</summary>
public sealed record ExcludedNetworkRecord(string Network, string Reason);

/// <summary>One hypothesis: id, the statement, the verdict, why, and its parts.</summary>
public sealed record HypothesisRecord(string Id, string Statement, string Verdict, string Why, HypothesisPartRecord[] Parts);

/// <summary>
/// One measure of a hypothesis (<see cref="Hypotheses.HypothesisPart"/>): its id, words and unit, whether it
/// decides, each network's value, mean and 95% t interval, networks without a value; for a deciding part the
/// direction, threshold or null, the mean difference from the reference with its interval, p, adjusted p,
/// verdict and why.
/// </summary>
public sealed record HypothesisPartRecord(string Measure, string Statistic, string Unit, bool Decides, NetworkScalarRecord[] PerNetwork, double Mean, double[] Ci95,
    ExcludedNetworkRecord[] Excluded, string? Direction, double? Threshold, PartNullRecord? Null, DifferenceRecord? Difference, double? PValue, double? PAdjusted,
    string? Verdict, string? Why);

/// <summary>A part's null: kind (retest, random), description, each network's null value, mean, and the band it spans.</summary>
public sealed record PartNullRecord(string Kind, string Description, NetworkScalarRecord[] PerNetwork, double Mean, double[] Band);

/// <summary>The mean of value minus reference over networks, with its 95% t interval.</summary>
public sealed record DifferenceRecord(double Mean, double[] Ci95);

/// <summary>One network's value.</summary>
public sealed record NetworkScalarRecord(string Network, double Value);
