using System.Globalization;
using RnnLab.Artifacts;
using RnnLab.IO;
using RnnLab.Models;
using RnnLab.Safetensors;

namespace RnnLab.Experiments;

/// <summary>
/// A run: config.json (the resolved options, in config form, so the run can be reproduced or
/// resumed), run.json (how many networks, trained in which <see cref="TrainingMode"/>, from which
/// starting weights), start/model.safetensors (a copy of the weights handed to <c>train --init</c>, so
/// the run never depends on that file again), and one <see cref="NetworkDirectory"/> per network: the
/// run folder itself for a single network, seed-&lt;k&gt;/ for each of K networks of a multi-seed run.
/// </summary>
public sealed class RunDirectory
{
    private static readonly Dictionary<TrainingMode, string> ModeNames = new()
    {
        [TrainingMode.Separate] = "separate",
        [TrainingMode.Ensemble] = "ensemble",
    };

    private RunDirectory(string path, ExperimentOptions options, int? seeds, TrainingMode mode, bool hasStartingWeights, string? id)
    {
        Path = path;
        Id = id;
        Options = options;
        Seeds = seeds;
        Mode = mode;
        StartingWeightsFile = hasStartingWeights ? StartingWeightsPath(path) : null;
    }

    private static string StartingWeightsPath(string run) => System.IO.Path.Combine(run, "start", "model.safetensors");

    private static string RunFilePath(string run) => System.IO.Path.Combine(run, "run.json");

    /// <summary>The run folder.</summary>
    public string Path { get; }

    /// <summary>What names this run apart from any other made in the same folder (run.json's id); null for runs made before it was recorded.</summary>
    public string? Id { get; }

    /// <summary>The resolved options.</summary>
    public ExperimentOptions Options { get; }

    /// <summary>K for a multi-seed run, null for a single network.</summary>
    public int? Seeds { get; }

    /// <summary>How the networks are trained; resume continues in this mode.</summary>
    public TrainingMode Mode { get; }

    /// <summary>The copy of the weights every network starts from (<c>train --init</c>); null when networks start from their seeds.</summary>
    public string? StartingWeightsFile { get; }

    /// <summary>Reads and checks the starting weights against the run's config; null when there are none.</summary>
    public StartingWeights? ReadStartingWeights()
    {
        if (StartingWeightsFile is null) return null;
        var task = Options.CreateTask();
        return StartingWeights.Read(StartingWeightsFile, Options.Model, task.InputSize, task.OutputSize);
    }

    /// <summary>The config file of the run.</summary>
    public static string ConfigPath(string run) => System.IO.Path.Combine(run, "config.json");

    /// <summary>The networks of the run: network k has seed Options.Seed + k.</summary>
    public IReadOnlyList<NetworkDirectory> Networks =>
        Seeds is { } k
            ? Enumerable.Range(0, k).Select(i => new NetworkDirectory(System.IO.Path.Combine(Path, $"seed-{i}"), i, Options.Seed + i)).ToList()
            : [new NetworkDirectory(Path, 0, Options.Seed)];

    /// <summary>
    /// Creates a run folder. An existing, non-empty folder is refused unless replace is set, so a run is
    /// never overwritten by accident; with replace, only a run RnnLab made, holding only RnnLab's files,
    /// that no process is using, is replaced (<see cref="RunReplacement"/>). Starting weights, when given,
    /// are copied into the run.
    /// </summary>
    public static RunDirectory Create(string path, ExperimentOptions options, int? seeds, bool replace, TrainingMode mode = TrainingMode.Separate,
        StartingWeights? start = null)
    {
        if (mode == TrainingMode.Ensemble && seeds is not > 1)
            throw new ArgumentException("an ensemble needs a multi-seed run (seeds > 1).", nameof(mode));
        IDisposable? replacing = null;
        if (Directory.Exists(path) && Directory.EnumerateFileSystemEntries(path).Any())
        {
            if (!replace)
                throw new RunExistsException(path);
            replacing = RunReplacement.Clear(path);
        }
        using (replacing)
        {
            // run.json first: a folder it marks as RnnLab's can be replaced, even when a kill left it half made.
            Directory.CreateDirectory(path);
            var init = start is null ? null : new StartingWeightsSource("start/model.safetensors", System.IO.Path.GetFullPath(start.Source));
            var id = Guid.NewGuid().ToString("N");
            ArtifactFile.Write(RunFilePath(path), new RunFile(seeds, ModeNames[mode], init, Id: id), ArtifactJson.Default.RunFile);
            AtomicFile.WriteText(ConfigPath(path), ExperimentConfig.ToJson(options));
            if (start is not null)
                SafetensorsFile.Save(StartingWeightsPath(path), start.Tensors, new Dictionary<string, string> { ["source"] = System.IO.Path.GetFullPath(start.Source) });
            return new RunDirectory(path, options, seeds, mode, start is not null, id);
        }
    }

    /// <summary>Opens an existing run, re-validating its config.</summary>
    public static RunDirectory Open(string path)
    {
        if (!Directory.Exists(path)) throw new IOException($"{path}: no such run directory.");
        var config = ConfigPath(path);
        if (!File.Exists(config)) throw new IOException($"{path}: not a run directory (it has no config.json).");
        var options = ExperimentConfig.Load(config, environment: new Dictionary<string, string>());
        int? seeds = null;
        var hasStart = false;
        var mode = TrainingMode.Separate;   // runs written before the mode was recorded trained separately unless --ensemble
        string? id = null;
        var runFile = RunFilePath(path);
        if (File.Exists(runFile))
        {
            var file = ArtifactFile.Read(runFile, ArtifactJson.Default.RunFile, f => f.SchemaVersion, RunFile.CurrentSchema);
            if (file.Seeds is > 0) seeds = file.Seeds;
            id = file.Id;
            if (file.Init is not null)
            {
                hasStart = true;
                if (!File.Exists(StartingWeightsPath(path)))
                    throw new IOException($"{runFile}: key 'init' says the networks start from handed-over weights, but {StartingWeightsPath(path)} is missing.");
            }
            var name = file.Mode ?? ModeNames[TrainingMode.Separate];   // run.json before the mode was recorded
            var known = ModeNames.Where(kv => kv.Value == name).Select(kv => (TrainingMode?)kv.Key).FirstOrDefault();
            mode = known ?? throw new IOException($"{runFile}: key 'mode' is '{name}'; allowed: {string.Join(", ", ModeNames.Values)}.");
            if (mode == TrainingMode.Ensemble && seeds is not > 1)
                throw new IOException($"{runFile}: key 'mode' is 'ensemble' but the run has {seeds ?? 1} network(s); an ensemble needs seeds > 1.");
        }
        return new RunDirectory(path, options, seeds, mode, hasStart, id);
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Path} ({Seeds ?? 1} network(s), {ModeNames[Mode]})");
}
