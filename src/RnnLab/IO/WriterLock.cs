using System.Globalization;

namespace RnnLab.IO;

/// <summary>
/// One writer at a time for whatever a lock file guards: a process holds an exclusive lock on the file (a
/// .NET FileStream opened with FileShare.None takes flock(2) on Linux) until it is done, and writes who it
/// is into a note beside it (LOCKFILE.owner: the locked file cannot be opened by another process at all).
/// A second writer is refused at once, naming the holder. The kernel drops the lock when its process dies,
/// even by kill -9, so a lock file left behind never blocks.
/// </summary>
public sealed class WriterLock : IDisposable
{
    private readonly FileStream _stream;

    private WriterLock(FileStream stream, string path)
    {
        _stream = stream;
        Path = path;
    }

    /// <summary>The lock file.</summary>
    public string Path { get; }

    private static string OwnerOf(string path) => path + ".owner";

    /// <summary>
    /// Takes the lock, or throws what inUse makes of the holder's description ("pid 12 on node since ...",
    /// or "another process"). A lock held only for an instant (<see cref="IsHeld"/> looking) is waited for, up to 0.2 s.
    /// </summary>
    public static WriterLock Acquire(string path, Func<string, Exception> inUse)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
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
                throw inUse(Holder(path));
            }
        }
        AtomicFile.WriteText(OwnerOf(path), string.Create(CultureInfo.InvariantCulture,
            $"pid {Environment.ProcessId} on {Environment.MachineName} since {DateTime.UtcNow:yyyy-MM-dd HH:mm:ss} UTC\n"));
        return new WriterLock(stream, path);
    }

    /// <summary>Who holds the lock, as its note says ("another process" when the note is missing).</summary>
    public static string Holder(string path)
    {
        try
        {
            return File.ReadAllText(OwnerOf(path)).Trim() is { Length: > 0 } who ? who : "another process";
        }
        catch (IOException)
        {
            return "another process";
        }
    }

    /// <summary>
    /// Whether a process holds the lock now, on whichever host (the lock lives in the file system): it tries
    /// the lock and lets go at once. A writer starting in that instant waits for it (<see cref="Acquire"/>),
    /// so looking never refuses one. A process killed, even by kill -9 or with its node, holds nothing.
    /// </summary>
    public static bool IsHeld(string path)
    {
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
            File.Delete(OwnerOf(Path));
        }
        catch (IOException)
        {
        }
        _stream.Dispose();
    }
}
