using System.Globalization;

namespace RnnLab.Analysis.WeightComparison;

/// <summary>"weight_change": the statistics of the effective recurrent weights before and after, and of their change (<see cref="WeightChange"/>).</summary>
public sealed class WeightChangeMeasure : ComparisonMeasure<WeightChange>
{
    /// <summary>The measure's id.</summary>
    public const string Key = "weight_change";

    /// <inheritdoc />
    public override string Id => Key;

    /// <inheritdoc />
    protected override WeightChange Of(ComparisonContext c) => c.Change;

    /// <inheritdoc />
    protected override IEnumerable<ComparedStatistic> Statistics(WeightChange change, ComparisonContext c) =>
    [
        new("mean weight", change.Before.Mean, change.After.Mean),
        new("weight std", change.Before.Std, change.After.Std),
        new("spectral radius", change.SpectralRadiusBefore, change.SpectralRadiusAfter),
        new("largest real part", change.LargestRealPartBefore, change.LargestRealPartAfter),
        new("Henrici departure |N|_F", change.NonNormalityBefore.Henrici, change.NonNormalityAfter.Henrici),
        new("Henrici departure |N|_F / |W|_F", change.NonNormalityBefore.HenriciRelative, change.NonNormalityAfter.HenriciRelative),
        new("Schur non-normal part |N|_2", change.NonNormalityBefore.SchurOperator, change.NonNormalityAfter.SchurOperator),
        new("Schur |N|_2 / |W|_2", change.NonNormalityBefore.SchurOperatorRelative, change.NonNormalityAfter.SchurOperatorRelative),
        .. change.Changed.Select(f => new ComparedStatistic(
            string.Create(CultureInfo.InvariantCulture, $"fraction of weights changed by > {f.OfInitialStd:0.##} std(W_init)"), null, f.Fraction)),
        new("median |dW| / std(W_init)", null, change.Sizes.Median),
        new("99th percentile |dW| / std(W_init)", null, change.Sizes.Quantile99),
        new("|dW|_F / |W_init|_F", null, change.RelativeChange),
        new("effective rank of dW", null, change.ChangeEffectiveRank),
        new("top-5 share of dW", null, change.ChangeTopShare),
        new("eigenvalues moved", null, change.EigenvaluesMoved),
        new("centrality rank correlation", null, change.CentralityRankCorrelation),
        new("least-to-most central swaps", null, change.CentralSwaps),
    ];
}
