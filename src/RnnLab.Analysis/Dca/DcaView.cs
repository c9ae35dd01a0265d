using static TorchSharp.torch;

namespace RnnLab.Analysis.Dca;

/// <summary>
/// A 3-D view of trajectories along DCA's most predictive subspace (seed 002 Figs. 2-3 are such
/// projections), beside the PCA view: the trajectories' mean, an orthonormal basis (as columns) and its
/// predictive information (nats).
/// </summary>
public sealed record DcaView(double[] Mean, double[][] Columns, double Information)
{
    /// <summary>Fits DCA to trajectories [T, B, N] (Dimensions: at most 3, at most N).</summary>
    public static DcaView Fit(Tensor rates, DcaOptions options, Generator generator)
    {
        using var scope = NewDisposeScope();
        var d = options with { Dimensions = (int)Math.Min(Math.Min(3, options.Dimensions), rates.size(2)) };
        var dca = DynamicalComponents.Fit(PredictiveEstimate.Of(rates, d), d, generator);
        return new DcaView(rates.to(float64).mean([0, 1]).ToArray<double>(), dca.Columns, dca.Information);
    }

    /// <summary>Projects states [..., N] onto the subspace: [..., d], centred on the trajectories' mean.</summary>
    public Tensor Project(Tensor states)
    {
        var basis = tensor(Columns.SelectMany(c => c).ToArray(), [Columns.Length, Mean.Length]);
        return (states.to(float64) - tensor(Mean)).matmul(basis.t());
    }
}
