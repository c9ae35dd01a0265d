namespace RnnLab.Analysis.Artifacts;

/// <summary>
/// similarity.json: the distances between every two networks of the runs compared (rows and columns in the
/// order of Networks), with the options that made them, the 2-D classical MDS picture, the group separation
/// tests, and the retest null: each run's first network against itself on fresh trials and noise (DSA), or
/// on the same trials with fresh noise (the shape metrics, which pair rows by trial).
/// </summary>
/// <param name="Metric">dsa, procrustes, cca or cka.</param>
/// <param name="Unit">What the distances are in (radians for the angular metrics).</param>
/// <param name="Snapshot">The weights of each network: init, final or learned.</param>
/// <param name="Networks">The networks, in the order of the matrix.</param>
/// <param name="Distances">The symmetric distance matrix, zero on the diagonal.</param>
/// <param name="Converged">DSA: whether each pair's orthogonal search reached a stationary point; null for the shape metrics, which are closed forms.</param>
/// <param name="Embedding">Classical MDS coordinates, one [x, y] per network.</param>
/// <param name="EmbeddingExplained">The share of the distances' positive spectrum the 2-D picture keeps.</param>
/// <param name="Separations">By run and by task: within- against across-group distance, with a permutation p-value.</param>
/// <param name="Retest">The distance of each run's first network from itself on a fresh draw: the value that means "no difference".</param>
/// <param name="Options">The options.</param>
/// <param name="SchemaVersion">The file layout's version.</param>
public sealed record SimilarityFile(
    string Metric,
    string Unit,
    string Snapshot,
    SimilarityNetworkRecord[] Networks,
    double[][] Distances,
    bool[][]? Converged,
    double[][] Embedding,
    double EmbeddingExplained,
    SeparationRecord[] Separations,
    RetestRecord[] Retest,
    SimilarityOptionsRecord Options,
    int SchemaVersion = SimilarityFile.CurrentSchema)
{
    /// <summary>The version of this file's layout that this RnnLab writes and reads.</summary>
    public const int CurrentSchema = 1;
}

/// <summary>A network compared: its run (folder, id and config name), task, index and seed in the run, and size.</summary>
public sealed record SimilarityNetworkRecord(string Run, string? RunId, string Name, string Task, int Index, long Seed, int Units, string Path);

/// <summary>
/// A group separation test (<see cref="Similarity.GroupSeparation"/>) for one grouping ("run" or "task"); the
/// numbers are null, and Unavailable says why, when the grouping has one group or no group of two.
/// </summary>
public sealed record SeparationRecord(string Grouping, string[] Groups, double? Within, double? Across, double? Statistic, double? PValue, int Permutations, string? Unavailable);

/// <summary>The retest distance of a run's network (index in the run) from itself with what Redrawn names drawn afresh ("trials and noise" for DSA, "noise" for the shape metrics); for DSA, whether its search converged.</summary>
public sealed record RetestRecord(string Run, int Index, string Redrawn, double Distance, bool? Converged);

/// <summary>The options of a similarity, as the file records them.</summary>
public sealed record SimilarityOptionsRecord(int Trials, ulong Seed, int Steps, int Delays, int Interval, int? Rank, double Lambda, int Iterations, int Starts,
    int CcaDimensions, int Permutations);
