using TorchSharp;
using RnnLab.Experiments;
using RnnLab.Models;
using RnnLab.Tasks;
using RnnLab.Safetensors;
using static TorchSharp.torch;

namespace RnnLab.Analysis;

/// <summary>Rebuilds a trained (or untrained) network of a run from its saved weights, in float64 for analysis.</summary>
public static class NetworkLoader
{
    /// <summary>The weights file of a snapshot.</summary>
    public static string PathOf(NetworkDirectory network, Snapshot snapshot) => snapshot switch
    {
        Snapshot.Init => network.InitialModel,
        Snapshot.Learned => network.LearnedModel,
        _ => network.FinalModel,
    };

    /// <summary>The error for a snapshot's missing weights file: it names the file and why it is missing.</summary>
    public static SnapshotMissingException Missing(NetworkDirectory network, Snapshot snapshot) => new(network, snapshot, PathOf(network, snapshot), snapshot switch
    {
        Snapshot.Init => SnapshotAbsence.NotARun,
        Snapshot.Learned => network.Finished ? SnapshotAbsence.NeverLearned : SnapshotAbsence.NotYetLearned,
        _ => SnapshotAbsence.NotFinished,
    });

    /// <summary>
    /// Reads a weights file of the network (a snapshot) with its checksum, and checks its tensors against the
    /// network the run's config builds (<see cref="SnapshotFit"/>); throws naming the file when it is missing,
    /// damaged or of another config.
    /// </summary>
    public static SafetensorsContent Read(ExperimentOptions options, ICognitiveTask task, NetworkDirectory network, Snapshot snapshot) =>
        Read(options.Model, task, network, snapshot);

    private static SafetensorsContent Read(ModelOptions model, ICognitiveTask task, NetworkDirectory network, Snapshot snapshot)
    {
        var path = PathOf(network, snapshot);
        if (!File.Exists(path)) throw Missing(network, snapshot);
        var content = SafetensorsFile.Load(path, requireChecksum: true);
        try
        {
            CheckFits(model, task, path, content.Tensors);
            return content;
        }
        catch
        {
            content.Dispose();
            throw;
        }
    }

    /// <summary>Checks tensors read from path (a snapshot, or a checkpoint's model) against the network these options build.</summary>
    public static void CheckFits(ModelOptions model, ICognitiveTask task, string path, IReadOnlyDictionary<string, Tensor> tensors)
    {
        using var scope = NewDisposeScope();
        using var template = RateRnn.ForSeed(model, task.InputSize, task.OutputSize, 0);
        SnapshotFit.Check(path, tensors, template.StateOf(0));
    }

    /// <summary>Loads the network; throws naming the file when it is missing, damaged or of another config (<see cref="SnapshotFit"/>).</summary>
    public static RateRnn Load(ExperimentOptions options, ICognitiveTask task, NetworkDirectory network, Snapshot snapshot) =>
        Load(options.Model, task, network, snapshot);

    /// <summary>
    /// Loads the network's weights into a model built with the given options: the run's own, or the
    /// run's with something changed (the activation, to re-simulate the trained weights under another f).
    /// </summary>
    public static RateRnn Load(ModelOptions model, ICognitiveTask task, NetworkDirectory network, Snapshot snapshot)
    {
        using var content = Read(model, task, network, snapshot);
        var rnn = RateRnn.ForSeed(model, task.InputSize, task.OutputSize, unchecked((ulong)network.Seed));
        rnn.LoadStateOf(0, content.Tensors);
        rnn.to(float64);
        return rnn;
    }
}
