using RnnLab.Experiments;
using RnnLab.IO;

namespace RnnLab.Analysis;

/// <summary>
/// The <see cref="OutputLock"/>s of what analyze, compare and report write, one per snapshot, since each
/// snapshot's files are their own: a network's analysis (analysis/.analyze.lock, .analyze.init.lock, ...),
/// the run's comparison and hypotheses (the run's analysis/.compare.lock) and the report (.report.lock).
/// `analyze --jobs` starts a process per network; the parent only looks (<see cref="ThrowIfNetworkHeld"/>)
/// and each child takes its network's lock, so they never refuse one another.
/// </summary>
public static class AnalysisLock
{
    /// <summary>The lock file of a network's analysis of a snapshot.</summary>
    public static string NetworkPath(string network, Snapshot snapshot) => Path.Combine(AnalysisWriter.Folder(network), AnalysisWriter.FileName(".analyze", snapshot, "lock"));

    /// <summary>The lock file of a run's comparison of init with a trained snapshot.</summary>
    public static string ComparisonPath(string run, Snapshot trained) => Path.Combine(AnalysisWriter.Folder(run), AnalysisWriter.FileName(".compare", trained, "lock"));

    /// <summary>The lock file of a run's report of a trained snapshot.</summary>
    public static string ReportPath(string run, Snapshot trained) => Path.Combine(run, AnalysisWriter.FileName(".report", trained, "lock"));

    /// <summary>Takes the lock of a network's analysis of a snapshot.</summary>
    public static WriterLock Network(string network, Snapshot snapshot) => OutputLock.Acquire(NetworkPath(network, snapshot), NetworkWhat(network, snapshot));

    /// <summary>
    /// Takes the locks of several networks' analyses of a snapshot, all before any is written; when one is
    /// refused, those already taken are let go. Disposing the result lets all go.
    /// </summary>
    public static IDisposable Networks(IEnumerable<string> networks, Snapshot snapshot)
    {
        var held = new List<WriterLock>();
        try
        {
            foreach (var network in networks) held.Add(Network(network, snapshot));
        }
        catch
        {
            foreach (var l in held) l.Dispose();
            throw;
        }
        return new Held(held);
    }

    /// <summary>Refuses as <see cref="Network"/> would while another process analyses the network's snapshot, and takes nothing.</summary>
    public static void ThrowIfNetworkHeld(string network, Snapshot snapshot) => OutputLock.ThrowIfHeld(NetworkPath(network, snapshot), NetworkWhat(network, snapshot));

    /// <summary>Takes the lock of a run's comparison.</summary>
    public static WriterLock Comparison(string run, Snapshot trained) => OutputLock.Acquire(ComparisonPath(run, trained), $"comparison of {run} ({Name(trained)} weights)");

    /// <summary>Takes the lock of a run's report.</summary>
    public static WriterLock Report(string run, Snapshot trained) => OutputLock.Acquire(ReportPath(run, trained), $"report {Path.Combine(run, AnalysisWriter.FileName("report", trained, "html"))}");

    private sealed class Held(List<WriterLock> locks) : IDisposable
    {
        public void Dispose()
        {
            foreach (var l in locks) l.Dispose();
        }
    }

    private static string NetworkWhat(string network, Snapshot snapshot) => $"analysis of {network} ({Name(snapshot)} weights)";

    private static string Name(Snapshot snapshot) => snapshot.ToString().ToLowerInvariant();
}
