using RnnLab.Configuration;

namespace RnnLab.Tasks;

/// <summary>Options of the higher-dimensional perception and decision tasks (seed 002, future work).</summary>
public sealed record PointTaskOptions : TaskOptions
{
    /// <summary>Dimension d of each point; points are uniform in [-1, 1]^d.</summary>
    [Allowed(Min = 1, Max = 1000)] public int Dimensions { get; init; } = 2;
    /// <summary>Smallest difference of the two distances (farther).</summary>
    [Allowed(Min = 0)] public double MinDifference { get; init; } = 0.05;
    /// <summary>A mean output within this distance of the target counts as correct (distance).</summary>
    [Allowed(Min = 0, MinExclusive = true)] public double Tolerance { get; init; } = 0.1;
}

/// <summary>One trial: the point(s) shown.</summary>
public sealed record PointTrial(IReadOnlyList<double[]> Points) : TrialParameters;
