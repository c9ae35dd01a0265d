namespace RnnLab.Analysis.Hypotheses;

/// <summary>One hypothesis tested: its id and statement, the verdict ("supported", "not supported", "inconclusive"), why, and its parts.</summary>
public sealed record HypothesisVerdict(string Id, string Statement, string Verdict, string Why, IReadOnlyList<HypothesisPart> Parts);

/// <summary>
/// One measure of a hypothesis over the included networks: each network's value, their mean and 95%
/// Student's t interval; a network without a value is in Excluded with the reason. A deciding part adds
/// its direction, its reference (Threshold, or the networks' Null), the mean difference from it with its
/// interval, the t test's two-sided p, the p after the spec's correction, and its verdict and why.
/// </summary>
public sealed record HypothesisPart(string Measure, string Statistic, string Unit, bool Decides, IReadOnlyList<(string Network, double Value)> PerNetwork,
    double Mean, double[] Ci95, IReadOnlyList<(string Network, string Reason)> Excluded)
{
    /// <summary>above or below (deciding parts).</summary>
    public string? Direction { get; init; }
    /// <summary>The fixed reference, when the part decides against one.</summary>
    public double? Threshold { get; init; }
    /// <summary>The null the part decides against, when it has one.</summary>
    public PartNull? Null { get; init; }
    /// <summary>Mean and 95% interval of value minus reference (deciding parts with at least two networks).</summary>
    public (double Mean, double[] Ci95)? Difference { get; init; }
    /// <summary>Two-sided p of the t test of the differences against 0.</summary>
    public double? PValue { get; init; }
    /// <summary>P after the spec's correction across the deciding parts.</summary>
    public double? PAdjusted { get; init; }
    /// <summary>The part's verdict (deciding parts).</summary>
    public string? Verdict { get; init; }
    /// <summary>Why, in one sentence (deciding parts).</summary>
    public string? Why { get; init; }
}

/// <summary>A part's null: its kind (retest or random), what it is, each network's null value, their mean, and the band the null spans.</summary>
public sealed record PartNull(string Kind, string Description, IReadOnlyList<(string Network, double Value)> PerNetwork, double Mean, double[] Band);

/// <summary>The verdicts of a spec on a run's networks: which networks entered, which were excluded and why, and each hypothesis.</summary>
public sealed record HypothesesResult(HypothesisSpec Spec, IReadOnlyList<string> Included, IReadOnlyList<(string Network, string Reason)> Excluded,
    IReadOnlyList<HypothesisVerdict> Hypotheses);
