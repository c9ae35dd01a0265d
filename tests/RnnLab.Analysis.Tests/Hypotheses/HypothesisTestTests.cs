using RnnLab.Analysis.Hypotheses;

namespace RnnLab.Analysis.Tests.Hypotheses;

/// <summary>How a spec's rules turn per-network values into verdicts, on planted values whose answer is known.</summary>
public class HypothesisTestTests
{
    private static readonly HypothesisSpec Spec = HypothesisSpec.BuiltIn();

    [Fact]
    public void HolmMatchesItsDefinition()
    {
        // Sorted 0.005, 0.01, 0.03, 0.04 times 4, 3, 2, 1 = 0.02, 0.03, 0.06, 0.04 -> running maximum 0.02, 0.03, 0.06, 0.06.
        Assert.Equal([0.03, 0.06, 0.06, 0.02], Holm.Adjust([0.01, 0.04, 0.03, 0.005]).Select(p => Math.Round(p, 12)));
        Assert.Equal([1.0, 1.0], Holm.Adjust([0.6, 0.9]));
    }

    [Fact]
    public void TheTTestsPIsTheClosedFormOfStudentsTWithOneAndTwoDegreesOfFreedom()
    {
        // df = 2: P(|T| > t) = 1 - t / sqrt(2 + t^2); df = 1 (Cauchy): 1 - 2 atan(t) / pi.
        var t2 = 3 / (Math.Sqrt(7) / Math.Sqrt(3));                 // 1, 2, 6: mean 3, s = sqrt(7)
        Assert.Equal(1 - t2 / Math.Sqrt(2 + t2 * t2), HypothesisTest.TwoSidedP([1, 2, 6]), 10);
        var t1 = 1.5 / (Math.Sqrt(0.5) / Math.Sqrt(2));              // 1, 2: mean 1.5, s = sqrt(0.5)
        Assert.Equal(1 - 2 * Math.Atan(t1) / Math.PI, HypothesisTest.TwoSidedP([1, 2]), 10);
        Assert.Equal(1, HypothesisTest.TwoSidedP([0, 0, 0]));
    }

    // Values for every measure the spec names, for ten networks: each deciding part's values lie at its reference
    // plus shift (in the direction the part's hypothesis needs when shift > 0), with a spread of 0.1; nulls vary by network.
    private static Dictionary<string, IReadOnlyList<(string Network, MeasureValue Value)>> Planted(Func<HypothesisSpecPart, double> shift, int networks = 10)
    {
        var values = new Dictionary<string, IReadOnlyList<(string, MeasureValue)>>();
        foreach (var part in Spec.Hypotheses.SelectMany(h => h.Parts))
        {
            var sign = part.Direction == "below" ? -1 : 1;
            values[part.Measure] = [.. Enumerable.Range(0, networks).Select(i =>
            {
                var noise = 0.1 * Math.Sin(1.7 * i + 0.3);
                var reference = part.Threshold ?? 2 + 0.5 * Math.Cos(i);
                var value = part.Decides ? reference + sign * shift(part) + noise : 1 + noise;
                return ($"n{i}", new MeasureValue(value, part.Null is null ? null : reference));
            })];
        }
        return values;
    }

    private static HypothesesResult Run(Dictionary<string, IReadOnlyList<(string, MeasureValue)>> values) =>
        HypothesisTest.Run(Spec, [.. Enumerable.Range(0, 10).Select(i => $"n{i}")], [], values);

    [Fact]
    public void EveryHypothesisIsSupportedWhenEveryDecidingPartLiesClearlyOnItsSide()
    {
        var result = Run(Planted(_ => 1));
        Assert.All(result.Hypotheses, h => Assert.Equal(VerdictRules.Supported, h.Verdict));
        Assert.All(result.Hypotheses.SelectMany(h => h.Parts).Where(p => p.Decides), p => Assert.True(p.PAdjusted >= p.PValue));
    }

    [Fact]
    public void EveryDecidingRuleCanFail_EachPartAgainstItsHypothesisMakesItNotSupported()
    {
        foreach (var target in Spec.Hypotheses.SelectMany(h => h.Parts).Where(p => p.Decides))
        {
            var result = Run(Planted(p => ReferenceEquals(p, target) ? -1 : 1));
            var hypothesis = result.Hypotheses.Single(h => h.Parts.Any(p => p.Measure == target.Measure));
            Assert.Equal(VerdictRules.NotSupported, hypothesis.Verdict);
            Assert.Equal(VerdictRules.NotSupported, hypothesis.Parts.Single(p => p.Measure == target.Measure).Verdict);
            Assert.All(result.Hypotheses.Where(h => h != hypothesis), h => Assert.Equal(VerdictRules.Supported, h.Verdict));
        }
    }

    [Fact]
    public void ValuesAtTheReference_GiveInconclusive_NotSupported()
    {
        var result = Run(Planted(_ => 0));
        Assert.All(result.Hypotheses, h => Assert.Equal(VerdictRules.Inconclusive, h.Verdict));
    }

    [Fact]
    public void HolmsCorrectionCanTurnASupportedPartInconclusive()
    {
        // One shift that a single test at alpha = 0.05 calls significant (p about 0.02) among seven deciding parts whose
        // values sit at their reference: Holm multiplies the smallest p by 7, past alpha.
        Assert.Equal(7, Spec.DecidingParts);
        var target = Spec.Hypotheses.Single(h => h.Id == "H1").Parts.Single(p => p.Decides);
        var values = Planted(p => ReferenceEquals(p, target) ? 0.05 : 0);
        var part = Run(values).Hypotheses.Single(h => h.Id == "H1").Parts.Single(p => p.Decides);
        Assert.InRange(part.PValue!.Value, 0.05 / 7, 0.05);
        Assert.Equal(7 * part.PValue!.Value, part.PAdjusted!.Value, 12);
        Assert.Equal(VerdictRules.Inconclusive, part.Verdict);
    }

    [Fact]
    public void NetworksWithoutAValueAreLeftOutAndListed_AndTooFewGiveNoTest()
    {
        var values = Planted(_ => 1);
        var interaction = values["pi_interaction"].ToList();
        for (var i = 0; i < 8; i++) interaction[i] = (interaction[i].Network, MeasureValue.Without("the trained network diverges at theta = 0.746"));
        values["pi_interaction"] = interaction;
        var part = Run(values).Hypotheses.Single(h => h.Id == "H1").Parts.Single(p => p.Measure == "pi_interaction");
        Assert.Equal(8, part.Excluded.Count);
        Assert.Equal("the trained network diverges at theta = 0.746", part.Excluded[0].Reason);
        Assert.Null(part.PValue);
        Assert.Equal(VerdictRules.Inconclusive, part.Verdict);
        Assert.StartsWith("only 2 network(s)", part.Why);
    }

    [Fact]
    public void OnlyNetworksThatLearnedEnter_UnderInclusionLearned()
    {
        var notLearned = new Dictionary<string, string> { ["b"] = "did not learn the task" };
        var (included, excluded) = NetworkInclusion.Apply(Spec, ["a", "b", "c"], notLearned);
        Assert.Equal(["a", "c"], included);
        Assert.Equal([("b", "did not learn the task")], excluded);
        Assert.Equal(["a", "b", "c"], NetworkInclusion.Apply(Spec with { Inclusion = "all" }, ["a", "b", "c"], notLearned).Included);
    }
}
