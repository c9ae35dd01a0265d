using System.Text.RegularExpressions;
using RnnLab.Artifacts;
using RnnLab.IO;

namespace RnnLab.Experiments;

/// <summary>
/// What replacing a run (train --force) may delete: only a run RnnLab made (its run.json and config.json are
/// there) that holds nothing but the files RnnLab writes into a run, and only while no process holds any
/// lock in it (a network being trained, an analysis or report being written). Anything else is refused in
/// one line and left exactly as it was: a folder of a thesis is not a run, and a running network is not
/// replaced under its writer. The locks are taken, not just looked at, and held while the old files go and
/// the new run's are written, so no writer starts in between.
/// </summary>
public static partial class RunReplacement
{
    // The entries RnnLab writes into a run folder and into each network folder (seed-K), besides lock files,
    // their owner notes and the temporary files of atomic writes.
    private static readonly HashSet<string> RunEntries = ["config.json", "run.json", "start", "init", "checkpoints", "final", "learned", "metrics.jsonl", "tensorboard", "failed.json", "analysis", "export"];
    private static readonly HashSet<string> NetworkEntries = ["init", "checkpoints", "final", "learned", "metrics.jsonl", "tensorboard", "failed.json", "analysis", "export"];

    /// <summary>
    /// Takes every lock in the run at path and deletes everything in it but the lock files; the caller writes
    /// the new run and then disposes the result, releasing the locks. Throws an <see cref="IOException"/>
    /// (a <see cref="NetworkInUseException"/> when a process holds a lock) naming what stops it, having changed nothing.
    /// </summary>
    public static IDisposable Clear(string path)
    {
        if (!IsRun(path))
            throw new IOException($"{path}: is not a run RnnLab made (it has no readable run.json), so it is not replaced; choose another output folder.");
        var foreign = Foreign(path).Take(3).ToList();
        if (foreign.Count > 0)
            throw new IOException($"{path}: holds {string.Join(", ", foreign)}, which RnnLab did not write, so the run is not replaced; move it away or choose another output folder.");

        var locks = new List<WriterLock>();
        try
        {
            foreach (var file in Directory.EnumerateFiles(path, "*.lock", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                locks.Add(WriterLock.Acquire(file, holder => new NetworkInUseException(
                    $"run {path} is in use by {holder} ({System.IO.Path.GetRelativePath(path, file)}); wait for it to finish or stop it first.")));
            Delete(path);
            return new Held(path, locks);
        }
        catch
        {
            foreach (var held in locks) held.Dispose();
            throw;
        }
    }

    private static bool IsRun(string path)
    {
        var file = System.IO.Path.Combine(path, "run.json");
        if (!File.Exists(file)) return false;
        try
        {
            ArtifactFile.Read(file, ArtifactJson.Default.RunFile, f => f.SchemaVersion, RunFile.CurrentSchema);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
    }

    // Entries of the run that RnnLab does not write, as paths relative to it.
    private static IEnumerable<string> Foreign(string path)
    {
        foreach (var entry in Directory.EnumerateFileSystemEntries(path).Order(StringComparer.Ordinal))
        {
            var name = System.IO.Path.GetFileName(entry);
            if (IsBookkeeping(name) || RunEntries.Contains(name) || ReportName().IsMatch(name)) continue;
            if (NetworkFolder().IsMatch(name) && Directory.Exists(entry))
            {
                foreach (var inner in Directory.EnumerateFileSystemEntries(entry).Order(StringComparer.Ordinal))
                {
                    var innerName = System.IO.Path.GetFileName(inner);
                    if (!IsBookkeeping(innerName) && !NetworkEntries.Contains(innerName)) yield return System.IO.Path.Combine(name, innerName);
                }
                continue;
            }
            yield return name;
        }
    }

    private static bool IsBookkeeping(string name) => name.EndsWith(".lock", StringComparison.Ordinal) || name.EndsWith(".lock.owner", StringComparison.Ordinal) ||
                                                     (name.StartsWith('.') && name.EndsWith(".tmp", StringComparison.Ordinal));

    // Everything but lock files and their notes (the locks being held are on those files).
    private static void Delete(string folder)
    {
        foreach (var file in Directory.EnumerateFiles(folder))
        {
            var name = System.IO.Path.GetFileName(file);
            if (!name.EndsWith(".lock", StringComparison.Ordinal) && !name.EndsWith(".lock.owner", StringComparison.Ordinal)) File.Delete(file);
        }
        foreach (var sub in Directory.EnumerateDirectories(folder))
        {
            Delete(sub);
            if (!Directory.EnumerateFileSystemEntries(sub).Any()) Directory.Delete(sub);
        }
    }

    [GeneratedRegex(@"^report(\.[a-z]+)?\.html$")]
    private static partial Regex ReportName();

    [GeneratedRegex(@"^seed-\d+$")]
    private static partial Regex NetworkFolder();

    // Releases the locks once the new run is written; then folders of the old run that the new one does not
    // have (seed-3 of a run replaced by one of two networks) hold nothing but their lock files, and go.
    private sealed class Held(string run, List<WriterLock> locks) : IDisposable
    {
        public void Dispose()
        {
            foreach (var held in locks) held.Dispose();
            foreach (var folder in Directory.EnumerateDirectories(run))
                if (Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).All(f => IsBookkeeping(System.IO.Path.GetFileName(f))))
                    Directory.Delete(folder, recursive: true);
        }
    }
}
