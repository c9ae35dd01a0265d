using System.Text;

namespace RnnLab.IO;

/// <summary>
/// Writes a file so that readers, and a crash at any moment, see either the old file or the whole new
/// one, never half of one: the content goes to a uniquely named temporary file in the same folder, is
/// flushed to disk, and is then renamed over the target (a rename within one file system is atomic);
/// then the folder itself is flushed, so that the rename survives a power loss too.
/// The unique name keeps two writers from sharing a temporary file; a failed write leaves none behind.
/// </summary>
public static class AtomicFile
{
    /// <summary>Writes path from what write puts into the stream, replacing any file there.</summary>
    public static void Write(string path, Action<Stream> write) => Write(path, write, replace: true);

    /// <summary>Writes UTF-8 text to path, replacing any file there.</summary>
    public static void WriteText(string path, string text) => Write(path, s => s.Write(Encoding.UTF8.GetBytes(text)));

    /// <summary>
    /// Writes path only if no file is there yet; an existing file is kept and an <see cref="IOException"/>
    /// names it. Two writers racing for one name cannot both win.
    /// </summary>
    public static void WriteNew(string path, Action<Stream> write) => Write(path, write, replace: false);

    private static void Write(string path, Action<Stream> write, bool replace)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(directory);
        if (!replace && File.Exists(full)) throw new IOException($"{path}: already exists; it was left as it is.");
        var temp = Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream);
                FaultInjection.ReachedMidWrite(full, stream);
                stream.Flush(flushToDisk: true);
            }
            if (replace)
            {
                File.Move(temp, full, overwrite: true);
            }
            else
            {
                // A move without overwrite fails when the name exists (on Linux .NET links the new name,
                // which the kernel refuses for an existing one), so checking and moving are one step.
                try { File.Move(temp, full, overwrite: false); }
                catch (IOException) when (File.Exists(full)) { throw new IOException($"{path}: already exists; it was left as it is."); }
            }
            FlushDirectory(directory);
            FaultInjection.Reached(FaultInjection.Written, full);
        }
        finally
        {
            TryDelete(temp);
        }
    }

    // fsync(2) of the folder: .NET opens no directory handles, so through libc; best effort where that fails.
    private static void FlushDirectory(string directory)
    {
        if (!OperatingSystem.IsLinux()) return;
        var fd = Open(directory, 0x10000 /* O_RDONLY | O_DIRECTORY */);
        if (fd < 0) return;
        try { _ = Fsync(fd); }
        finally { _ = Close(fd); }
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open([System.Runtime.InteropServices.MarshalAs(System.Runtime.InteropServices.UnmanagedType.LPUTF8Str)] string path, int flags);

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static extern int Fsync(int fd);

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "close", SetLastError = true)]
    private static extern int Close(int fd);

    private static void TryDelete(string path)
    {
        try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
