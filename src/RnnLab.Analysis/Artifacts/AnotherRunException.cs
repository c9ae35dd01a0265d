namespace RnnLab.Analysis.Artifacts;

/// <summary>Which analysis step writes a file: what must run again when the file is of another run.</summary>
public enum AnalysisStep
{
    /// <summary>The per-network analysis (fixed points, PCA).</summary>
    Analyze,
    /// <summary>The comparison of the run's snapshots (statistics, hypotheses).</summary>
    Compare,
}

/// <summary>
/// An analysis file was computed from another run than the one now in its folder (a new run was made there
/// since, replacing the old one); it names the file, and the step and snapshot that write it again.
/// </summary>
public sealed class AnotherRunException(string file, string recordedId, string? currentId, string runPath, AnalysisStep step, Snapshot snapshot)
    : IOException($"{file} was computed from another run in this folder (id {recordedId}; {(currentId is null ? "the run now has none" : $"the run now is {currentId}")})")
{
    /// <summary>The file.</summary>
    public string File { get; } = file;
    /// <summary>The run directory.</summary>
    public string RunPath { get; } = runPath;
    /// <summary>The step that writes the file again.</summary>
    public AnalysisStep Step { get; } = step;
    /// <summary>The snapshot the file belongs to.</summary>
    public Snapshot Snapshot { get; } = snapshot;
}
