using RnnLab.IO;

namespace RnnLab.Experiments;

/// <summary>
/// One writer per output of the verbs that read a run and write beside it (analyze, compare, report,
/// export) and of a sweep's own files: each holds the <see cref="WriterLock"/> of its output's lock file for
/// as long as it writes, so two writers never interleave the files of one output. A second writer is
/// refused at once, naming the holder. Readers take no lock: every file is written atomically.
/// </summary>
public static class OutputLock
{
    /// <summary>The lock file of an export folder.</summary>
    public static string ExportPath(string folder) => Path.Combine(folder, ".export.lock");

    /// <summary>The lock file of a sweep directory (index.json, sweep.json, slurm/); its tasks take their networks' locks instead.</summary>
    public static string SweepPath(string sweep) => Path.Combine(sweep, ".sweep.lock");

    /// <summary>Takes the lock of an export folder.</summary>
    public static WriterLock Export(string folder) => Acquire(ExportPath(folder), $"export folder {folder}");

    /// <summary>Takes the lock of a sweep directory.</summary>
    public static WriterLock Sweep(string sweep) => Acquire(SweepPath(sweep), $"sweep {sweep}");

    /// <summary>Takes a lock file, or throws an <see cref="OutputInUseException"/> naming what (the output) and the process that holds it.</summary>
    public static WriterLock Acquire(string lockFile, string what) => WriterLock.Acquire(lockFile, holder => InUse(what, holder));

    /// <summary>
    /// Throws what <see cref="Acquire"/> would if a process holds the lock now, and takes nothing: for a
    /// command that starts the writers as processes of their own and must not hold what they take.
    /// </summary>
    public static void ThrowIfHeld(string lockFile, string what)
    {
        if (WriterLock.IsHeld(lockFile)) throw InUse(what, WriterLock.Holder(lockFile));
    }

    private static OutputInUseException InUse(string what, string holder) =>
        new($"{what} is in use by {holder}; wait for it to finish or stop it first.");
}
