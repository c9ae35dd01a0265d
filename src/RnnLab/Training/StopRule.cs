namespace RnnLab.Training;

/// <summary>
/// When a network has learned its task, read from its evaluations so far (metrics.jsonl, which resume
/// truncates to the checkpoint it continues from, so the decision is the same however often a run was
/// interrupted): the last evaluation's loss is below Training:TargetLoss, or the last
/// StopAfterEvaluations evaluations all reached Training:StopAccuracy.
/// </summary>
public static class StopRule
{
    /// <summary>
    /// Why training may stop at step atStep after these evaluations (TargetLossReached or TaskLearned), or
    /// null while it may not (or when the last evaluation is not at atStep).
    /// </summary>
    public static TrainingOutcome? Reason(IReadOnlyList<MetricsRecord> evaluations, TrainingOptions options, int atStep)
    {
        if (evaluations.Count == 0 || evaluations[^1].Step != atStep) return null;
        if (options.TargetLoss > 0 && evaluations[^1].EvalLoss < options.TargetLoss) return TrainingOutcome.TargetLossReached;
        var k = options.StopAfterEvaluations;
        if (options.StopAccuracy > 0 && evaluations.Count >= k && evaluations.Skip(evaluations.Count - k).All(e => e.Accuracy >= options.StopAccuracy))
            return TrainingOutcome.TaskLearned;
        return null;
    }
}
