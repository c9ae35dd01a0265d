using RnnLab.Analysis.Linalg;
using static TorchSharp.torch;

namespace RnnLab.Analysis.Dca;

/// <summary>
/// Whether DCA's most predictive subspace is "mostly unique" (seed 002, hypothesis 4, read as the seed
/// does: a "mostly convex" problem, where most starts reach the same maximum). Of the Starts, Converged
/// converged (<see cref="DcaStart"/>); Reached of those ended within <see cref="Tolerance"/> nats of the best
/// converged start's PI (the best included), and FractionReached = Reached / Converged (null when none
/// converged). MeanAngles are the mean principal angles (degrees) between each other reaching start's
/// subspace and the best one's: the same maximum should be the same subspace. InformationSpread is the
/// best minus the worst converged PI (nats); Rectification the covariance estimate's
/// (<see cref="DynamicalComponents.Rectification"/>).
/// </summary>
public sealed record StartAgreement(int Starts, int Converged, int Reached, double? FractionReached, double[] MeanAngles, double InformationSpread, double Rectification = 0)
{
    /// <summary>
    /// A converged start has reached the best maximum when its PI is within this many nats of the best:
    /// a fixed amount of information, far above the optimizer's tolerance and far below the gaps between
    /// distinct maxima seen on seed 002's networks (1.5 nats).
    /// </summary>
    public const double Tolerance = 0.05;

    /// <summary>The agreement of a DCA fit's converged starts with its best one.</summary>
    public static StartAgreement Of(DynamicalComponents dca)
    {
        using var scope = NewDisposeScope();
        var converged = dca.Starts.Where(s => s.Converged && double.IsFinite(s.Information)).ToList();
        if (converged.Count == 0) return new StartAgreement(dca.Starts.Count, 0, 0, null, [], double.NaN, dca.Rectification);
        var best = converged.MaxBy(s => s.Information)!;
        Tensor Basis(double[][] columns) => tensor(columns.SelectMany(c => c).ToArray(), [columns.Length, columns[0].Length]).t();
        var reached = converged.Where(s => s.Information >= best.Information - Tolerance).ToList();
        var angles = reached.Where(s => !ReferenceEquals(s, best))
            .Select(s => MatrixMeasures.PrincipalAngles(Basis(best.Columns), Basis(s.Columns)).Average() * 180 / Math.PI).ToArray();
        return new StartAgreement(dca.Starts.Count, converged.Count, reached.Count, reached.Count / (double)converged.Count, angles,
            best.Information - converged.Min(s => s.Information), dca.Rectification);
    }
}
