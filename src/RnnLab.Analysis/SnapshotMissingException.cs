using RnnLab.Experiments;

namespace RnnLab.Analysis;

/// <summary>Why a snapshot's weights are not there.</summary>
public enum SnapshotAbsence
{
    /// <summary>The untrained weights are missing: not a complete run directory.</summary>
    NotARun,
    /// <summary>Training has not finished; resuming the run writes the final weights.</summary>
    NotFinished,
    /// <summary>The network has not met its stop rule yet; resuming may.</summary>
    NotYetLearned,
    /// <summary>The network finished without meeting a stop rule: it has no learned weights, ever.</summary>
    NeverLearned,
}

/// <summary>A network's weights file for a snapshot is missing; the message names the file and why.</summary>
public sealed class SnapshotMissingException(NetworkDirectory network, Snapshot snapshot, string file, SnapshotAbsence why)
    : FileNotFoundException(Describe(file, why), file)
{
    /// <summary>The network's directory.</summary>
    public string NetworkPath { get; } = network.Path;
    /// <summary>The snapshot asked for.</summary>
    public Snapshot Snapshot { get; } = snapshot;
    /// <summary>Why it is missing.</summary>
    public SnapshotAbsence Why { get; } = why;

    private static string Describe(string file, SnapshotAbsence why) => why switch
    {
        SnapshotAbsence.NotARun => $"{file}: missing; this is not a complete run directory",
        SnapshotAbsence.NotFinished => $"{file}: missing; the network has not finished training",
        SnapshotAbsence.NotYetLearned => $"{file}: missing; the network has not yet met its stop rule",
        _ => $"{file}: missing; the network never met the stop rule (Training:StopAccuracy or TargetLoss) before its cap, or trained without one",
    };
}
