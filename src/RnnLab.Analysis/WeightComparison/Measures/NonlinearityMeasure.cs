using RnnLab.Models;

namespace RnnLab.Analysis.WeightComparison;

/// <summary>How non-linear the untrained and trained dynamics are on the task trials (<see cref="Nonlinearity"/>); both null for activations other than relu.</summary>
public sealed record NonlinearityChange(Nonlinearity? Init, Nonlinearity? Final);

/// <summary>"nonlinearity": rectification and the best linear model's error, untrained and trained, without DCA (relu networks only).</summary>
public sealed class NonlinearityMeasure : ComparisonMeasure<NonlinearityChange>
{
    private const string NotRelu = "not computed: rectification is a relu's; this network uses another activation";

    /// <summary>The measure's id.</summary>
    public const string Key = "nonlinearity";

    /// <inheritdoc />
    public override string Id => Key;

    /// <inheritdoc />
    protected override NonlinearityChange Of(ComparisonContext c)
    {
        var model = c.Run.Options.Model;
        Nonlinearity? Measure(RateRnn network) => model.Activation == Activation.Relu
            ? Nonlinearity.Of(c.Simulator.OnTask(network).Rates, c.Simulator.TaskTrials.Inputs, model.Alpha) : null;
        return new NonlinearityChange(Measure(c.Before), Measure(c.After));
    }

    /// <inheritdoc />
    protected override IEnumerable<ComparedStatistic> Statistics(NonlinearityChange n, ComparisonContext c)
    {
        var why = n.Init is null ? NotRelu : null;
        yield return new("fraction of unit-steps rectified", n.Init?.RectifiedFraction, n.Final?.RectifiedFraction, why);
        yield return new("active-set change per step (fraction of units)", n.Init?.ActiveSetChangeRate, n.Final?.ActiveSetChangeRate, why);
        yield return new("best linear model's error (over standing still)", n.Init?.LinearModelError, n.Final?.LinearModelError, why);
    }
}
