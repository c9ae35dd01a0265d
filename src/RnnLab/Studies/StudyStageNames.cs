namespace RnnLab.Studies;

/// <summary>The names a study file writes its stages and snapshots with, and what each stage needs before it.</summary>
public static class StudyStageNames
{
    /// <summary>Every stage by the name a study file gives it.</summary>
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

    /// <summary>The weights a stage may read: untrained, where training ended, where the stop rule found the task learned.</summary>
    public static readonly IReadOnlyList<string> Snapshots = ["init", "final", "learned"];

    /// <summary>What each similarity metric is called.</summary>
    public static readonly IReadOnlyList<string> Metrics = ["dsa", "procrustes", "cca", "cka"];

    /// <summary>A stage's name in files and messages.</summary>
    public static string Of(StudyStage stage) => stage.ToString().ToLowerInvariant();
}
