using RnnLab.IO;

namespace RnnLab.Experiments;

/// <summary>
/// One writer per network: a process that trains or resumes a network holds the <see cref="WriterLock"/> of
/// the network's .lock file until it is done. A second writer is refused at once, naming the holder.
/// Readers (analyze, compare, report) take no network lock: every file is written atomically.
/// </summary>
public static class NetworkLock
{
    /// <summary>The lock file of a network directory.</summary>
    public static string PathOf(string network) => System.IO.Path.Combine(network, ".lock");

    /// <summary>Takes the network's lock, or throws a <see cref="NetworkInUseException"/> naming the process that holds it.</summary>
    public static WriterLock Acquire(string network) =>
        WriterLock.Acquire(PathOf(network), holder => new NetworkInUseException($"run {network} is in use by {holder}; wait for it to finish or stop it first."));

    /// <summary>Whether a process holds the network's lock now (<see cref="WriterLock.IsHeld"/>).</summary>
    public static bool IsHeld(string network) => WriterLock.IsHeld(PathOf(network));
}
