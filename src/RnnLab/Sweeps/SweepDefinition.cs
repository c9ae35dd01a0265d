using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using RnnLab.Configuration;
using RnnLab.Experiments;
using RnnLab.Slurm;

namespace RnnLab.Sweeps;

/// <summary>
/// A sweep file, loaded and every point validated: its <see cref="SweepOptions"/> (base configs, Seeds
/// networks per point, a Grid of config keys and their values, a Set of keys every point shares, Overrides and
/// the Slurm settings) expanded into points, every combination of the grid for every config, the first key
/// varying slowest. Nothing is returned unless every point is a valid config; otherwise a
/// <see cref="ConfigurationException"/> names the point, the key and the rule of each problem.
/// </summary>
public sealed partial class SweepDefinition
{
    /// <summary>
    /// Networks one sweep may hold (configs x grid values x seeds). Every point is validated as a config
    /// before anything runs, about a millisecond each: a 1000 x 1000 grid would be checked for many minutes
    /// in silence, so its size is checked first.
    /// </summary>
    public const int MaxNetworks = 10_000;

    private SweepDefinition(string file, IReadOnlyList<string> configs, int seeds, IReadOnlyList<KeyValuePair<string, string>> set,
        IReadOnlyList<GridAxis> grid, IReadOnlyList<string> overrides, SlurmOptions slurm, IReadOnlyList<SweepPoint> points)
    {
        File = file;
        Configs = configs;
        Seeds = seeds;
        Set = set;
        Grid = grid;
        Overrides = overrides;
        Slurm = slurm;
        Points = points;
    }

    /// <summary>The sweep file, as given.</summary>
    public string File { get; }

    /// <summary>The base configs, as absolute paths.</summary>
    public IReadOnlyList<string> Configs { get; }

    /// <summary>Networks per point (seed-0 .. seed-K-1, with the config's Seed + k).</summary>
    public int Seeds { get; }

    /// <summary>Keys every point sets, with the text each is set to.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Set { get; }

    /// <summary>The keys varied and their values.</summary>
    public IReadOnlyList<GridAxis> Grid { get; }

    /// <summary>--Section:Key=value overrides applied to every point: the environment's (RNNLAB_Section__Key), then the sweep file's, then the command line's.</summary>
    public IReadOnlyList<string> Overrides { get; }

    /// <summary>Where and with what Slurm runs the array.</summary>
    public SlurmOptions Slurm { get; }

    /// <summary>Every point, configs in order, then the grid with its first key varying slowest.</summary>
    public IReadOnlyList<SweepPoint> Points { get; }

    /// <summary>Networks in all: points × seeds.</summary>
    public int Networks => Points.Count * Seeds;

    /// <summary>
    /// Loads a sweep file; overrides (--Section:Key=value) apply to every point, after the file's own.
    /// environment: the RNNLAB_Section__Key variables (the process's when null). trainingMemory: for a sweep
    /// about to train here, the bytes one network's training may use (see <see cref="ExperimentConfig.Load"/>).
    /// otherKeys: top-level keys that belong to a file built on the sweep file (a study's stages), left to its own binding.
    /// over: keys set on every point after the Grid, as a layer named by its source (a study's search keys, checked on every point).
    /// </summary>
    public static SweepDefinition Load(string path, IReadOnlyList<string>? overrides = null, IReadOnlyDictionary<string, string>? environment = null,
        long? trainingMemory = null, IReadOnlyList<string>? otherKeys = null, ConfigLayer? over = null)
    {
        if (!System.IO.File.Exists(path)) throw new ConfigurationException([$"{path}: no such sweep file (resolved: {Path.GetFullPath(path)})."]);
        var root = OrderedJsonSource.LoadOptionsFile(path);
        var binder = new OptionsBinder(root, path);
        var options = binder.Bind<SweepOptions>(root, [.. otherKeys ?? []]);
        var errors = binder.Errors.ToList();
        void Error(string message) => errors.Add($"{path}: {message}");

        // Absent, or bound as no path at all (a value the binder refused is already reported).
        const string configsAllowed = "allowed: a config file path, or a non-empty list of them, relative to the sweep file or absolute.";
        if (!root.GetSection("Config").Exists()) Error($"Config is missing; {configsAllowed}");
        else if (options.Config.Length == 0 && root["Config"] is not null) Error($"Config is empty; {configsAllowed}");
        var configs = ResolveConfigs(path, options.Config, Error);
        // JSON's true and false reach the configuration as True and False; points are named as the file writes them.
        var grid = options.Grid.Select(axis => new GridAxis(axis.Key, axis.Value.Select(AsWritten).ToList())).ToList();
        var set = options.Set.Select(kv => new KeyValuePair<string, string>(kv.Key, AsWritten(kv.Value))).ToList();
        CheckSize(configs.Count, grid, options.Seeds, Error);
        // Environment overrides (RNNLAB_Section__Key) apply to every point, under the overrides; the resolved
        // sweep records them as overrides of its own, so that it says everything that set a key.
        var variables = environment ?? Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? "");
        var fromEnvironment = new List<string>();
        foreach (var (variable, value) in variables.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            if (EnvironmentOverrides.KeyOf(variable) is not { } key) continue;
            if (grid.Any(a => string.Equals(a.Key, key, StringComparison.OrdinalIgnoreCase)))
                Error($"the environment variable {variable} sets {key}, which the Grid varies; allowed: variables for keys outside the Grid.");
            else
                fromEnvironment.Add($"--{key}={value}");
        }
        var allOverrides = fromEnvironment.Concat(options.Overrides).Concat(overrides ?? []).ToList();
        foreach (var o in allOverrides)
        {
            var key = SweepOptions.KeyOfOverride(o);
            if (key is not null && grid.Any(a => string.Equals(a.Key, key, StringComparison.OrdinalIgnoreCase)))
                Error($"the override {o} sets {key}, which the Grid varies; allowed: overrides of keys outside the Grid.");
        }
        if (errors.Count > 0) throw new ConfigurationException(errors);

        var points = Resolve(path, configs, grid, set, allOverrides, new Dictionary<string, string>(), trainingMemory, errors, over);
        if (errors.Count > 0) throw new ConfigurationException(errors);
        return new SweepDefinition(path, configs, options.Seeds, set, grid, allOverrides, options.Slurm, points);
    }

    private static string AsWritten(string text) => text switch { "True" => "true", "False" => "false", _ => text };

    // The size from the axes' lengths, before the grid is expanded (in double: a product of lengths may overflow).
    private static void CheckSize(int configs, IReadOnlyList<GridAxis> grid, int seeds, Action<string> error)
    {
        var networks = Math.Max(1, configs) * grid.Aggregate(1.0, (product, axis) => product * axis.Values.Count) * seeds;
        if (networks <= MaxNetworks) return;
        var factors = new List<string> { configs == 1 ? "1 config" : $"{configs} configs" };
        factors.AddRange(grid.Select(a => $"{a.Values.Count} {a.Key} values"));
        factors.Add(seeds == 1 ? "1 seed" : $"{seeds} seeds");
        error(string.Create(CultureInfo.InvariantCulture,
            $"Config, Grid and Seeds make {string.Join(" x ", factors)} = {networks:0} networks; allowed: at most {MaxNetworks} networks in one sweep."));
    }

    // The configs as absolute paths, relative ones taken from the sweep file's directory.
    private static List<string> ResolveConfigs(string path, IReadOnlyList<string> written, Action<string> error)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var configs = new List<string>();
        foreach (var c in written)
        {
            var resolved = Path.GetFullPath(Path.Combine(directory, c));
            if (!System.IO.File.Exists(resolved)) error($"Config \"{c}\" (resolved: {resolved}): no such config file.");
            else if (configs.Contains(resolved)) error($"Config \"{c}\" is listed twice.");
            else configs.Add(resolved);
        }
        return configs;
    }

    // Every combination of the grid for every config, each validated as the config it makes.
    private static List<SweepPoint> Resolve(string path, IReadOnlyList<string> configs, IReadOnlyList<GridAxis> grid,
        IReadOnlyList<KeyValuePair<string, string>> set, IReadOnlyList<string> overrides, IReadOnlyDictionary<string, string>? environment, long? trainingMemory, List<string> errors,
        ConfigLayer? over)
    {
        var combinations = new List<List<KeyValuePair<string, string>>> { new() };
        foreach (var axis in grid)
            combinations = combinations.SelectMany(c => axis.Values.Select(v => c.Append(new KeyValuePair<string, string>(axis.Key, v)).ToList())).ToList();

        var points = new List<SweepPoint>();
        var problems = new List<(string Point, string Message)>();
        foreach (var config in configs)
        {
            foreach (var values in combinations)
            {
                ExperimentOptions? options = null;
                var label = PointName.Of(Path.GetFileNameWithoutExtension(config), values);
                try
                {
                    options = ExperimentConfig.Load(config, overrides, environment,
                        [new ConfigLayer($"{path} Set", set), new ConfigLayer($"{path} Grid", values), .. over is null ? Array.Empty<ConfigLayer>() : [over]], trainingMemory);
                }
                catch (ConfigurationException e)
                {
                    problems.AddRange(e.Errors.Select(m => (label, m)));
                }
                if (options is null) continue;
                var name = PointName.Of(options.Name, values);
                if (SweepDirectory.ReservedNames.Contains(name))
                    problems.Add((name, $"its directory name {name} is one of the sweep's own entries ({string.Join(", ", SweepDirectory.ReservedNames)}); allowed: another config Name, or a Grid."));
                else if (points.FirstOrDefault(p => p.Name == name) is { } twin)
                    problems.Add((name, $"its directory name {name} is also the name of another point (of {twin.Config}); allowed: configs with different Names."));
                else
                    points.Add(new SweepPoint(name, config, values, options));
            }
        }
        // A problem shared by many points (a bad Set key) is said once, naming the points it concerns.
        foreach (var group in problems.GroupBy(p => p.Message))
        {
            var names = group.Select(p => p.Point).Distinct().ToList();
            var which = names.Count == configs.Count * combinations.Count && names.Count > 1 ? "every point" : names.Count == 1 ? $"point {names[0]}" : names.Count <= 3 ? $"points {string.Join(", ", names)}" : $"points {string.Join(", ", names.Take(3))} and {names.Count - 3} more";
            errors.Add($"{path}: {which}: {group.Key}");
        }
        return points;
    }

    /// <summary>
    /// The resolved sweep in the sweep file's own format: absolute config paths, every Slurm key, and the
    /// command line's overrides folded into Overrides, so that the sweep directory records exactly what ran.
    /// </summary>
    public string ToJson()
    {
        var gridObject = new JsonObject();
        foreach (var axis in Grid) gridObject[axis.Key] = new JsonArray(axis.Values.Select(Json).ToArray());
        var setObject = new JsonObject();
        foreach (var (key, value) in Set) setObject[key] = Json(value);
        var root = new JsonObject
        {
            ["Config"] = new JsonArray(Configs.Select(c => (JsonNode)JsonValue.Create(c)).ToArray()),
            ["Seeds"] = Seeds,
            ["Set"] = setObject,
            ["Grid"] = gridObject,
            ["Overrides"] = new JsonArray(Overrides.Select(o => (JsonNode)JsonValue.Create(o)).ToArray()),
            ["Slurm"] = new JsonObject
            {
                ["Partition"] = Slurm.Partition,
                ["Account"] = Slurm.Account,
                ["Qos"] = Slurm.Qos,
                ["TimeLimit"] = Slurm.TimeLimit,
                ["CpusPerTask"] = Slurm.CpusPerTask,
                ["MemoryMB"] = Slurm.MemoryMB,
            },
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    // A value as JSON: numbers and booleans as such, anything else as a string (the config reads all as text).
    private static JsonNode? Json(string text) =>
        text is "true" or "false" ? JsonValue.Create(text == "true")
        : JsonNumber().IsMatch(text) ? JsonNode.Parse(text)
        : JsonValue.Create(text);

    [GeneratedRegex(@"^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$")]
    private static partial Regex JsonNumber();
}
