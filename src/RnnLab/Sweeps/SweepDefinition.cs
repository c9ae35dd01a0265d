using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using RnnLab.Configuration;
using RnnLab.Experiments;
using RnnLab.Slurm;

namespace RnnLab.Sweeps;

/// <summary>
/// A sweep file, loaded and every point validated: base configs (Config, one path or a list, relative to
/// the sweep file), Seeds networks per point, a Grid of config keys and their values (every combination,
/// the first key varying slowest), a Set of keys every point shares, Overrides (--Section:Key=value, as
/// on the command line) and the Slurm settings. Nothing is returned unless every point is a valid config;
/// otherwise a <see cref="ConfigurationException"/> names the point, the key and the rule of each problem.
/// </summary>
public sealed partial class SweepDefinition
{
    private static readonly string[] TopLevelKeys = ["Config", "Seeds", "Grid", "Set", "Overrides", "Slurm"];

    /// <summary>
    /// Networks one sweep may hold (configs x grid values x seeds). Every point is validated as a config
    /// before anything runs, about a millisecond each: a 1000 x 1000 grid would be checked for many minutes
    /// in silence, so its size is checked first.
    /// </summary>
    public const int MaxNetworks = 10_000;

    private SweepDefinition(string file, IReadOnlyList<string> configs, int seeds, IReadOnlyList<KeyValuePair<string, GridValue>> set,
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

    /// <summary>Keys every point sets.</summary>
    public IReadOnlyList<KeyValuePair<string, GridValue>> Set { get; }

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
    /// </summary>
    public static SweepDefinition Load(string path, IReadOnlyList<string>? overrides = null, IReadOnlyDictionary<string, string>? environment = null,
        long? trainingMemory = null)
    {
        if (!System.IO.File.Exists(path)) throw new ConfigurationException([$"{path}: no such sweep file (resolved: {Path.GetFullPath(path)})."]);
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(System.IO.File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            root = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new ConfigurationException([$"{path}: is not valid JSON: {e.Message}"]);
        }
        if (root.ValueKind != JsonValueKind.Object) throw new ConfigurationException([$"{path}: a sweep file is a JSON object with keys {string.Join(", ", TopLevelKeys)}."]);

        var errors = new List<string>();
        void Error(string message) => errors.Add($"{path}: {message}");
        foreach (var property in root.EnumerateObject())
            if (!TopLevelKeys.Contains(property.Name, StringComparer.OrdinalIgnoreCase))
                Error($"unknown key {property.Name}; allowed at the top level: {string.Join(", ", TopLevelKeys)}.");

        var configs = ReadConfigs(path, Get(root, "Config"), Error);
        var seeds = ReadSeeds(Get(root, "Seeds"), Error);
        var grid = ReadGrid(Get(root, "Grid"), Error);
        var set = ReadSet(Get(root, "Set"), Error);
        var fileOverrides = ReadOverrides(Get(root, "Overrides"), Error);
        var slurm = ReadSlurm(path, errors);
        CheckSize(configs.Count, grid, seeds, Error);
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
        var allOverrides = fromEnvironment.Concat(fileOverrides).Concat(overrides ?? []).ToList();
        foreach (var o in allOverrides)
        {
            var key = OverrideKey(o);
            if (key is not null && grid.Any(a => string.Equals(a.Key, key, StringComparison.OrdinalIgnoreCase)))
                Error($"the override {o} sets {key}, which the Grid varies; allowed: overrides of keys outside the Grid.");
        }
        if (errors.Count > 0) throw new ConfigurationException(errors);

        var points = Resolve(path, configs, grid, set, allOverrides, new Dictionary<string, string>(), trainingMemory, errors);
        if (errors.Count > 0) throw new ConfigurationException(errors);
        return new SweepDefinition(path, configs, seeds, set, grid, allOverrides, slurm, points);
    }

    // The size from the axes' lengths, before the grid is expanded (in double: a product of lengths may overflow).
    private static void CheckSize(int configs, IReadOnlyList<GridAxis> grid, int seeds, Action<string> error)
    {
        var networks = Math.Max(1, configs) * grid.Aggregate(1.0, (product, axis) => product * axis.Values.Count) * seeds;
        if (networks <= MaxNetworks) return;
        var factors = new List<string> { configs == 1 ? "1 config" : $"{configs} configs" };
        factors.AddRange(grid.Select(a => $"{a.Values.Count} {a.Key} values"));
        factors.Add(seeds == 1 ? "1 seed" : $"{seeds} seeds");
        error(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"Config, Grid and Seeds make {string.Join(" x ", factors)} = {networks:0} networks; allowed: at most {MaxNetworks} networks in one sweep."));
    }

    private static JsonElement? Get(JsonElement root, string key)
    {
        foreach (var p in root.EnumerateObject())
            if (string.Equals(p.Name, key, StringComparison.OrdinalIgnoreCase)) return p.Value;
        return null;
    }

    private static List<string> ReadConfigs(string path, JsonElement? element, Action<string> error)
    {
        var written = new List<string>();
        if (element is null) error("Config is missing; allowed: a config file path, or a list of them, relative to the sweep file or absolute.");
        else if (element.Value.ValueKind == JsonValueKind.String) written.Add(element.Value.GetString()!);
        else if (element.Value.ValueKind == JsonValueKind.Array && element.Value.GetArrayLength() > 0 && element.Value.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String))
            written.AddRange(element.Value.EnumerateArray().Select(e => e.GetString()!));
        else error($"Config = {element.Value.GetRawText()} is not a path; allowed: a config file path, or a non-empty list of them.");

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

    private static int ReadSeeds(JsonElement? element, Action<string> error)
    {
        if (element is null) return 1;
        if (element.Value.ValueKind == JsonValueKind.Number && element.Value.TryGetInt32(out var k) && k is >= 1 and <= 10_000) return k;
        error($"Seeds = {element.Value.GetRawText()} is out of range; allowed: an integer from 1 to 10000 (networks per point).");
        return 1;
    }

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_]*(:[A-Za-z0-9_]+)+$")]
    private static partial Regex ConfigKey();

    private static GridValue? Scalar(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => new GridValue(e.GetString()!, e.GetRawText()),
        JsonValueKind.Number => new GridValue(e.GetRawText(), e.GetRawText()),
        JsonValueKind.True => new GridValue("true", "true"),
        JsonValueKind.False => new GridValue("false", "false"),
        _ => null,
    };

    private static List<GridAxis> ReadGrid(JsonElement? element, Action<string> error)
    {
        var axes = new List<GridAxis>();
        if (element is null) return axes;
        if (element.Value.ValueKind != JsonValueKind.Object)
        {
            error("Grid is not an object; allowed: { \"Section:Key\": [value, ...], ... }.");
            return axes;
        }
        foreach (var axis in element.Value.EnumerateObject())
        {
            if (!ConfigKey().IsMatch(axis.Name))
            {
                error($"Grid key \"{axis.Name}\" is not a config key; allowed: Section:Key, for example Model:Units.");
                continue;
            }
            if (axes.Any(a => string.Equals(a.Key, axis.Name, StringComparison.OrdinalIgnoreCase)))
            {
                error($"Grid key {axis.Name} appears twice.");
                continue;
            }
            var values = axis.Value.ValueKind == JsonValueKind.Array ? axis.Value.EnumerateArray().Select(Scalar).ToList() : null;
            if (values is null || values.Count == 0 || values.Any(v => v is null))
            {
                error($"Grid:{axis.Name} = {axis.Value.GetRawText()} is not a list of values; allowed: a non-empty list of numbers, strings or booleans.");
                continue;
            }
            if (values.Select(v => v!.Text).Distinct().Count() != values.Count)
            {
                error($"Grid:{axis.Name} lists a value twice.");
                continue;
            }
            axes.Add(new GridAxis(axis.Name, values!));
        }
        return axes;
    }

    private static List<KeyValuePair<string, GridValue>> ReadSet(JsonElement? element, Action<string> error)
    {
        var set = new List<KeyValuePair<string, GridValue>>();
        if (element is null) return set;
        if (element.Value.ValueKind != JsonValueKind.Object)
        {
            error("Set is not an object; allowed: { \"Section:Key\": value, ... }.");
            return set;
        }
        foreach (var p in element.Value.EnumerateObject())
        {
            if (!ConfigKey().IsMatch(p.Name)) error($"Set key \"{p.Name}\" is not a config key; allowed: Section:Key, for example Model:Activation.");
            else if (Scalar(p.Value) is not { } value) error($"Set:{p.Name} = {p.Value.GetRawText()} is not a value; allowed: a number, a string or a boolean.");
            else set.Add(new(p.Name, value));
        }
        return set;
    }

    private static List<string> ReadOverrides(JsonElement? element, Action<string> error)
    {
        if (element is null) return [];
        if (element.Value.ValueKind == JsonValueKind.Array && element.Value.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String))
            return element.Value.EnumerateArray().Select(e => e.GetString()!).ToList();
        error("Overrides is not a list of strings; allowed: [\"--Section:Key=value\", ...].");
        return [];
    }

    private static string? OverrideKey(string o)
    {
        var equals = o.IndexOf('=');
        return o.StartsWith("--", StringComparison.Ordinal) && equals > 2 ? o[2..equals] : null;
    }

    private static SlurmOptions ReadSlurm(string path, List<string> errors)
    {
        IConfigurationRoot root;
        try
        {
            root = new ConfigurationBuilder().AddJsonFile(Path.GetFullPath(path), optional: false, reloadOnChange: false).Build();
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or JsonException)
        {
            errors.Add($"{path}: {(e.InnerException ?? e).Message}");
            return new SlurmOptions();
        }
        var binder = new OptionsBinder(root, path);
        var slurm = binder.Bind<SlurmOptions>(root.GetSection("Slurm"));
        errors.AddRange(binder.Errors);
        return slurm;
    }

    // Every combination of the grid for every config, each validated as the config it makes.
    private static List<SweepPoint> Resolve(string path, IReadOnlyList<string> configs, IReadOnlyList<GridAxis> grid,
        IReadOnlyList<KeyValuePair<string, GridValue>> set, IReadOnlyList<string> overrides, IReadOnlyDictionary<string, string>? environment, long? trainingMemory, List<string> errors)
    {
        var combinations = new List<List<KeyValuePair<string, string>>> { new() };
        foreach (var axis in grid)
            combinations = combinations.SelectMany(c => axis.Values.Select(v => c.Append(new KeyValuePair<string, string>(axis.Key, v.Text)).ToList())).ToList();

        var setLayer = set.Select(kv => new KeyValuePair<string, string>(kv.Key, kv.Value.Text)).ToList();
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
                        [new ConfigLayer($"{path} Set", setLayer), new ConfigLayer($"{path} Grid", values)], trainingMemory);
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
        foreach (var axis in Grid) gridObject[axis.Key] = new JsonArray(axis.Values.Select(v => JsonNode.Parse(v.Json)).ToArray());
        var setObject = new JsonObject();
        foreach (var (key, value) in Set) setObject[key] = JsonNode.Parse(value.Json);
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
}
