using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using RnnLab.Configuration;
using RnnLab.Sweeps;

namespace RnnLab.Studies;

/// <summary>
/// A study file, loaded and checked: a sweep file (<see cref="SweepDefinition"/>: the networks to train or
/// draw) plus the stages to run after it and their options (<see cref="StudyOptions"/>). Nothing is returned
/// unless the sweep, every point, every stage option and the hypothesis spec's path are valid; otherwise a
/// <see cref="ConfigurationException"/> names the file, the key and the rule of each problem.
/// </summary>
public sealed class StudyDefinition
{
    private static readonly string[] SweepKeys = ["Config", "Seeds", "Set", "Grid", "Overrides", "Slurm"];

    private StudyDefinition(string file, SweepDefinition sweep, StudyOptions options)
    {
        File = file;
        Sweep = sweep;
        Options = options;
    }

    /// <summary>The study file, as given.</summary>
    public string File { get; }

    /// <summary>The networks: points × seeds, and the Slurm settings every stage's array uses.</summary>
    public SweepDefinition Sweep { get; }

    /// <summary>The stages and their options, with the hypothesis spec's path made absolute.</summary>
    public StudyOptions Options { get; }

    /// <summary>Loads a study file; overrides (--Section:Key=value) apply to every point's config, as a sweep's do.</summary>
    public static StudyDefinition Load(string path, IReadOnlyList<string>? overrides = null, IReadOnlyDictionary<string, string>? environment = null, long? trainingMemory = null)
    {
        if (!System.IO.File.Exists(path)) throw new ConfigurationException([$"{path}: no such study file (resolved: {Path.GetFullPath(path)})."]);
        var options = BindStages(path, out var errors);
        SweepDefinition? sweep = null;
        try
        {
            sweep = SweepDefinition.Load(path, overrides, environment, trainingMemory, StudyOptions.Keys);
            // The search's keys are checked on every point as analyze will read them (over each point's config).
            if (options.Analyze.FixedPoints.Count > 0)
                SweepDefinition.Load(path, overrides, environment, null, StudyOptions.Keys,
                    new ConfigLayer($"{path} Analyze", [.. options.Analyze.FixedPoints.Select(kv => new KeyValuePair<string, string>("FixedPoints:" + kv.Key, kv.Value))]));
        }
        catch (ConfigurationException e)
        {
            // An unknown top-level key is reported once, by the stages' binding (its line lists every allowed key).
            errors.AddRange(e.Errors.Where(line => !line.Contains("allowed at the top level", StringComparison.Ordinal)));
        }
        var hypotheses = options.Compare.Hypotheses;
        if (hypotheses.Length > 0)
        {
            hypotheses = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, hypotheses));
            if (!System.IO.File.Exists(hypotheses)) errors.Add($"{path}: Compare:Hypotheses \"{options.Compare.Hypotheses}\" (resolved: {hypotheses}): no such file; allowed: a hypothesis spec's path, relative to the study file or absolute, or \"\" for the built-in one.");
        }
        if (errors.Count > 0) throw new ConfigurationException(errors);
        var resolved = new StudyOptions
        {
            Stages = options.Stages,
            Analyze = options.Analyze,
            Compare = new CompareStageOptions { Snapshot = options.Compare.Snapshot, Hypotheses = hypotheses },
            Similarity = options.Similarity,
            Census = options.Census,
        };
        return new StudyDefinition(path, sweep!, resolved);
    }

    /// <summary>
    /// Binds a study file's own keys (the sweep keys are left to the sweep's binding); errors collects every
    /// problem, each naming the file and the key.
    /// </summary>
    public static StudyOptions BindStages(string path, out List<string> errors)
    {
        var root = OrderedJsonSource.LoadOptionsFile(path);
        var binder = new OptionsBinder(root, path);
        var options = binder.Bind<StudyOptions>(root, SweepKeys);
        errors = [.. binder.Errors];
        return options;
    }

    /// <summary>The resolved study in the study file's format: the resolved sweep (<see cref="SweepDefinition.ToJson"/>) and every stage option.</summary>
    public string ToJson()
    {
        var root = JsonNode.Parse(Sweep.ToJson())!.AsObject();
        static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode)JsonValue.Create(v))]);
        var fixedPoints = new JsonObject();
        foreach (var (key, value) in Options.Analyze.FixedPoints.OrderBy(kv => kv.Key, StringComparer.OrdinalIgnoreCase)) fixedPoints[key] = value;
        root["Stages"] = Strings(Options.Stages);
        root["Analyze"] = new JsonObject { ["Snapshots"] = Strings(Options.Analyze.Snapshots), ["Conditions"] = Options.Analyze.Conditions, ["FixedPoints"] = fixedPoints };
        root["Compare"] = new JsonObject { ["Snapshot"] = Options.Compare.Snapshot, ["Hypotheses"] = Options.Compare.Hypotheses };
        root["Similarity"] = new JsonObject { ["Metrics"] = Strings(Options.Similarity.Metrics), ["Snapshot"] = Options.Similarity.Snapshot, ["Trials"] = Options.Similarity.Trials };
        root["Census"] = new JsonObject { ["Snapshots"] = Strings(Options.Census.Snapshots) };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }
}
