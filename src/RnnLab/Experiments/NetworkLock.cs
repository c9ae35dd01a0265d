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
    private readonly string _network;

    private NetworkLock(FileStream stream, string network)
    {
        _stream = stream;
        _network = network;
    }

    /// <summary>The lock file of a network directory.</summary>
    public static string PathOf(string network) => System.IO.Path.Combine(network, ".lock");

    // Who holds the lock, in a file of its own: the locked file cannot be opened by another process at all.
    private static string OwnerOf(string network) => System.IO.Path.Combine(network, ".lock.owner");

    /// <summary>
    /// Takes the network's lock, or throws a <see cref="NetworkInUseException"/> naming the process that
    /// holds it. A lock held only for an instant (<see cref="IsHeld"/> looking) is waited for, up to 0.2 s.
    /// </summary>
    public static NetworkLock Acquire(string network)
    {
        Directory.CreateDirectory(network);
        var path = PathOf(network);
        FileStream? stream = null;
        for (var attempt = 0; stream is null; attempt++)
        {
            try
            {
                stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (attempt < 10)
            {
                Thread.Sleep(20);
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
                throw new NetworkInUseException($"run {network} is in use by {holder}; wait for it to finish or stop it first.");
            }
        }
        IO.AtomicFile.WriteText(OwnerOf(network), string.Create(CultureInfo.InvariantCulture,
            $"pid {Environment.ProcessId} on {Environment.MachineName} since {DateTime.UtcNow:yyyy-MM-dd HH:mm:ss} UTC\n"));
        return new NetworkLock(stream, network);
    }

    /// <summary>
    /// Whether a process holds the network's lock now, on whichever host (the lock lives in the file
    /// system): it tries the lock and lets go at once. A writer starting in that instant waits for it
    /// (<see cref="Acquire"/>), so looking never refuses one. A process killed, even by kill -9 or with its
    /// node, holds nothing.
    /// </summary>
    public static bool IsHeld(string network)
    {
        var path = PathOf(network);
        if (!File.Exists(path)) return false;
        try
        {
            using var probe = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            return false;
        }
        catch (FileNotFoundException)
        {
            return false;
        }
        catch (IOException)
        {
            return true;
        }
    }

    /// <summary>Releases the lock: the holder's note goes first, while the lock is still held; the lock file stays, free again.</summary>
    public void Dispose()
    {
        try
        {
            File.Delete(OwnerOf(_network));
        }
        catch (IOException)
        {
        }
        _stream.Dispose();
    }
}
