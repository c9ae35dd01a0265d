namespace RnnLab.Analysis.WeightComparison;

/// <summary>"task_score": the task loss and accuracy before and after training (<see cref="TaskScore"/>).</summary>
public sealed class TaskScoreMeasure : ComparisonMeasure<TaskScore>
{
    /// <summary>The measure's id.</summary>
    public const string Key = "task_score";

    /// <inheritdoc />
    public override string Id => Key;

    /// <inheritdoc />
    protected override TaskScore Of(ComparisonContext c) => TaskScore.Of(c.Simulator, c.Before, c.After);

    /// <inheritdoc />
    protected override IEnumerable<ComparedStatistic> Statistics(TaskScore s, ComparisonContext c) =>
    [
        new("task loss (masked MSE)", s.LossInit, s.LossFinal),
        new("task accuracy", s.AccuracyInit, s.AccuracyFinal),
    ];
}
