using RnnLab.Analysis.Hypotheses;

namespace RnnLab.Analysis.Tests.Hypotheses;

/// <summary>H2's verdict from planted measures whose answer is known.</summary>
public sealed class SmallChangesLargeEffectsTests
{
    // Five networks with a relative weight change, accuracy gain and subspace turn around the given values.
    private static List<SmallChangeMeasures> Networks(double change, double gain, double turn) =>
        [.. Enumerable.Range(0, 5).Select(k => new SmallChangeMeasures($"seed-{k}", change + 0.01 * k, gain + 0.01 * k, turn + 0.5 * k, 3 + k, 0.05))];

    [Fact]
    public void ASmallChangeThatTeachesTheTaskAndTurnsTheSubspace_IsSupported()
    {
        var h = SeedHypotheses.SmallChangesLargeEffects(Networks(change: 0.1, gain: 0.45, turn: 40));
        Assert.Equal(VerdictRules.Supported, h.Verdict);
        Assert.Equal(["|dW|_F / |W_init|_F", "task accuracy gain", "DCA subspace turn (degrees)", "effective rank of dW", "fraction of eigenvalues moved"],
            h.Parts.Select(p => p.Statistic));
        // The two "few differences" measures are reported, not decided on.
        Assert.All(h.Parts.Skip(3), p => Assert.Null(p.Verdict));
        Assert.Equal(5, h.Parts[3].Mean, 12);
        Assert.Equal(h.Parts[0].Mean, h.Mean);
    }

    [Theory]
    [InlineData(0.9, 0.45, 40)]   // the weights changed a lot: not "not very different"
    [InlineData(0.1, 0.0, 40)]    // the task was not learned
    [InlineData(0.1, 0.45, 1)]    // the dynamics' subspace did not turn
    public void AnyDecidingPartAgainst_MakesItNotSupported(double change, double gain, double turn) =>
        Assert.Equal(VerdictRules.NotSupported, SeedHypotheses.SmallChangesLargeEffects(Networks(change, gain, turn)).Verdict);

    [Fact]
    public void AnIntervalAcrossAThreshold_IsInconclusive()
    {
        // Accuracy gains straddling 0.25 while the other parts hold.
        var networks = Networks(0.1, 0.45, 40).Select((n, k) => n with { AccuracyGain = k % 2 == 0 ? 0.05 : 0.45 }).ToList();
        Assert.Equal(VerdictRules.Inconclusive, SeedHypotheses.SmallChangesLargeEffects(networks).Verdict);
    }
}
