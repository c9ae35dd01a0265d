using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using RnnLab.Configuration;
using RnnLab.Models;
using RnnLab.Tasks;
using RnnLab.Training;

namespace RnnLab.Experiments;

/// <summary>
/// Loads experiment configs: a JSON file, then environment overrides (RNNLAB_Section__Key), then
/// command-line overrides (--Section:Key=value), bound strictly to <see cref="ExperimentOptions"/>.
/// Every problem is reported at once; nothing is returned unless the whole config is valid.
/// </summary>
public static partial class ExperimentConfig
{
    private static readonly string[] TopLevelKeys = ["Name", "Seed", "Model", "Task", "Training", "FixedPoints"];

    /// <summary>
    /// Loads and validates; throws <see cref="ConfigurationException"/> listing every problem. layers (a
    /// sweep's Set and grid point) apply over the file and under the environment and command line.
    /// trainingMemory: for a config about to be trained, the bytes training may use; a config whose
    /// <see cref="TrainingMemory"/> is larger is refused, naming the key that drives it and where it was set.
    /// </summary>
    public static ExperimentOptions Load(string path, IReadOnlyList<string>? overrides = null, IReadOnlyDictionary<string, string>? environment = null,
        IReadOnlyList<ConfigLayer>? layers = null, long? trainingMemory = null)
    {
        if (!File.Exists(path)) throw new ConfigurationException([$"{path}: no such config file."]);
        var errors = new List<string>();
        foreach (var o in overrides ?? [])
            if (!OverrideForm().IsMatch(o))
                errors.Add($"command line: '{o}' is not an override; allowed: --Section:Key=value, for example --Model:Units=64.");
        if (errors.Count > 0) throw new ConfigurationException(errors);

        IConfigurationRoot root;
        try
        {
            var builder = new ConfigurationBuilder().AddJsonFile(Path.GetFullPath(path), optional: false, reloadOnChange: false);
            foreach (var layer in layers ?? []) builder.Add(layer);
            root = builder
                .Add(new EnvironmentOverrides(environment))
                .AddCommandLine(overrides?.ToArray() ?? [])
                .Build();
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or JsonException or IOException)
        {
            throw new ConfigurationException([$"{path}: is not valid JSON: {(e.InnerException ?? e).Message}"]);
        }
        return Bind(root, path, trainingMemory);
    }

    [GeneratedRegex(@"^--[A-Za-z][A-Za-z0-9_]*(:[A-Za-z0-9_]+)*=.*$")]
    private static partial Regex OverrideForm();

    private static ExperimentOptions Bind(IConfigurationRoot root, string path, long? trainingMemory)
    {
        var binder = new OptionsBinder(root, path);
        foreach (var child in root.GetChildren())
            if (!TopLevelKeys.Contains(child.Key, StringComparer.OrdinalIgnoreCase))
                binder.Error(child.Path, $"unknown key {child.Key}; allowed at the top level: {string.Join(", ", TopLevelKeys)}.");

        var name = root["Name"];
        if (string.IsNullOrWhiteSpace(name))
            binder.Error("Name", "Name is missing; allowed: letters, digits, '.', '_' and '-'.");
        else if (!Regex.IsMatch(name, "^[A-Za-z0-9._-]+$"))
            binder.Error("Name", $"Name = \"{name}\" is not a valid run name; allowed: letters, digits, '.', '_' and '-'.");

        long seed = 1;
        if (root["Seed"] is { } seedText && (!long.TryParse(seedText, NumberStyles.Integer, CultureInfo.InvariantCulture, out seed) || seed < 0))
            binder.Error("Seed", $"Seed = \"{seedText}\" is not a non-negative integer; allowed: an integer from 0 to {long.MaxValue}.");

        var model = binder.Bind<ModelOptions>(root.GetSection("Model"));
        var training = binder.Bind<TrainingOptions>(root.GetSection("Training"));
        var fixedPoints = binder.Bind<FixedPointOptions>(root.GetSection("FixedPoints"));

        var taskSection = root.GetSection("Task");
        var kind = taskSection["Kind"];
        TaskOptions? task = null;
        if (string.IsNullOrWhiteSpace(kind))
            binder.Error("Task:Kind", $"Task:Kind is missing; allowed: {string.Join(", ", TaskCatalog.Kinds)}.");
        else if (TaskCatalog.OptionsTypeOf(kind) is not { } optionsType)
            binder.Error("Task:Kind", $"Task:Kind = \"{kind}\" is not a known task; allowed: {string.Join(", ", TaskCatalog.Kinds)}.");
        else
            task = (TaskOptions)binder.Bind(optionsType, taskSection, "Kind");

        if (binder.Errors.Count > 0) throw new ConfigurationException(binder.Errors);
        var options = new ExperimentOptions
        {
            Name = name!,
            Seed = seed,
            TaskKind = kind!.ToLowerInvariant(),
            Model = model,
            Task = task!,
            Training = training,
            FixedPoints = fixedPoints,
        };
        if (trainingMemory is { } available && TrainingMemory.Of(options).Refusal(available) is { } refusal)
        {
            binder.Error(refusal.Key, refusal.Message);
            throw new ConfigurationException(binder.Errors);
        }
        return options;
    }

    /// <summary>The resolved options as JSON in the config format (every key, defaults included), for config.json.</summary>
    public static string ToJson(ExperimentOptions options)
    {
        JsonObject Section(object o, params (string, JsonNode?)[] first)
        {
            var obj = new JsonObject();
            foreach (var (k, v) in first) obj[k] = v;
            foreach (var p in OptionsBinder.Settable(o.GetType()))
                obj[p.Name] = Value(p.GetValue(o));
            return obj;
        }
        var root = new JsonObject
        {
            ["Name"] = options.Name,
            ["Seed"] = options.Seed,
            ["Model"] = Section(options.Model),
            ["Task"] = Section(options.Task, ("Kind", options.TaskKind)),
            ["Training"] = Section(options.Training),
            ["FixedPoints"] = Section(options.FixedPoints),
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static JsonNode? Value(object? v) => v switch
    {
        null => null,
        Enum e => JsonValue.Create(OptionNames.Of(e)),
        string s => JsonValue.Create(s),
        int i => JsonValue.Create(i),
        long l => JsonValue.Create(l),
        double d => JsonValue.Create(d),
        bool b => JsonValue.Create(b),
        int[] a => new JsonArray(a.Select(x => (JsonNode)JsonValue.Create(x)).ToArray()),
        double[] a => new JsonArray(a.Select(x => (JsonNode)JsonValue.Create(x)).ToArray()),
        string[] a => new JsonArray(a.Select(x => (JsonNode)JsonValue.Create(x)!).ToArray()),
        _ => throw new NotSupportedException($"cannot write {v.GetType().Name} to config JSON"),
    };
}
