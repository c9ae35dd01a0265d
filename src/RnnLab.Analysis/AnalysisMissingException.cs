namespace RnnLab.Analysis;

/// <summary>
/// A network's analysis file of a snapshot is missing: the per-network analysis has not been written for
/// those weights. It names the file, the network, its run and the snapshot, so a program can say what
/// writes it; a reader that needs every network (a census over runs) stops at the first one missing rather
/// than count over the networks that happen to be there.
/// </summary>
public sealed class AnalysisMissingException(string file, string runPath, string networkPath, Snapshot snapshot)
    : FileNotFoundException($"{file}: missing; the fixed points of network {networkPath} ({snapshot.ToString().ToLowerInvariant()} weights) have not been computed", file)
{
    /// <summary>The run directory the network belongs to.</summary>
    public string RunPath { get; } = runPath;
    /// <summary>The network's directory.</summary>
    public string NetworkPath { get; } = networkPath;
    /// <summary>The snapshot whose analysis is missing.</summary>
    public Snapshot Snapshot { get; } = snapshot;
}
