using RnnLab.Artifacts;
using RnnLab.Experiments;

namespace RnnLab.Sweeps;

/// <summary>
/// One network of a sweep: Task is its index over the whole sweep (point × Seeds + seed, the Slurm array
/// index that trains it), Run the point's run directory and Network the network's directory in it.
/// </summary>
public sealed record SweepNetwork(int Task, string Point, RunDirectory Run, NetworkDirectory Network)
{
    /// <summary>"point seed-k", for progress and messages.</summary>
    public string Label => $"{Point} seed-{Network.Index}";

    /// <summary>
    /// Records that training the network failed (not a stop by signal, not a refusal because another process
    /// trains it): failed.json, which the sweep's status reads, until a later attempt clears it.
    /// </summary>
    public void RecordFailure(int exitCode, string message) =>
        ArtifactFile.Write(Network.Failure, new FailureFile(exitCode, message, Environment.MachineName, DateTimeOffset.UtcNow), ArtifactJson.Default.FailureFile);

    /// <summary>Forgets a failure: the process that now holds the network's lock tries again.</summary>
    public void ClearFailure()
    {
        if (File.Exists(Network.Failure)) File.Delete(Network.Failure);
    }
}
