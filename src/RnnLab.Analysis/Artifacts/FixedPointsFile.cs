namespace RnnLab.Analysis.Artifacts;

/// <summary>
/// fixed_points.json (fixed_points.init.json for the untrained weights): the searches and the points they
/// kept, with eigenvalues as [re, im] pairs. "eigenvalues" are continuous-time (stable: re &lt; 0),
/// "map_eigenvalues" the Euler map's mu = 1 + dt lambda (stable: |mu| &lt; 1). "network" is the network
/// analysed and "run_id" the id of the run it belonged to (<see cref="RunOrigin"/>; null in files from before it was recorded).
/// </summary>
public sealed record FixedPointsFile(
    string Network,
    string Task,
    string Snapshot,
    double Tau,
    double Dt,
    string EigenvalueConvention,
    double[][] Conditions,
    SearchRecord[] Searches,
    PointRecord[] Points,
    int SchemaVersion = FixedPointsFile.CurrentSchema,
    string? RunId = null)
{
    /// <summary>The version of this file's layout that this RnnLab writes and reads.</summary>
    public const int CurrentSchema = 1;
}

/// <summary>One search at one condition: its candidates, iterations, last learning rate and times.</summary>
public sealed record SearchRecord(double[] Condition, int Candidates, int Iterations, double FinalLearningRate, double Seconds, double MinimizationSeconds,
    int RerunStates = 0, int RerunIterations = 0);

/// <summary>A kept fixed or slow point ("kind": fixed, slow; "stability": stable, saddle, unstable).</summary>
public sealed record PointRecord(
    double[] X,
    double[] U,
    int Condition,
    string Kind,
    double Q,
    double Speed,
    int Iterations,
    double[][] Eigenvalues,
    double[][] MapEigenvalues,
    string Stability,
    int UnstableDims,
    double? HessianMinEigenvalue,
    double? HessianMaxEigenvalue,
    bool? IsLocalMinimumOfQ,
    double[] Output,
    double[] Pca,
    EulerStepRecord EulerStep,
    LinearizationRecord? Linearization);

/// <summary>Whether the Euler step keeps the point's stable modes stable (largest_stable_dt null: any step).</summary>
public sealed record EulerStepRecord(double Dt, double LargestMapModulus, double? LargestStableDt, int ModesMadeUnstableByTheStep);

/// <summary>Where the linearization predicts the flow within tolerance.</summary>
public sealed record LinearizationRecord(double[] Radii, double[] RelativeErrors, double Tolerance, double ValidRadius);
