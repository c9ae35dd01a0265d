using System.Globalization;
using MathNet.Numerics.Distributions;
using RnnLab.Analysis.WeightComparison;

namespace RnnLab.Analysis.Hypotheses;

/// <summary>
/// Tests a spec's hypotheses (<see cref="HypothesisSpec"/>) on networks, by the rule the spec states: each
/// deciding part is a two-sided one-sample t test of the networks' value minus reference (the threshold or
/// the network's own null) against 0; the spec's correction (Holm) runs over every deciding part that has
/// enough networks; a part is supported when its adjusted p is below alpha with the mean on the hypothesis's
/// side, not supported when it is below alpha on the other side, inconclusive otherwise.
/// </summary>
public static class HypothesisTest
{
    /// <summary>The verdicts on compared networks (the included ones; excluded lists the others with the reason).</summary>
    public static HypothesesResult Run(HypothesisSpec spec, IReadOnlyList<NetworkComparison> networks, IReadOnlyList<(string Network, string Reason)> excluded)
    {
        var measures = spec.Hypotheses.SelectMany(h => h.Parts).Select(p => p.Measure).Distinct()
            .ToDictionary(id => id, id => (IReadOnlyList<(string, MeasureValue)>)[.. networks.Select(n => (n.Network, HypothesisMeasures.All[id].Of(n)))]);
        return Run(spec, [.. networks.Select(n => n.Network)], excluded, measures);
    }

    /// <summary>The verdicts from each measure's per-network values (every measure the spec names must be given).</summary>
    public static HypothesesResult Run(HypothesisSpec spec, IReadOnlyList<string> included, IReadOnlyList<(string Network, string Reason)> excluded,
        IReadOnlyDictionary<string, IReadOnlyList<(string Network, MeasureValue Value)>> values)
    {
        var parts = spec.Hypotheses.Select(h => h.Parts.Select(p => Part(spec, p, values[p.Measure])).ToList()).ToList();
        // The correction's family: every deciding part that was tested.
        var tested = parts.SelectMany(x => x).Where(p => p.PValue is not null).ToList();
        var adjusted = spec.Correction == "holm" ? Holm.Adjust([.. tested.Select(p => p.PValue!.Value)]) : [.. tested.Select(p => p.PValue!.Value)];
        var verdicts = new List<HypothesisVerdict>();
        for (var h = 0; h < spec.Hypotheses.Count; h++)
        {
            var decided = parts[h].Select(p => p.PValue is null ? p : Decide(spec, p, adjusted[tested.FindIndex(t => ReferenceEquals(t, p))], tested.Count)).ToList();
            var deciding = decided.Where(p => p.Decides).ToList();
            var verdict = VerdictRules.All([.. deciding.Select(p => p.Verdict!)]);
            var why = string.Join("; ", deciding.Select(p => $"{p.Measure}: {p.Verdict}")) + (deciding.Count > 1 ? $" (all {deciding.Count} must be supported)." : ".");
            verdicts.Add(new HypothesisVerdict(spec.Hypotheses[h].Id, spec.Hypotheses[h].Statement, verdict, why, decided));
        }
        return new HypothesesResult(spec, included, excluded, verdicts);
    }

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    // A part's values and, when it decides, its reference, differences and unadjusted test.
    private static HypothesisPart Part(HypothesisSpec spec, HypothesisSpecPart p, IReadOnlyList<(string Network, MeasureValue Value)> values)
    {
        var measure = HypothesisMeasures.All[p.Measure];
        var present = values.Where(v => v.Value.Value is { } x && double.IsFinite(x) && (p.Null is null || v.Value.Null is { } y && double.IsFinite(y))).ToList();
        List<(string, string)> missing = [.. values.Except(present).Select(v => (v.Network, v.Value.Missing ?? "no finite value"))];
        var perNetwork = present.Select(v => (v.Network, v.Value.Value!.Value)).ToList();
        var (mean, low, high) = perNetwork.Count > 0 ? MeanInterval.Of([.. perNetwork.Select(v => v.Item2)]) : (double.NaN, double.NaN, double.NaN);
        var part = new HypothesisPart(p.Measure, measure.Statistic, measure.Unit, p.Decides, perNetwork, mean, [low, high], missing);
        if (!p.Decides) return part;
        PartNull? nullRecord = null;
        if (p.Null is not null)
        {
            var nulls = present.Select(v => (v.Network, v.Value.Null!.Value)).ToList();
            var (nullMean, nullLow, nullHigh) = nulls.Count > 0 ? MeanInterval.Of([.. nulls.Select(v => v.Item2)]) : (double.NaN, double.NaN, double.NaN);
            var bands = present.Where(v => v.Value.NullBand is not null).Select(v => v.Value.NullBand!).ToList();
            double[] band = bands.Count == present.Count && bands.Count > 0 ? [bands.Average(b => b[0]), bands.Average(b => b[1])] : [nullLow, nullHigh];
            nullRecord = new PartNull(p.Null, measure.NullDescription ?? p.Null, nulls, nullMean, band);
        }
        part = part with { Direction = p.Direction, Threshold = p.Threshold, Null = nullRecord };
        var differences = present.Select(v => v.Value.Value!.Value - (p.Threshold ?? v.Value.Null!.Value)).ToList();
        if (differences.Count < spec.MinimumNetworks)
            return part with
            {
                Verdict = VerdictRules.Inconclusive,
                Why = $"only {differences.Count} network(s) have this measure; a verdict needs at least {spec.MinimumNetworks}.",
            };
        var (dMean, dLow, dHigh) = MeanInterval.Of(differences);
        return part with { Difference = (dMean, [dLow, dHigh]), PValue = TwoSidedP(differences) };
    }

    // The verdict of a tested part from its adjusted p.
    private static HypothesisPart Decide(HypothesisSpec spec, HypothesisPart p, double adjusted, int family)
    {
        var (mean, ci) = p.Difference!.Value;
        var onSide = p.Direction == "above" ? mean > 0 : mean < 0;
        var verdict = adjusted < spec.Alpha ? onSide ? VerdictRules.Supported : VerdictRules.NotSupported : VerdictRules.Inconclusive;
        var reference = p.Threshold is { } t ? string.Create(Inv, $"the threshold {t:G3}") : $"the {p.Null!.Kind} null";
        var correction = spec.Correction == "holm" ? string.Create(Inv, $", Holm-adjusted over {family} tests {adjusted:G2}") : "";
        var why = string.Create(Inv, $"the mean difference from {reference} is {mean:G3} {p.Unit} [{ci[0]:G3}, {ci[1]:G3}] over {p.PerNetwork.Count} networks, ")
            + string.Create(Inv, $"t test p = {p.PValue:G2}{correction}; the hypothesis needs it {p.Direction} 0: {verdict}.");
        return p with { PAdjusted = adjusted, Verdict = verdict, Why = why };
    }

    /// <summary>The two-sided p of a one-sample t test of values against 0 (equal values: 1 when they are 0, else 0).</summary>
    public static double TwoSidedP(IReadOnlyList<double> values)
    {
        var n = values.Count;
        var mean = values.Average();
        var sd = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (n - 1));
        if (sd == 0) return mean == 0 ? 1 : 0;
        var t = mean / (sd / Math.Sqrt(n));
        return 2 * (1 - StudentT.CDF(0, 1, n - 1, Math.Abs(t)));
    }
}
