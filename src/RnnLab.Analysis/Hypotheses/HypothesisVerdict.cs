namespace RnnLab.Analysis.Hypotheses;

/// <summary>
/// One hypothesis of seed 002 tested on a run's networks: what was measured, each network's value, the
/// mean with its 95% bootstrap interval, a baseline where there is one, and the verdict ("supported",
/// "not supported" or "inconclusive") with one sentence saying why. Verdicts come from
/// <see cref="VerdictRules"/>, never from a table.
/// </summary>
public sealed record HypothesisVerdict(string Id, string Statement, string Statistic, IReadOnlyList<(string Network, double Value)> PerNetwork,
    double? Mean, double[]? Ci95, double? Baseline, string Verdict, string Why);
