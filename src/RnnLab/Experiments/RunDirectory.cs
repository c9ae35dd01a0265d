using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RnnLab.Experiments;

/// <summary>
/// A run: config.json (the resolved options, in config form, so the run can be reproduced or
/// resumed), run.json (how many networks, trained in which <see cref="TrainingMode"/>), and one <see cref="NetworkDirectory"/> per network: the
/// run folder itself for a single network, seed-&lt;k&gt;/ for each of K networks of a multi-seed run.
/// </summary>
public sealed class RunDirectory
{
    private static readonly Dictionary<TrainingMode, string> ModeNames = new()
    {
        [TrainingMode.Separate] = "separate",
        [TrainingMode.Ensemble] = "ensemble",
    };

    private RunDirectory(string path, ExperimentOptions options, int? seeds, TrainingMode mode)
    {
        Path = path;
        Options = options;
        Seeds = seeds;
        Mode = mode;
    }

    /// <summary>The run folder.</summary>
    public string Path { get; }

    /// <summary>The resolved options.</summary>
    public ExperimentOptions Options { get; }

    /// <summary>K for a multi-seed run, null for a single network.</summary>
    public int? Seeds { get; }

    /// <summary>How the networks are trained; resume continues in this mode.</summary>
    public TrainingMode Mode { get; }

    /// <summary>The config file of the run.</summary>
    public static string ConfigPath(string run) => System.IO.Path.Combine(run, "config.json");

    /// <summary>The networks of the run: network k has seed Options.Seed + k.</summary>
    public IReadOnlyList<NetworkDirectory> Networks =>
        Seeds is { } k
            ? Enumerable.Range(0, k).Select(i => new NetworkDirectory(System.IO.Path.Combine(Path, $"seed-{i}"), i, Options.Seed + i)).ToList()
            : [new NetworkDirectory(Path, 0, Options.Seed)];

    /// <summary>
    /// Creates a run folder. An existing, non-empty folder is refused unless replace is set, so a run
    /// is never overwritten by accident.
    /// </summary>
    public static RunDirectory Create(string path, ExperimentOptions options, int? seeds, bool replace, TrainingMode mode = TrainingMode.Separate)
    {
        if (mode == TrainingMode.Ensemble && seeds is not > 1)
            throw new ArgumentException("an ensemble needs a multi-seed run (seeds > 1).", nameof(mode));
        if (Directory.Exists(path) && Directory.EnumerateFileSystemEntries(path).Any())
        {
            if (!replace)
                throw new IOException($"run directory {path} already exists; choose another with --out DIR, continue it with './rnnlab resume {path}', or pass --force to replace it.");
            Directory.Delete(path, recursive: true);
        }
        Directory.CreateDirectory(path);
        WriteAtomically(ConfigPath(path), ExperimentConfig.ToJson(options));
        var run = new JsonObject { ["seeds"] = seeds is null ? null : JsonValue.Create(seeds.Value), ["mode"] = ModeNames[mode], ["format"] = 1 };
        WriteAtomically(System.IO.Path.Combine(path, "run.json"), run.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        return new RunDirectory(path, options, seeds, mode);
    }

    /// <summary>Opens an existing run, re-validating its config.</summary>
    public static RunDirectory Open(string path)
    {
        if (!Directory.Exists(path)) throw new IOException($"{path}: no such run directory.");
        var config = ConfigPath(path);
        if (!File.Exists(config)) throw new IOException($"{path}: not a run directory (it has no config.json).");
        var options = ExperimentConfig.Load(config, environment: new Dictionary<string, string>());
        int? seeds = null;
        var mode = TrainingMode.Separate;   // runs written before the mode was recorded trained separately unless --ensemble
        var runFile = System.IO.Path.Combine(path, "run.json");
        if (File.Exists(runFile))
        {
            JsonNode? node;
            try
            {
                node = JsonNode.Parse(File.ReadAllText(runFile));
            }
            catch (JsonException e)
            {
                throw new IOException($"{runFile}: is not valid JSON: {e.Message}", e);
            }
            if (node?["seeds"] is JsonValue v && v.TryGetValue<int>(out var k) && k > 0) seeds = k;
            if (node?["mode"] is { } m)
            {
                var name = m is JsonValue mv && mv.TryGetValue<string>(out var text) ? text : m.ToJsonString();
                var known = ModeNames.Where(kv => kv.Value == name).Select(kv => (TrainingMode?)kv.Key).FirstOrDefault();
                mode = known ?? throw new IOException($"{runFile}: key 'mode' is '{name}'; allowed: {string.Join(", ", ModeNames.Values)}.");
                if (mode == TrainingMode.Ensemble && seeds is not > 1)
                    throw new IOException($"{runFile}: key 'mode' is 'ensemble' but the run has {seeds ?? 1} network(s); an ensemble needs seeds > 1.");
            }
        }
        return new RunDirectory(path, options, seeds, mode);
    }

    private static void WriteAtomically(string path, string text)
    {
        var temp = path + ".tmp";
        File.WriteAllText(temp, text);
        File.Move(temp, path, overwrite: true);
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Path} ({Seeds ?? 1} network(s), {ModeNames[Mode]})");
}
