using System.Text.Json;
using RnnLab.Artifacts;

namespace RnnLab.Training;

/// <summary>
/// What a network's training has measured so far: every evaluation (the rows of metrics.jsonl, in step
/// order) and the wall time spent training. The stop rule decides from it (<see cref="StopRule"/>), and
/// it travels in every checkpoint: a resumed run decides exactly as an uninterrupted one, whatever
/// metrics.jsonl held when the process died, and resume rebuilds metrics.jsonl from it.
/// </summary>
public sealed record TrainingHistory(IReadOnlyList<MetricsRecord> Evaluations, double ElapsedSeconds)
{
    /// <summary>Before the first step.</summary>
    public static TrainingHistory Empty { get; } = new([], 0);

    /// <summary>This history with one more evaluation.</summary>
    public TrainingHistory With(MetricsRecord evaluation) => this with { Evaluations = [.. Evaluations, evaluation] };

    /// <summary>The evaluations as metrics.jsonl lines, each ending in a newline.</summary>
    public string ToLines() => string.Concat(Evaluations.Select(Line));

    /// <summary>One metrics.jsonl line, ending in a newline.</summary>
    public static string Line(MetricsRecord record) => JsonSerializer.Serialize(record, ArtifactJson.Default.MetricsRecord) + "\n";

    /// <summary>Reads evaluations written by <see cref="ToLines"/>; source names where they came from in errors.</summary>
    public static IReadOnlyList<MetricsRecord> ParseLines(string source, string lines) =>
        lines.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => ArtifactFile.Parse(source, line, ArtifactJson.Default.MetricsRecord, r => r.SchemaVersion, MetricsRecord.CurrentSchema))
            .ToList();
}
