namespace RnnLab.Analysis.Artifacts;

/// <summary>
/// fixed_points.json (fixed_points.init.json for the untrained weights): the searches and the points they
/// kept, with eigenvalues as [re, im] pairs. "eigenvalues" are continuous-time (stable: re &lt; 0),
/// "map_eigenvalues" the Euler map's mu = 1 + dt lambda (stable: |mu| &lt; 1). "network" is the network
/// analysed and "run_id" the id of the run it belonged to (<see cref="RunOrigin"/>; null in files from before it was recorded).
/// "search" holds the options of the fixed-point search (the FixedPoints section, in snake_case).
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
    string? RunId = null,
    Experiments.FixedPointOptions? Search = null)
{
    /// <summary>
    /// The version of this file's layout that this RnnLab writes and reads. 2: searches end per state and
    /// points are refined by Newton's method (1: one joint descent, with a rerun of its slow points).
    /// </summary>
    public const int CurrentSchema = 2;
}

/// <summary>
/// One search at one condition: its candidates, the most Adam steps a state took, the last learning rate,
/// times, how many states left the descent for each reason, and how many points Newton's method refined
/// (and could not).
/// </summary>
public sealed record SearchRecord(double[] Condition, int Candidates, int Iterations, double FinalLearningRate, double Seconds, double MinimizationSeconds,
    double RefinementSeconds, DescentEndsRecord Ends, int Refined, int NotRefined);

/// <summary>States that left the descent converged (q below tol_q), stalled (dq below tol_dq), capped (max_iterations) or diverged.</summary>
public sealed record DescentEndsRecord(int Converged, int Stalled, int Capped, int Diverged);

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
    bool Refined,
    int NewtonSteps,
    double[] Output,
    double[] Pca,
    EulerStepRecord EulerStep,
    LinearizationRecord? Linearization);

/// <summary>Whether the Euler step keeps the point's stable modes stable (largest_stable_dt null: any step).</summary>
public sealed record EulerStepRecord(double Dt, double LargestMapModulus, double? LargestStableDt, int ModesMadeUnstableByTheStep);

/// <summary>Where the linearization predicts the flow within tolerance.</summary>
public sealed record LinearizationRecord(double[] Radii, double[] RelativeErrors, double Tolerance, double ValidRadius);
