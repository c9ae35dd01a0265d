namespace RnnLab.Studies;

/// <summary>The names a study file writes its stages and snapshots with, and what each stage needs before it.</summary>
public static class StudyStageNames
{
    /// <summary>Every stage a study file may list, by its name there.</summary>
    public static readonly IReadOnlyDictionary<string, StudyStage> Stages = new Dictionary<string, StudyStage>(StringComparer.OrdinalIgnoreCase)
    {
        ["train"] = StudyStage.Train,
        ["initialize"] = StudyStage.Initialize,
        ["analyze"] = StudyStage.Analyze,
        ["compare"] = StudyStage.Compare,
        ["report"] = StudyStage.Report,
        ["similarity"] = StudyStage.Similarity,
        ["census"] = StudyStage.Census,
    };

    /// <summary>The stage of a name in files and jobs, listed or implied (compare-network); null for none.</summary>
    public static StudyStage? Parse(string name) =>
        Stages.TryGetValue(name, out var stage) ? stage : string.Equals(name, Of(StudyStage.CompareNetwork), StringComparison.OrdinalIgnoreCase) ? StudyStage.CompareNetwork : null;

    /// <summary>The weights a stage may read: untrained, where training ended, where the stop rule found the task learned.</summary>
    public static readonly IReadOnlyList<string> Snapshots = ["init", "final", "learned"];

    /// <summary>What each similarity metric is called.</summary>
    public static readonly IReadOnlyList<string> Metrics = ["dsa", "procrustes", "cca", "cka"];

    /// <summary>A stage's name in files and messages.</summary>
    public static string Of(StudyStage stage) => stage == StudyStage.CompareNetwork ? "compare-network" : stage.ToString().ToLowerInvariant();
}
