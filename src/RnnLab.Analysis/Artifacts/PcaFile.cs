namespace RnnLab.Analysis.Artifacts;

/// <summary>
/// pca.json (pca.init.json): the trajectories' principal components, the projected trials and points, of
/// "network", in the run whose id is "run_id" (<see cref="RunOrigin"/>; null in files from before it was recorded).
/// </summary>
public sealed record PcaFile(
    string Network,
    string Task,
    string Snapshot,
    double[] Mean,
    double[][] Components,
    double[] ExplainedVarianceRatio,
    double TotalVariance,
    double[][][] Trajectories,
    double[][][] TrialInputs,
    PcaPointRecord[] Points,
    DcaViewRecord? Dca = null,
    int SchemaVersion = PcaFile.CurrentSchema,
    string? RunId = null)
{
    /// <summary>The version of this file's layout that this RnnLab writes and reads.</summary>
    public const int CurrentSchema = 1;
}

/// <summary>The same trajectories and points along DCA's most predictive subspace (information in nats; points in the order of Points).</summary>
public sealed record DcaViewRecord(double Information, double[][] Basis, double[][][] Trajectories, double[][] Points);

/// <summary>A fixed or slow point in PCA coordinates.</summary>
public sealed record PcaPointRecord(double[] Pca, string Stability, string Kind, int Condition);
