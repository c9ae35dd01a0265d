namespace RnnLab.Artifacts;

/// <summary>
/// failed.json in a network directory: a sweep task that trained this network ended in an error (not a
/// stop by signal). The next task that trains the network removes it.
/// </summary>
public sealed record FailureFile(int ExitCode, string Message, string Host, DateTimeOffset At, int SchemaVersion = FailureFile.CurrentSchema)
{
    /// <summary>The version of this file's layout that this RnnLab writes and reads.</summary>
    public const int CurrentSchema = 1;
}
