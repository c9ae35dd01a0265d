using System.Diagnostics;
using System.Globalization;

namespace RnnLab.IO;

/// <summary>
/// Kill points for crash tests, in the spirit of SQLite's: every write boundary of a run reports itself
/// here, and when the environment variable <see cref="Variable"/> names that boundary the process kills
/// itself on the spot with SIGKILL, as kill -9 or a lost node would stop it: no handler, no flush, no
/// cleanup. Unset, as it always is outside tests, a boundary costs one comparison.
/// The value is "BOUNDARY:PATTERN@N": stop the N-th time (from 1) this process reaches BOUNDARY for a file
/// whose path contains PATTERN (e.g. "writing:/checkpoints/@2" dies halfway through the second checkpoint).
/// </summary>
public static class FaultInjection
{
    /// <summary>The environment variable only crash tests set.</summary>
    public const string Variable = "RNNLAB_KILL_AT";

    /// <summary>Halfway through an atomic write: the temporary file holds half the bytes, the target is untouched.</summary>
    public const string Writing = "writing";

    /// <summary>Just after an atomic write: the new file is in place.</summary>
    public const string Written = "written";

    /// <summary>Just after a line was appended to a log (metrics.jsonl).</summary>
    public const string Appended = "appended";

    private static readonly Target? Armed = Parse(Environment.GetEnvironmentVariable(Variable));
    private static int _count;

    private sealed record Target(string Boundary, string Pattern, int Occurrence);

    /// <summary>Reports that a boundary was reached for a file; kills the process if it is the one armed.</summary>
    public static void Reached(string boundary, string path)
    {
        if (Armed is null || !Matches(boundary, path)) return;
        Die(path);
    }

    /// <summary>Reports the middle of an atomic write into stream (the temporary file); if armed, keeps half of it on disk and kills the process.</summary>
    public static void ReachedMidWrite(string path, FileStream stream)
    {
        if (Armed is null || !Matches(Writing, path)) return;
        stream.SetLength(stream.Length / 2);
        stream.Flush(flushToDisk: true);
        Die(path);
    }

    // One line first, so a test knows the kill came from here (a parent passes its children's lines on).
    private static void Die(string path)
    {
        Console.Error.WriteLine($"rnnlab: killed {Armed!.Boundary} {path} ({Variable})");
        Process.GetCurrentProcess().Kill();
    }

    private static bool Matches(string boundary, string path) =>
        Armed!.Boundary == boundary && Path.GetFullPath(path).Contains(Armed.Pattern, StringComparison.Ordinal) &&
        Interlocked.Increment(ref _count) == Armed.Occurrence;

    private static Target? Parse(string? value)
    {
        if (string.IsNullOrEmpty(value)) return null;
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        var at = value.LastIndexOf('@');
        if (colon <= 0 || at < colon || !int.TryParse(value[(at + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1 ||
            value[..colon] is not (Writing or Written or Appended))
            throw new InvalidOperationException($"{Variable}={value}: expected BOUNDARY:PATTERN@N with BOUNDARY one of {Writing}, {Written}, {Appended} and N >= 1.");
        return new Target(value[..colon], value[(colon + 1)..at], n);
    }
}
