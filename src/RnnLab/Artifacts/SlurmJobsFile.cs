namespace RnnLab.Artifacts;

/// <summary>slurm/jobs.json of a sweep directory: every job array submitted for it, oldest first.</summary>
public sealed record SlurmJobsFile(IReadOnlyList<SlurmSubmission> Submissions, int SchemaVersion = SlurmJobsFile.CurrentSchema)
{
    /// <summary>The version of this file's layout that this RnnLab writes and reads.</summary>
    public const int CurrentSchema = 1;
}

/// <summary>
/// One submitted array: its job id and the tasks it holds (network indices of a sweep; a study's indices of
/// its Stage's steps, null for a sweep).
/// </summary>
public sealed record SlurmSubmission(string JobId, IReadOnlyList<int> Tasks, DateTimeOffset SubmittedAt, string? Stage = null);
