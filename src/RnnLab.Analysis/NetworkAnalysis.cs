using RnnLab.Analysis.FixedPoints;
using RnnLab.Analysis.Dynamics;
using RnnLab.Analysis.Linearization;
using RnnLab.Analysis.Pca;

namespace RnnLab.Analysis;

/// <summary>
/// A fixed or slow point together with its place in the analysis: readout value, PCA coordinates, the
/// Euler step-size bound of its eigenvalues, and (for fixed points) where its linearization holds.
/// </summary>
public sealed record AnalyzedPoint(FixedPoint Point, int ConditionIndex, double[] Output, double[] Projection,
    StepSizeStability StepSize, LinearizationValidity? Linearization, double[]? DcaProjection = null);

/// <summary>Everything the analysis of one network found; RunId is the id of its run (<see cref="Experiments.RunDirectory.Id"/>), when known.</summary>
public sealed record NetworkAnalysis(
    string Network,
    string Task,
    Snapshot Snapshot,
    double Tau,
    double Dt,
    IReadOnlyList<double[]> Conditions,
    IReadOnlyList<FixedPointSearch> Searches,
    IReadOnlyList<AnalyzedPoint> Points,
    TrajectoryPca Pca,
    double[][][] ProjectedTrajectories,
    double[][][] TrialInputs,
    Dca.DcaView? Dca = null,
    double[][][]? DcaTrajectories = null,
    string? RunId = null)
{
    /// <summary>The options of the fixed-point search.</summary>
    public Experiments.FixedPointOptions Search { get; init; } = new();

    /// <summary>Counts by (kind, stability).</summary>
    public IReadOnlyDictionary<(PointKind, Stability), int> Counts() =>
        Points.GroupBy(p => (p.Point.Kind, p.Point.Stability)).ToDictionary(g => g.Key, g => g.Count());
}
