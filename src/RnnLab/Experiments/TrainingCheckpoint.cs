using System.Globalization;
using TorchSharp;
using RnnLab.Safetensors;
using RnnLab.Training;
using static TorchSharp.torch;

namespace RnnLab.Experiments;

/// <summary>
/// Everything needed to continue training exactly: the model state ("model.*"), the Adam state
/// ("optimizer.*"), the states of the network's random streams (<see cref="NetworkRandomness"/>:
/// "rng.train", "rng.eval", "noise.train", "noise.eval"), the step and the <see cref="TrainingHistory"/>
/// (metadata: the evaluations as metrics.jsonl lines, and the seconds spent). One checksummed
/// safetensors file, written atomically. Format 3 added the history; a format 2 file has none
/// (<see cref="History"/> is null: its caller reads it from metrics.jsonl, as RnnLab then did). Format 1
/// files (torch generator noise) cannot continue the same numbers and are refused.
/// </summary>
public sealed class TrainingCheckpoint : IDisposable
{
    private const string FormatKey = "rnnlab.checkpoint";
    private const string FormatVersion = "3";
    private const string HistorylessFormat = "2";
    private const string EvaluationsKey = "evaluations";
    private const string ElapsedKey = "elapsed_seconds";

    private TrainingCheckpoint(string path, int step, TrainingHistory? history, SafetensorsContent content)
    {
        Path = path;
        Step = step;
        History = history;
        Content = content;
    }

    /// <summary>The file it was read from.</summary>
    public string Path { get; }

    /// <summary>The number of optimizer steps taken.</summary>
    public int Step { get; }

    /// <summary>The evaluations up to <see cref="Step"/> and the time spent; null in a format 2 checkpoint.</summary>
    public TrainingHistory? History { get; }

    /// <summary>The history to resume with: <see cref="History"/>, or for a format 2 checkpoint the network's metrics.jsonl rows up to its step.</summary>
    public TrainingHistory HistoryOf(NetworkDirectory network) =>
        History ?? new TrainingHistory(network.ReadMetrics().Where(r => r.Step <= Step).ToList(), 0);

    private SafetensorsContent Content { get; }

    /// <summary>The model's state dict.</summary>
    public IReadOnlyDictionary<string, Tensor> Model => Section("model.");

    /// <summary>The optimizer's state (see <see cref="RnnLab.Training.AdamState"/>).</summary>
    public IReadOnlyDictionary<string, Tensor> Optimizer => Section("optimizer.");

    /// <summary>The states of the network's random streams, by the names <see cref="NetworkRandomness.Capture"/> gives them.</summary>
    public IReadOnlyDictionary<string, Tensor> Randomness => NetworkRandomness.Names.ToDictionary(n => n, n => Content.Tensors[n]);

    private Dictionary<string, Tensor> Section(string prefix) =>
        Content.Tensors.Where(kv => kv.Key.StartsWith(prefix, StringComparison.Ordinal)).ToDictionary(kv => kv.Key[prefix.Length..], kv => kv.Value);

    /// <summary>The file name of the checkpoint after a step.</summary>
    public static string FileName(int step) => $"step-{step:D8}.safetensors";

    /// <summary>Writes a checkpoint atomically.</summary>
    public static void Save(string path, int step, IReadOnlyDictionary<string, Tensor> model, IReadOnlyDictionary<string, Tensor> optimizer,
        NetworkRandomness randomness, TrainingHistory history)
    {
        using var scope = NewDisposeScope();
        var tensors = new Dictionary<string, Tensor>();
        foreach (var (k, v) in model) tensors["model." + k] = v;
        foreach (var (k, v) in optimizer) tensors["optimizer." + k] = v;
        foreach (var (k, v) in randomness.Capture()) tensors[k] = v;
        SafetensorsFile.Save(path, tensors, new Dictionary<string, string>
        {
            [FormatKey] = FormatVersion,
            ["step"] = step.ToString(CultureInfo.InvariantCulture),
            [EvaluationsKey] = history.ToLines(),
            [ElapsedKey] = history.ElapsedSeconds.ToString("R", CultureInfo.InvariantCulture),
        });
    }

    /// <summary>Reads and checks a checkpoint; a damaged or foreign file throws <see cref="SafetensorsException"/> naming it.</summary>
    public static TrainingCheckpoint Load(string path)
    {
        var content = SafetensorsFile.Load(path, requireChecksum: true);
        try
        {
            if (!content.Metadata.TryGetValue(FormatKey, out var version) || version is not (FormatVersion or HistorylessFormat))
                throw new SafetensorsException(path, $"is not an RnnLab training checkpoint (format {HistorylessFormat} or {FormatVersion}).");
            if (!content.Metadata.TryGetValue("step", out var stepText) || !int.TryParse(stepText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var step) || step < 0)
                throw new SafetensorsException(path, "has no valid step in its metadata.");
            foreach (var key in NetworkRandomness.Names)
                if (!content.Tensors.ContainsKey(key)) throw new SafetensorsException(path, $"lacks '{key}'.");
            return new TrainingCheckpoint(path, step, version == FormatVersion ? ReadHistory(path, content.Metadata, step) : null, content);
        }
        catch
        {
            content.Dispose();
            throw;
        }
    }

    private static TrainingHistory ReadHistory(string path, IReadOnlyDictionary<string, string> metadata, int step)
    {
        if (!metadata.TryGetValue(EvaluationsKey, out var lines) || !metadata.TryGetValue(ElapsedKey, out var elapsedText) ||
            !double.TryParse(elapsedText, NumberStyles.Float, CultureInfo.InvariantCulture, out var elapsed))
            throw new SafetensorsException(path, $"lacks its training history ('{EvaluationsKey}' and '{ElapsedKey}' in its metadata).");
        IReadOnlyList<MetricsRecord> evaluations;
        try
        {
            evaluations = TrainingHistory.ParseLines(path, lines);
        }
        catch (IOException e)
        {
            throw new SafetensorsException(path, $"has a damaged training history: {e.Message}", e);
        }
        if (evaluations.Any(e => e.Step > step))
            throw new SafetensorsException(path, $"holds evaluations past its step {step}.");
        return new TrainingHistory(evaluations, elapsed);
    }

    /// <summary>Releases the tensors.</summary>
    public void Dispose() => Content.Dispose();
}
