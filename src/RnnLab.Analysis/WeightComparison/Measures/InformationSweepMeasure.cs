using System.Globalization;

namespace RnnLab.Analysis.WeightComparison;

/// <summary>
/// "information_sweep": the maximal predictive information against the leaky-relu angle (seed 002 Fig. 6,
/// <see cref="PredictiveInformationSweep"/>); null for activations the sweep does not apply to.
/// </summary>
public sealed class InformationSweepMeasure : ComparisonMeasure<PredictiveInformationSweep?>
{
    /// <summary>The measure's id.</summary>
    public const string Key = "information_sweep";

    /// <inheritdoc />
    public override string Id => Key;

    /// <inheritdoc />
    protected override PredictiveInformationSweep? Of(ComparisonContext c) =>
        PredictiveInformationSweep.Unavailable(c.Run.Options.Model) is null
            ? PredictiveInformationSweep.Of(c.Simulator, c.Options, c.DcaSeed, c.Change.LargestRealPartBefore, c.Change.LargestRealPartAfter)
            : null;

    /// <inheritdoc />
    protected override IEnumerable<KeyValuePair<string, string>> Unavailable(PredictiveInformationSweep? sweep, ComparisonContext c) =>
        PredictiveInformationSweep.Unavailable(c.Run.Options.Model) is { } why ? [new("information_sweep", why)] : [];

    /// <inheritdoc />
    protected override IEnumerable<ComparedStatistic> Statistics(PredictiveInformationSweep? sweep, ComparisonContext c)
    {
        var angles = c.Options.Angles;
        var inv = CultureInfo.InvariantCulture;
        foreach (var i in angles.Length > 1 ? new[] { 0, angles.Length - 1 } : [0])
        {
            var name = string.Create(inv, $"max PI at theta = {angles[i]:0.###} (nats)");
            yield return sweep is null ? new ComparedStatistic(name, null, null, PredictiveInformationSweep.Unavailable(c.Run.Options.Model))
                : sweep.DivergedInit[i] || sweep.DivergedFinal[i]
                    ? new ComparedStatistic(name, null, null, string.Create(inv,
                        $"not a measure of information: the {(sweep.DivergedFinal[i] ? "trained" : "untrained")} network diverges at this angle (largest real part of W_rec {(sweep.DivergedFinal[i] ? sweep.AbscissaFinal : sweep.AbscissaInit):0.###})"))
                    : new ComparedStatistic(name, sweep.Init[i], sweep.Final[i]);
        }
    }
}
