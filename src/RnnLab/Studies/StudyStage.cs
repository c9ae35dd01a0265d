namespace RnnLab.Studies;

/// <summary>
/// The stages of a study, in the order they run. Every stage after the first reads what the earlier ones
/// wrote; each is made of steps (<see cref="StudyStep"/>): one per network, per point, or one for the study.
/// </summary>
public enum StudyStage
{
    /// <summary>Train every network (a sweep's work): one step per network.</summary>
    Train,

    /// <summary>Only draw every network's initial weights (a study of untrained networks): one step per network.</summary>
    Initialize,

    /// <summary>Fixed points and PCA of one snapshot of one network: one step per network and snapshot.</summary>
    Analyze,

    /// <summary>
    /// What training changed in one network (a study's compare stage implies it): one step per network,
    /// so that a point's networks are compared at once, here one per core or on a cluster one per task.
    /// </summary>
    CompareNetwork,

    /// <summary>What training changed, across a point's seeds, and the hypotheses' verdicts: one step per point.</summary>
    Compare,

    /// <summary>A point's report page: one step per point.</summary>
    Report,

    /// <summary>Every network of the study against every other, one step per metric.</summary>
    Similarity,

    /// <summary>Fixed-point counts of every point, against the grid: one step for the study.</summary>
    Census,
}
