namespace RnnLab.Analysis.WeightComparison;

/// <summary>"fixed_points": the fixed points of each stability class before and after, from what `analyze` wrote (<see cref="NetworkComparison.FixedPointCounts"/>).</summary>
public sealed class FixedPointsMeasure : ComparisonMeasure<IReadOnlyList<ComparedStatistic>>
{
    /// <summary>The measure's id.</summary>
    public const string Key = "fixed_points";

    /// <inheritdoc />
    public override string Id => Key;

    /// <inheritdoc />
    protected override IReadOnlyList<ComparedStatistic> Of(ComparisonContext c) => c.FixedPointCounts;

    /// <inheritdoc />
    protected override IEnumerable<ComparedStatistic> Statistics(IReadOnlyList<ComparedStatistic> counts, ComparisonContext c) => counts;
}
