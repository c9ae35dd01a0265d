using System.Globalization;
using System.Text.RegularExpressions;

namespace RnnLab.Experiments;

/// <summary>
/// One writer per network: a process that trains or resumes a network holds an exclusive lock on the
/// network's .lock file until it is done (a .NET FileStream opened with FileShare.None takes flock(2) on
/// Linux). A second writer is refused at once, naming the holder. The kernel drops the lock when its
/// process dies, even by kill -9, so a lock left behind never blocks. Readers (analyze, compare, report)
/// take no lock: every file is written atomically.
/// </summary>
public sealed partial class NetworkLock : IDisposable
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
            throw new NetworkInUseException($"run {network} is in use by {holder}; wait for it to finish or stop it first.");
        }
        IO.AtomicFile.WriteText(OwnerOf(network), string.Create(CultureInfo.InvariantCulture,
            $"pid {Environment.ProcessId} on {Environment.MachineName} since {DateTime.UtcNow:yyyy-MM-dd HH:mm:ss} UTC\n"));
        return new NetworkLock(stream, network);
    }

    /// <summary>
    /// Whether a writer seems to hold the network now, for status displays only (it takes no lock, so it
    /// never gets in a writer's way): the holder's note is there and, when the holder is on this host, its
    /// process is alive. A process killed on another host leaves its note behind, so there this says yes
    /// until a scheduler says otherwise.
    /// </summary>
    public static bool SeemsHeld(string network)
    {
        string text;
        try
        {
            text = File.ReadAllText(OwnerOf(network));
        }
        catch (IOException)
        {
            return false;
        }
        var m = OwnerNote().Match(text);
        if (!m.Success) return true;
        return m.Groups[2].Value != Environment.MachineName || Directory.Exists($"/proc/{m.Groups[1].Value}");
    }

    [GeneratedRegex(@"^pid (\d+) on (\S+) since")]
    private static partial Regex OwnerNote();

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
