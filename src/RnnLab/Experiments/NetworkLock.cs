using System.Globalization;

namespace RnnLab.Experiments;

/// <summary>
/// One writer per network: a process that trains or resumes a network holds an exclusive lock on the
/// network's .lock file until it is done (a .NET FileStream opened with FileShare.None takes flock(2) on
/// Linux). A second writer is refused at once, naming the holder. The kernel drops the lock when its
/// process dies, even by kill -9, so a lock left behind never blocks. Readers (analyze, compare, report)
/// take no lock: every file is written atomically.
/// </summary>
public sealed class NetworkLock : IDisposable
{
    private readonly FileStream _stream;

    private NetworkLock(FileStream stream) => _stream = stream;

    /// <summary>The lock file of a network directory.</summary>
    public static string PathOf(string network) => System.IO.Path.Combine(network, ".lock");

    // Who holds the lock, in a file of its own: the locked file cannot be opened by another process at all.
    private static string OwnerOf(string network) => System.IO.Path.Combine(network, ".lock.owner");

    /// <summary>Takes the network's lock, or throws an IOException naming the process that holds it.</summary>
    public static NetworkLock Acquire(string network)
    {
        Directory.CreateDirectory(network);
        var path = PathOf(network);
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            var holder = "another process";
            try
            {
                holder = File.ReadAllText(OwnerOf(network)).Trim() is { Length: > 0 } who ? who : holder;
            }
            catch (IOException)
            {
            }
            throw new IOException($"run {network} is in use by {holder}; wait for it to finish or stop it first.");
        }
        IO.AtomicFile.WriteText(OwnerOf(network), string.Create(CultureInfo.InvariantCulture,
            $"pid {Environment.ProcessId} on {Environment.MachineName} since {DateTime.UtcNow:yyyy-MM-dd HH:mm:ss} UTC\n"));
        return new NetworkLock(stream);
    }

    /// <summary>Releases the lock (the file stays; it is free again).</summary>
    public void Dispose() => _stream.Dispose();
}
