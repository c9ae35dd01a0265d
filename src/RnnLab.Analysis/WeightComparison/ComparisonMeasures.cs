namespace RnnLab.Analysis.WeightComparison;

/// <summary>
/// Every measure `compare` computes of a network, in the order of the statistics table (rows come from
/// each measure in turn). Ids are unique; a measure's result is found by its id
/// (<see cref="NetworkComparison.Result{T}"/>).
/// </summary>
public static class ComparisonMeasures
{
    /// <summary>The measures, in table order.</summary>
    public static IReadOnlyList<IComparisonMeasure> All { get; } =
    [
        new TaskScoreMeasure(),
        new WeightChangeMeasure(),
        new FixedPointsMeasure(),
        new NonlinearityMeasure(),
        new CentralityNullMeasure(),
        new SubspaceMeasure(SubspaceMethod.Pca),
        new SubspaceMeasure(SubspaceMethod.Dca),
        new DcaAgreementMeasure(),
        new InformationSweepMeasure(),
        new CheckpointGrowthMeasure(),
        new TaskPerformanceMeasure(),
    ];
}
