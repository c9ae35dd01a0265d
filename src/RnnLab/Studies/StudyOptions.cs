using RnnLab.Configuration;

namespace RnnLab.Studies;

/// <summary>
/// A study file's own keys, beside the sweep keys it shares with a sweep file (Config, Seeds, Set, Grid,
/// Overrides, Slurm): the stages to run, in order, and each stage's options. Bound by
/// <see cref="OptionsBinder"/> as a config is, so a mistake is one line naming the file, key and rule.
/// </summary>
public sealed class StudyOptions : IValidatedOptions
{
    /// <summary>The top-level keys of this class (the rest of a study file is a sweep file).</summary>
    public static readonly IReadOnlyList<string> Keys = [nameof(Stages), nameof(Analyze), nameof(Compare), nameof(Similarity), nameof(Census)];

    /// <summary>The stages, in the order they run: train or initialize first, then any of analyze, compare, report, similarity, census.</summary>
    public string[] Stages { get; init; } = [];

    /// <summary>The analyze stage's options.</summary>
    public AnalyzeStageOptions Analyze { get; init; } = new();

    /// <summary>The compare stage's options (report shows the same snapshot).</summary>
    public CompareStageOptions Compare { get; init; } = new();

    /// <summary>The similarity stage's options.</summary>
    public SimilarityStageOptions Similarity { get; init; } = new();

    /// <summary>The census stage's options.</summary>
    public CensusStageOptions Census { get; init; } = new();

    /// <summary>
    /// The stages that run, in order (valid only when <see cref="Validate"/> said nothing): those listed, and
    /// before compare the compare-network stage it implies.
    /// </summary>
    public IReadOnlyList<StudyStage> StageList =>
        [.. Listed.SelectMany(s => s == StudyStage.Compare ? new[] { StudyStage.CompareNetwork, StudyStage.Compare } : [s])];

    private IReadOnlyList<StudyStage> Listed => [.. Stages.Where(StudyStageNames.Stages.ContainsKey).Select(s => StudyStageNames.Stages[s])];

    /// <summary>The snapshots the census counts.</summary>
    public IReadOnlyList<string> CensusSnapshots => Census.Snapshots.Length > 0 ? Census.Snapshots : Analyze.Snapshots;

    /// <inheritdoc />
    public IEnumerable<(string Key, string Message)> Validate()
    {
        var allowed = $"allowed: {string.Join(", ", StudyStageNames.Stages.Keys)}, in that order, train or initialize first";
        if (Stages.Length == 0) { yield return ("Stages", $"is missing or empty; {allowed}."); yield break; }
        foreach (var s in Stages.Where(s => !StudyStageNames.Stages.ContainsKey(s))) yield return ("Stages", $"has '{s}'; {allowed}.");
        var stages = Listed;
        if (stages.Count != Stages.Length) yield break;
        if (stages.Distinct().Count() != stages.Count) yield return ("Stages", "lists a stage twice.");
        if (stages[0] is not (StudyStage.Train or StudyStage.Initialize) || stages.Count(s => s is StudyStage.Train or StudyStage.Initialize) != 1)
            yield return ("Stages", $"must start with train or initialize, and name only one of them; {allowed}.");
        if (!stages.SequenceEqual(stages.Order())) yield return ("Stages", $"are out of order; {allowed}.");
        bool Has(StudyStage s) => stages.Contains(s);
        if (Has(StudyStage.Compare) && !(Has(StudyStage.Analyze) && Analyze.Snapshots.Contains("init") && Analyze.Snapshots.Contains(Compare.Snapshot)))
            yield return ("Stages", $"has compare, which needs analyze of init and of {Compare.Snapshot} (Analyze:Snapshots).");
        if (Has(StudyStage.Compare) && Has(StudyStage.Initialize)) yield return ("Stages", "has compare, which compares trained with untrained weights, and initialize, which trains nothing.");
        if (Has(StudyStage.Report) && !Has(StudyStage.Compare)) yield return ("Stages", "has report, which shows compare's results; add compare.");
        if (Has(StudyStage.Census) && !Has(StudyStage.Analyze)) yield return ("Stages", "has census, which counts analyze's fixed points; add analyze.");
        if (Has(StudyStage.Census) && CensusSnapshots.FirstOrDefault(s => !Analyze.Snapshots.Contains(s)) is { } missing)
            yield return ("Census:Snapshots", $"has {missing}, which Analyze:Snapshots does not analyse.");
        if (Has(StudyStage.Initialize))
        {
            var read = (Has(StudyStage.Analyze) ? Analyze.Snapshots : []).Concat(Has(StudyStage.Similarity) ? [Similarity.Snapshot] : []);
            if (read.FirstOrDefault(s => s != "init") is { } trained)
                yield return ("Stages", $"has initialize, which trains nothing, but a stage reads the {trained} weights; allowed with initialize: the init snapshot.");
        }
    }
}
