using RnnLab.Analysis.WeightComparison;
using static TorchSharp.torch;

namespace RnnLab.Analysis.Dca;

/// <summary>
/// Whether DCA's most predictive subspace is "mostly unique" (seed 002, hypothesis 4): the starts whose PI
/// came within 1% of the best one (NearBest, the best excluded), the largest principal angle (degrees)
/// between each of their subspaces and the best one's, the fraction of them under 10°, and the spread
/// of PI over all starts (best minus worst, nats), how many starts converged (<see cref="DcaStart"/>), and
/// the rectification the covariance estimate needed (<see cref="DynamicalComponents.Rectification"/>).
/// With no near-best start, FractionAligned is null: uniqueness cannot be told from one subspace.
/// </summary>
public sealed record StartAgreement(int Starts, int NearBest, double[] LargestAngles, double? FractionAligned, double InformationSpread, int Converged, double Rectification = 0)
{
    /// <summary>A start is near-best when its PI is within this fraction of the best.</summary>
    public const double NearBestTolerance = 0.01;

    /// <summary>Subspaces closer than this (largest principal angle, degrees) count as the same.</summary>
    public const double AlignedDegrees = 10;

    /// <summary>The agreement of a DCA fit's starts with its best one.</summary>
    public static StartAgreement Of(DynamicalComponents dca)
    {
        using var scope = NewDisposeScope();
        var pis = dca.Starts.Select(s => s.Information).ToArray();
        var bestIndex = Array.IndexOf(pis, dca.Information);
        var finite = pis.Where(double.IsFinite).ToArray();
        Tensor Basis(double[][] columns) => tensor(columns.SelectMany(c => c).ToArray(), [columns.Length, columns[0].Length]).t();
        var best = Basis(dca.Starts[bestIndex].Columns);
        var angles = new List<double>();
        for (var s = 0; s < pis.Length; s++)
        {
            if (s == bestIndex || !double.IsFinite(pis[s]) || pis[s] < dca.Information - NearBestTolerance * Math.Abs(dca.Information)) continue;
            angles.Add(MatrixMeasures.PrincipalAngles(best, Basis(dca.Starts[s].Columns)).Max() * 180 / Math.PI);
        }
        return new StartAgreement(pis.Length, angles.Count, [.. angles], angles.Count == 0 ? null : angles.Count(a => a < AlignedDegrees) / (double)angles.Count,
            finite.Length == 0 ? double.NaN : finite.Max() - finite.Min(), dca.ConvergedStarts, dca.Rectification);
    }
}
