namespace RnnLab.Analysis.Reports;

/// <summary>
/// What the report page says where a part is not computed yet. The library's own words name only what is
/// missing; a program passes its own, naming the command that makes each part.
/// </summary>
/// <param name="ComparisonMissing">In place of the weight statistics, subspaces and predictive information.</param>
/// <param name="LatentMissing">In place of the fixed points and trajectories.</param>
public sealed record ReportHints(string ComparisonMissing, string LatentMissing)
{
    /// <summary>The library's words.</summary>
    public static ReportHints Default { get; } = new(
        "Not computed yet: the run's comparison (weight statistics, subspaces and predictive information) has not been written.",
        "Not computed yet: the first network's analysis of both snapshots (fixed points and trajectories) has not been written.");
}
