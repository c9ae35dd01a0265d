using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using RnnLab.Configuration;

namespace RnnLab.Analysis.Hypotheses;

/// <summary>
/// A hypothesis spec (experiments/hypotheses/*.json): how a set of hypotheses is tested, fixed before the
/// results are seen. For each hypothesis, its parts name a measure (<see cref="HypothesisMeasures"/>) and,
/// for a part that decides, the direction and either a threshold or the measure's null; every part says
/// why. Alpha, the correction across the deciding parts (holm or none), the fewest networks a verdict
/// needs and which networks enter (learned: those the run's stop rule found to have learned the task; all)
/// apply to the whole file. Sha256 is the hash of the file's bytes, which hypotheses.json records: a rule
/// changed after results were seen is a new Version with its Changes said, never a silent edit.
/// </summary>
public sealed record HypothesisSpec(string Name, int Version, double Alpha, string Correction, int MinimumNetworks, string Inclusion, string Rule, string Changes,
    IReadOnlyList<HypothesisSpecEntry> Hypotheses)
{
    /// <summary>Where the spec was read from: a path, or the built-in copy's name.</summary>
    [JsonIgnore] public string Source { get; init; } = "";

    /// <summary>SHA-256 of the spec's bytes, lower-case hex.</summary>
    [JsonIgnore] public string Sha256 { get; init; } = "";

    /// <summary>The name of the spec compiled into RnnLab (experiments/hypotheses/seed002.json).</summary>
    public const string BuiltInName = "experiments/hypotheses/seed002.json";

    /// <summary>Seed 002's spec as built into RnnLab (the same bytes as experiments/hypotheses/seed002.json).</summary>
    public static HypothesisSpec BuiltIn()
    {
        using var stream = typeof(HypothesisSpec).Assembly.GetManifestResourceStream("RnnLab.Analysis.Hypotheses.seed002.json")
            ?? throw new InvalidOperationException("the built-in hypothesis spec is missing from RnnLab.Analysis.dll");
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return Parse(memory.ToArray(), BuiltInName);
    }

    /// <summary>Reads and checks a spec file; a problem throws a <see cref="ConfigurationException"/> naming the file and the key.</summary>
    public static HypothesisSpec Load(string path) => Parse(File.ReadAllBytes(path), path);

    /// <summary>Parses and checks a spec's bytes; source names it in errors.</summary>
    public static HypothesisSpec Parse(byte[] bytes, string source)
    {
        HypothesisSpec? spec;
        try
        {
            spec = JsonSerializer.Deserialize(bytes, HypothesisSpecJson.Default.HypothesisSpec);
        }
        catch (JsonException e)
        {
            throw new ConfigurationException([$"{source}: {e.Message}"]);
        }
        if (spec is null) throw new ConfigurationException([$"{source}: the file holds no hypothesis spec."]);
        var errors = spec.Problems().Select(p => $"{source}: {p}").ToList();
        if (errors.Count > 0) throw new ConfigurationException(errors);
        return spec with { Source = source, Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)) };
    }

    private IEnumerable<string> Problems()
    {
        var inv = CultureInfo.InvariantCulture;
        if (string.IsNullOrWhiteSpace(Name)) yield return "Name is empty; allowed: a name.";
        if (Version < 1) yield return string.Create(inv, $"Version = {Version} is out of range; allowed: an integer of at least 1.");
        if (!(Alpha > 0 && Alpha < 1)) yield return string.Create(inv, $"Alpha = {Alpha} is out of range; allowed: a number between 0 and 1.");
        if (Correction is not ("holm" or "none")) yield return $"Correction = '{Correction}' is not allowed; allowed: holm, none.";
        if (MinimumNetworks < 2) yield return string.Create(inv, $"MinimumNetworks = {MinimumNetworks} is out of range; allowed: an integer of at least 2.");
        if (Inclusion is not ("learned" or "all")) yield return $"Inclusion = '{Inclusion}' is not allowed; allowed: learned, all.";
        if (Hypotheses is null || Hypotheses.Count == 0) { yield return "Hypotheses is empty; allowed: one or more hypotheses."; yield break; }
        for (var h = 0; h < Hypotheses.Count; h++)
        {
            var entry = Hypotheses[h];
            var at = $"Hypotheses[{h}]";
            if (string.IsNullOrWhiteSpace(entry.Id)) yield return $"{at}.Id is empty; allowed: a name such as H1.";
            if (entry.Parts is null || entry.Parts.Count == 0) { yield return $"{at}.Parts is empty; allowed: one or more parts."; continue; }
            if (!entry.Parts.Any(p => p.Decides)) yield return $"{at} ({entry.Id}) has no part with Decides = true; a hypothesis needs at least one.";
            for (var p = 0; p < entry.Parts.Count; p++)
                foreach (var problem in entry.Parts[p].Problems($"{at}.Parts[{p}]")) yield return problem;
        }
        foreach (var duplicate in Hypotheses.GroupBy(e => e.Id).Where(g => g.Count() > 1)) yield return $"Hypotheses: the id {duplicate.Key} is used more than once.";
    }

    /// <summary>How many parts decide: the tests the correction runs over.</summary>
    public int DecidingParts => Hypotheses.Sum(h => h.Parts.Count(p => p.Decides));
}

/// <summary>One hypothesis of a spec: its id, the statement tested, and its parts.</summary>
public sealed record HypothesisSpecEntry(string Id, string Statement, IReadOnlyList<HypothesisSpecPart> Parts);

/// <summary>
/// One part of a hypothesis: a measure, whether it decides, and for a deciding part the direction (above or
/// below) and either a Threshold or the measure's Null (retest or random); Why justifies the choice.
/// </summary>
public sealed record HypothesisSpecPart(string Measure, bool Decides, string? Direction = null, double? Threshold = null, string? Null = null, string Why = "")
{
    internal IEnumerable<string> Problems(string at)
    {
        if (!HypothesisMeasures.All.TryGetValue(Measure ?? "", out var measure))
        {
            yield return $"{at}.Measure = '{Measure}' is not a measure; allowed: {string.Join(", ", HypothesisMeasures.All.Keys)}.";
            yield break;
        }
        if (string.IsNullOrWhiteSpace(Why)) yield return $"{at}.Why is empty; every part says why it is there.";
        if (!Decides)
        {
            if (Direction is not null || Threshold is not null || Null is not null) yield return $"{at} ({Measure}) does not decide; allowed: no Direction, Threshold or Null.";
            yield break;
        }
        if (Direction is not ("above" or "below")) yield return $"{at}.Direction = '{Direction}' is not allowed; allowed: above, below.";
        if ((Threshold is null) == (Null is null)) yield return $"{at} ({Measure}) needs either a Threshold or a Null, not both or neither.";
        if (Null is not null && Null != measure.NullKind)
            yield return $"{at}.Null = '{Null}' is not allowed for {Measure}; allowed: {measure.NullKind ?? "none (give a Threshold)"}.";
        if (Threshold is { } t && !double.IsFinite(t)) yield return $"{at}.Threshold is not a finite number.";
    }
}

/// <summary>The spec's JSON: the keys as the file writes them (case-insensitive), no unknown keys.</summary>
[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true)]
[JsonSerializable(typeof(HypothesisSpec))]
internal sealed partial class HypothesisSpecJson : JsonSerializerContext;
