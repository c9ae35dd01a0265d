using TorchSharp;
using static TorchSharp.torch;

namespace RnnLab.Analysis.Pca;

/// <summary>
/// Principal components of states pooled over trials and time: components (rows, unit norm, by
/// decreasing variance), the mean, and the fraction of variance each explains. Computed by SVD of the
/// centred data in float64.
/// </summary>
public sealed record TrajectoryPca(double[] Mean, double[][] Components, double[] ExplainedVarianceRatio, double TotalVariance)
{
    /// <summary>Fits the top k components to states [..., N] (any leading shape).</summary>
    public static TrajectoryPca Fit(Tensor states, int k)
    {
        using var scope = NewDisposeScope();
        var n = states.size(-1);
        var x = states.to(float64).reshape(-1, n);
        if (x.size(0) < 2) throw new ArgumentException("PCA needs at least two states.", nameof(states));
        var mean = x.mean([0]);
        var centred = x - mean;
        var (_, s, vh) = linalg.svd(centred, fullMatrices: false);
        var variance = s.square() / (x.size(0) - 1);
        var total = variance.sum().ToDouble();
        var top = (int)Math.Min(k, vh.size(0));
        var components = vh.narrow(0, 0, top);
        var rows = Enumerable.Range(0, top).Select(i => components[i].contiguous().ToArray<double>()).ToArray();
        var ratio = (variance.narrow(0, 0, top) / Math.Max(total, double.Epsilon)).ToArray<double>();
        return new TrajectoryPca(mean.ToArray<double>(), rows, ratio, total);
    }

    /// <summary>Projects states [..., N] onto the components: [..., k].</summary>
    public Tensor Project(Tensor states)
    {
        var n = Mean.Length;
        var basis = tensor(Components.SelectMany(c => c).ToArray(), [Components.Length, n]);
        return (states.to(float64) - tensor(Mean)).matmul(basis.t());
    }
}
