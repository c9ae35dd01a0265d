using RnnLab.Analysis.Linalg;
using TorchSharp;
using static TorchSharp.torch;

namespace RnnLab.Analysis.WeightComparison;

/// <summary>
/// What a change of the size training made, but in no particular direction, does to the units' centrality
/// ranks (seed 002's H2: "the few differences make large changes in relevant measures"): W_init plus a random
/// Gaussian change on the existing weights, scaled to training's |dW|_F, and the rank change
/// 1 - Spearman(centrality before, after), averaged over draws. Training's own rank change counts as large
/// only beyond this.
/// </summary>
public static class CentralityNull
{
    /// <summary>Random changes drawn per network.</summary>
    public const int Draws = 20;

    /// <summary>The mean rank change of draws random changes of Frobenius norm changeNorm to w0 (masked where mask is 0).</summary>
    public static double MeanRankChange(Tensor w0, double changeNorm, Tensor? mask, int draws, Generator generator)
    {
        using var scope = NewDisposeScope();
        var w = w0.to(float64);
        var before = MatrixMeasures.EigenvectorCentrality(w);
        var total = 0.0;
        for (var i = 0; i < draws; i++)
        {
            var change = randn(w.shape, float64, generator: generator);
            if (mask is not null) change *= mask.to(float64);
            change *= changeNorm / Math.Max(linalg.matrix_norm(change).ToDouble(), double.Epsilon);
            total += 1 - MatrixMeasures.SpearmanCorrelation(before, MatrixMeasures.EigenvectorCentrality(w + change));
        }
        return total / draws;
    }
}
