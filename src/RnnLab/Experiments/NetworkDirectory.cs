using System.Globalization;
using System.Text;
using System.Text.Json;
using RnnLab.Artifacts;
using RnnLab.IO;
using RnnLab.Training;

namespace RnnLab.Experiments;

/// <summary>
/// The files of one trained network: init/model.safetensors (before the first update),
/// checkpoints/step-NNNNNNNN.safetensors, metrics.jsonl and final/model.safetensors.
/// </summary>
public sealed record NetworkDirectory(string Path, int Index, long Seed)
{
    /// <summary>The untrained weights.</summary>
    public string InitialModel => System.IO.Path.Combine(Path, "init", "model.safetensors");

    /// <summary>The trained weights (present once training ended).</summary>
    public string FinalModel => System.IO.Path.Combine(Path, "final", "model.safetensors");

    /// <summary>The weights where the task was learned (<see cref="Training.StopRule"/>); final/ holds the same unless Training:ContinueToCap.</summary>
    public string LearnedModel => System.IO.Path.Combine(Path, "learned", "model.safetensors");

    /// <summary>The checkpoint folder.</summary>
    public string CheckpointFolder => System.IO.Path.Combine(Path, "checkpoints");

    /// <summary>The metrics log.</summary>
    public string Metrics => System.IO.Path.Combine(Path, "metrics.jsonl");

    /// <summary>The note of a sweep task that failed on this network (<see cref="Artifacts.FailureFile"/>).</summary>
    public string Failure => System.IO.Path.Combine(Path, "failed.json");

    /// <summary>Whether training ended, with the final weights written.</summary>
    public bool Finished => File.Exists(FinalModel);

    /// <summary>Checkpoint files, newest first.</summary>
    public IReadOnlyList<string> Checkpoints() =>
        Directory.Exists(CheckpointFolder)
            ? Directory.GetFiles(CheckpointFolder, "step-*.safetensors").OrderByDescending(f => f, StringComparer.Ordinal).ToList()
            : [];

    /// <summary>Appends one metrics line.</summary>
    public void AppendMetrics(MetricsRecord record) =>
        File.AppendAllText(Metrics, JsonSerializer.Serialize(record, ArtifactJson.Default.MetricsRecord) + "\n", new UTF8Encoding(false));

    /// <summary>
    /// All metrics lines. A line that does not parse (a torn last line after a crash) is skipped; a line
    /// written by a newer RnnLab stops the read with one line naming the file.
    /// </summary>
    public IReadOnlyList<MetricsRecord> ReadMetrics()
    {
        if (!File.Exists(Metrics)) return [];
        var result = new List<MetricsRecord>();
        foreach (var line in File.ReadLines(Metrics))
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            try
            {
                result.Add(ArtifactFile.Parse(Metrics, line, ArtifactJson.Default.MetricsRecord, r => r.SchemaVersion, MetricsRecord.CurrentSchema));
            }
            catch (IOException e) when (e.InnerException is JsonException)
            {
            }
        }
        return result;
    }

    /// <summary>Keeps only the metrics up to a step (what a resumed run will log again is dropped), atomically.</summary>
    public void TruncateMetrics(int step)
    {
        var kept = ReadMetrics().Where(r => r.Step <= step).Select(r => JsonSerializer.Serialize(r, ArtifactJson.Default.MetricsRecord) + "\n");
        AtomicFile.WriteText(Metrics, string.Concat(kept));
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Path} (seed {Seed})");
}
