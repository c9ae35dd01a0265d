namespace RnnLab.Artifacts;

/// <summary>
/// steps/STEP.json of a study directory: the step finished with these inputs (Fingerprint: a hash of its
/// options and of the fingerprints of the steps it read), on Host, taking Seconds. A step whose record is
/// missing, or whose fingerprint differs from what the study resolves now, runs (again).
/// </summary>
public sealed record StudyStepFile(string Step, string Fingerprint, string Host, DateTimeOffset Finished, double Seconds, int SchemaVersion = StudyStepFile.CurrentSchema)
{
    /// <summary>The version of this file's layout that this RnnLab writes and reads.</summary>
    public const int CurrentSchema = 1;
}
