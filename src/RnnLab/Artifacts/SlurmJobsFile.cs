namespace RnnLab.Artifacts;

/// <summary>slurm/jobs.json of a sweep directory: every job array submitted for it, oldest first.</summary>
public sealed record SlurmJobsFile(IReadOnlyList<SlurmSubmission> Submissions, int SchemaVersion = SlurmJobsFile.CurrentSchema)
{
    /// <summary>The version of this file's layout that this RnnLab writes and reads (2 added a study's Stage and Offset; 1 reads as a sweep's).</summary>
    public const int CurrentSchema = 2;
}

/// <summary>
/// One submitted array: its job id and the array indices it holds. For a sweep (Stage null) an index is a
/// network's task; for a study, array index i runs step Offset + i of the Stage (a stage with more steps than
/// the cluster's MaxArraySize is split into arrays of consecutive steps).
/// </summary>
public sealed record SlurmSubmission(string JobId, IReadOnlyList<int> Tasks, DateTimeOffset SubmittedAt, string? Stage = null, int Offset = 0);
