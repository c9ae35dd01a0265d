using System.Globalization;
using System.Text;
using RnnLab.Artifacts;
using RnnLab.IO;
using RnnLab.Safetensors;
using RnnLab.Training;

namespace RnnLab.Experiments;

/// <summary>
/// The files of one trained network: init/model.safetensors (before the first update),
/// checkpoints/step-NNNNNNNN.safetensors, metrics.jsonl (and the same metrics for TensorBoard in tensorboard/)
/// and final/model.safetensors.
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

    /// <summary>The folder of the metrics' TensorBoard event files (<see cref="TensorBoardLog"/>).</summary>
    public string TensorBoard => System.IO.Path.Combine(Path, "tensorboard");

    /// <summary>The note of a sweep task that failed on this network (<see cref="Artifacts.FailureFile"/>).</summary>
    public string Failure => System.IO.Path.Combine(Path, "failed.json");

    /// <summary>
    /// Whether training ended: final/model.safetensors is there and reads back intact. A truncated or
    /// damaged file (a disk's fault, a partial copy) is no finished network: resume trains it again from its
    /// newest checkpoint, which gives the same weights.
    /// </summary>
    public bool Finished => File.Exists(FinalModel) && FinalDamage() is null;

    /// <summary>Why final/model.safetensors does not read back intact (one line naming it), or null when it does or is absent.</summary>
    public string? FinalDamage()
    {
        if (!File.Exists(FinalModel)) return null;
        try
        {
            using var content = SafetensorsFile.Load(FinalModel, requireChecksum: true);
            return null;
        }
        catch (SafetensorsException e)
        {
            return e.Message;
        }
    }

    /// <summary>Checkpoint files, newest first.</summary>
    public IReadOnlyList<string> Checkpoints() =>
        Directory.Exists(CheckpointFolder)
            ? Directory.GetFiles(CheckpointFolder, "step-*.safetensors").OrderByDescending(f => f, StringComparer.Ordinal).ToList()
            : [];

    /// <summary>Appends one metrics line.</summary>
    public void AppendMetrics(MetricsRecord record)
    {
        File.AppendAllText(Metrics, TrainingHistory.Line(record), new UTF8Encoding(false));
        FaultInjection.Reached(FaultInjection.Appended, Metrics);
    }

    /// <summary>
    /// All metrics lines. A last line without its newline is one being written, or torn by a crash: it is
    /// left out (resume rebuilds the file from its checkpoint's history). Any other line that does not
    /// parse, or one written by a newer RnnLab, stops the read with one line naming the file and the line.
    /// </summary>
    public IReadOnlyList<MetricsRecord> ReadMetrics()
    {
        if (!File.Exists(Metrics)) return [];
        var text = File.ReadAllText(Metrics);
        var lines = text.Split('\n');
        var result = new List<MetricsRecord>();
        // Split leaves the text after the last newline as the last entry: empty for a complete file, a torn line otherwise.
        for (var i = 0; i < lines.Length - 1; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i])) continue;
            result.Add(ArtifactFile.Parse($"{Metrics} line {i + 1}", lines[i], ArtifactJson.Default.MetricsRecord, r => r.SchemaVersion, MetricsRecord.CurrentSchema));
        }
        return result;
    }

    /// <summary>
    /// Starts the network's files afresh, for a network trained from its first step: an empty metrics.jsonl
    /// and no TensorBoard events (nothing of an attempt that died before its first checkpoint stays), no
    /// learned/ of that attempt.
    /// </summary>
    public void BeginAfresh()
    {
        AtomicFile.WriteText(Metrics, "");
        if (Directory.Exists(TensorBoard)) Directory.Delete(TensorBoard, recursive: true);
        if (File.Exists(LearnedModel)) File.Delete(LearnedModel);
        RemoveTemporaryFiles();
    }

    /// <summary>
    /// Makes metrics.jsonl say what the history of the checkpoint a run resumes from says, atomically: rows
    /// past its step go (they will be logged again), and rows torn or lost in a crash come back.
    /// </summary>
    public void Reconcile(TrainingHistory history)
    {
        AtomicFile.WriteText(Metrics, history.ToLines());
        RemoveTemporaryFiles();
    }

    // Temporary files of the trainer's atomic writes that a killed process left behind (AtomicFile names
    // them .NAME.GUID.tmp); called by the writer holding the network's lock, so none of them is being written.
    private void RemoveTemporaryFiles()
    {
        foreach (var (folder, pattern) in new[]
                 {
                     (Path, ".metrics.jsonl.*.tmp"), (CheckpointFolder, ".step-*.tmp"),
                     (System.IO.Path.GetDirectoryName(FinalModel)!, ".model.safetensors.*.tmp"), (System.IO.Path.GetDirectoryName(LearnedModel)!, ".model.safetensors.*.tmp"),
                 })
        {
            if (!Directory.Exists(folder)) continue;
            foreach (var temp in Directory.GetFiles(folder, pattern)) File.Delete(temp);
        }
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Path} (seed {Seed})");
}
