namespace RnnLab.Training;

/// <summary>
/// When a network has learned its task, read from its evaluations so far (the <see cref="TrainingHistory"/>
/// a checkpoint carries, so the decision is the same however often a run was interrupted): the last
/// evaluation's loss is below Training:TargetLoss, or the last StopAfterEvaluations evaluations all
/// reached Training:StopAccuracy. Only evaluations after at least one training step count: the untrained
/// network's, at step 0, cannot show that anything was learned (a task at chance can score high by luck, and
/// a loss target can hold before training), so it neither stops a run nor counts towards the evaluations in
/// a row.
/// </summary>
public static class StopRule
{
    /// <summary>
    /// Why training may stop at step atStep after these evaluations (TargetLossReached or TaskLearned), or
    /// null while it may not (or when the last evaluation is not at atStep).
    /// </summary>
    public static TrainingOutcome? Reason(IReadOnlyList<MetricsRecord> evaluations, TrainingOptions options, int atStep)
    {
        var trained = evaluations.Where(e => e.Step > 0).ToList();
        if (trained.Count == 0 || trained[^1].Step != atStep) return null;
        if (options.TargetLoss > 0 && trained[^1].EvalLoss < options.TargetLoss) return TrainingOutcome.TargetLossReached;
        var k = options.StopAfterEvaluations;
        if (options.StopAccuracy > 0 && trained.Count >= k && trained.Skip(trained.Count - k).All(e => e.Accuracy >= options.StopAccuracy))
            return TrainingOutcome.TaskLearned;
        return null;
    }

    /// <summary>
    /// The first evaluated step at which every one of these networks (one, or an ensemble's, evaluated at
    /// the same steps) may stop, replaying their evaluations; null when there is none yet.
    /// </summary>
    public static int? FirstStop(IReadOnlyList<IReadOnlyList<MetricsRecord>> networks, TrainingOptions options)
    {
        if (networks.Count == 0 || (options.TargetLoss <= 0 && options.StopAccuracy <= 0)) return null;
        foreach (var step in networks[0].Select(e => e.Step))
            if (networks.All(evaluations => Reason(evaluations.TakeWhile(e => e.Step <= step).ToList(), options, step) is not null))
                return step;
        return null;
    }
}
