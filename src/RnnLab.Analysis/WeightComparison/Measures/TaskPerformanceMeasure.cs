namespace RnnLab.Analysis.WeightComparison;

/// <summary>"performance": the output against the condition (seed 002 Fig. 1, <see cref="TaskPerformance"/>); null for tasks without a one-parameter family of conditions. No table rows.</summary>
public sealed class TaskPerformanceMeasure : ComparisonMeasure<TaskPerformance?>
{
    /// <summary>The measure's id.</summary>
    public const string Key = "performance";

    /// <inheritdoc />
    public override string Id => Key;

    /// <inheritdoc />
    protected override TaskPerformance? Of(ComparisonContext c) =>
        ConditionDefaults.Sweep(c.Simulator.Task, c.Options.SweepPoints) is { } conditions ? TaskPerformance.Of(c.Simulator, conditions, c.Before, c.After) : null;

    /// <inheritdoc />
    protected override IEnumerable<KeyValuePair<string, string>> Unavailable(TaskPerformance? performance, ComparisonContext c) => performance is null
        ? [new("performance", $"not computed: the task '{c.Simulator.Task.Kind}' has no one-parameter family of conditions to plot the output against (perception and decision do)")]
        : [];
}
