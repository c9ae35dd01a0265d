namespace RnnLab.Studies;

/// <summary>
/// One step of a study: a stage's work on one network (Point and Seed set), one point (Point set) or the
/// whole study. Id names it everywhere (its record steps/ID.json, its lock, messages); Index is its place
/// among its stage's steps (a Slurm array index). DependsOn are the ids of the steps whose outputs it reads;
/// Fingerprint hashes its options and their fingerprints, so that a changed option reruns what depends on it.
/// Outputs are the files it writes, relative to the study directory: a step whose output is gone runs again.
/// </summary>
public sealed record StudyStep(string Id, StudyStage Stage, int Index, int? Point, int? Seed, string? Snapshot, string? Metric,
    IReadOnlyList<string> DependsOn, string Fingerprint, IReadOnlyList<string> Outputs)
{
    /// <summary>"analyze perception/seed-3 init", for progress and messages.</summary>
    public string Label => Id.Replace('/', ' ');
}
