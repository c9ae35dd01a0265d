namespace RnnLab.Analysis.Hypotheses;

/// <summary>
/// One hypothesis of seed 002 tested on a run's networks: what was measured, each network's value, the
/// mean with its 95% Student's t interval, a baseline where there is one, and the verdict ("supported",
/// "not supported" or "inconclusive") with one sentence saying why. Verdicts come from
/// <see cref="VerdictRules"/>, never from a table. A hypothesis read from several measures (H2) lists each
/// in Parts; PerNetwork, Mean and Ci95 are then its first part's.
/// </summary>
public sealed record HypothesisVerdict(string Id, string Statement, string Statistic, IReadOnlyList<(string Network, double Value)> PerNetwork,
    double? Mean, double[]? Ci95, double? Baseline, string Verdict, string Why)
{
    /// <summary>The measures the verdict was read from, and others reported beside them.</summary>
    public IReadOnlyList<HypothesisPart> Parts { get; init; } = [];
}

/// <summary>
/// One measure of a hypothesis: each network's value, mean and 95% Student's t interval, and, when the
/// measure decides (Threshold set), its own verdict against the threshold in the hypothesis's direction.
/// </summary>
public sealed record HypothesisPart(string Statistic, IReadOnlyList<(string Network, double Value)> PerNetwork, double Mean, double[] Ci95,
    double? Threshold, string? Verdict, string? Why);
