using TorchSharp;
using static TorchSharp.torch;

namespace RnnLab.Analysis.WeightComparison;

/// <summary>The centrality rank change, 1 - Spearman, that random changes of training's size make, averaged over <see cref="CentralityNull.Draws"/> draws.</summary>
public sealed record CentralityNullResult(double MeanRankChange);

/// <summary>"centrality_null": the random-change null of the centrality rank change (<see cref="CentralityNull"/>).</summary>
public sealed class CentralityNullMeasure : ComparisonMeasure<CentralityNullResult>
{
    /// <summary>The measure's id.</summary>
    public const string Key = "centrality_null";

    /// <inheritdoc />
    public override string Id => Key;

    /// <inheritdoc />
    protected override CentralityNullResult Of(ComparisonContext c)
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(c.DcaSeed ^ 0xCE47_AA11);
        var norm = linalg.matrix_norm(c.TrainedWeights - c.InitWeights).ToDouble();
        return new CentralityNullResult(CentralityNull.MeanRankChange(c.InitWeights, norm, c.Mask, CentralityNull.Draws, generator));
    }

    /// <inheritdoc />
    protected override IEnumerable<ComparedStatistic> Statistics(CentralityNullResult r, ComparisonContext c) =>
        [new("centrality rank change of random changes of that size (1 - Spearman)", null, r.MeanRankChange)];
}
