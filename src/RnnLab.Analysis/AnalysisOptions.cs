using RnnLab.Experiments;
using RnnLab.Analysis.FixedPoints;

namespace RnnLab.Analysis;

/// <summary>Which weights of a network to analyse.</summary>
public enum Snapshot
{
    /// <summary>init/model.safetensors: the untrained network.</summary>
    Init,
    /// <summary>final/model.safetensors: the trained network, where training ended.</summary>
    Final,
    /// <summary>
    /// learned/model.safetensors: the weights where the stop rule found the task learned. The same as
    /// final unless the run trained on to its cap (Training:ContinueToCap).
    /// </summary>
    Learned,
}

/// <summary>Options of <see cref="NetworkAnalyzer"/>.</summary>
public sealed record AnalysisOptions
{
    /// <summary>Which weights.</summary>
    public Snapshot Snapshot { get; init; } = Snapshot.Final;
    /// <summary>Constant inputs to analyse at (each of the task's input size); null: the task's defaults.</summary>
    public IReadOnlyList<double[]>? Conditions { get; init; }
    /// <summary>Trials run (noise off) to sample initial states and fit PCA.</summary>
    public int Trials { get; init; } = 64;
    /// <summary>Principal components kept.</summary>
    public int Components { get; init; } = 3;
    /// <summary>Trials whose projected trajectories are written to pca.json.</summary>
    public int TrajectoriesWritten { get; init; } = 16;
    /// <summary>Fixed points (per condition, lowest q first) whose linearization validity radius is measured.</summary>
    public int LinearizationChecks { get; init; } = 8;
    /// <summary>Relative error of the linear prediction that still counts as valid.</summary>
    public double LinearizationTolerance { get; init; } = 0.1;
    /// <summary>DCA for the 3-D view beside PCA's (its Dimensions capped at 3); null leaves the DCA view out.</summary>
    public Dca.DcaOptions? DcaView { get; init; } = new() { Dimensions = 3 };

    /// <summary>The fixed-point search.</summary>
    public FixedPointOptions FixedPoints { get; init; } = new();
}
