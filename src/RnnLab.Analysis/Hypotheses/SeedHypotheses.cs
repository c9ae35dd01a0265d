using RnnLab.Analysis.Dca;
using RnnLab.Analysis.WeightComparison;

namespace RnnLab.Analysis.Hypotheses;

/// <summary>
/// Seed 002's four hypotheses (section 1), each tested on the networks of a comparison with the statistic
/// that can decide it (the rules: <see cref="VerdictRules"/>; the README says which and why).
/// </summary>
public static class SeedHypotheses
{
    /// <summary>H2's "not very different": the relative change |dW|_F / |W_init|_F stays below this (a fresh draw is sqrt(2)).</summary>
    public const double SmallRelativeChange = 0.5;

    /// <summary>H2's "large changes in relevant measures": the DCA task subspace turns by more than this mean principal angle (degrees).</summary>
    public const double LargeTurnDegrees = 10;

    /// <summary>H2's "large changes in relevant measures": the task accuracy rises by more than this (a quarter of all trials; half the way from chance to perfect in a two-way choice).</summary>
    public const double LargeAccuracyGain = 0.25;

    /// <summary>H4's "mostly": more than this fraction of the near-best DCA starts find the best one's subspace (within 10 degrees).</summary>
    public const double Mostly = 0.5;

    /// <summary>The four verdicts for the compared networks.</summary>
    public static IReadOnlyList<HypothesisVerdict> Test(IReadOnlyList<NetworkComparison> networks) => [H1(networks), H2(networks), H3(networks), H4(networks)];

    private static SubspaceAngles Dca(NetworkComparison n) => n.Subspaces.Single(s => s.Method == SubspaceMethod.Dca);

    private static HypothesisVerdict Undecided(string id, string statement, string statistic, string why) =>
        new(id, statement, statistic, [], null, null, null, VerdictRules.Inconclusive, why);

    // Less linearly predictable after training, at theta = 0 (the relu the networks trained with): more non-linear dynamics.
    private static HypothesisVerdict H1(IReadOnlyList<NetworkComparison> networks)
    {
        const string statement = "The training process increases the non-linearity of the dynamics.";
        const string statistic = "trained minus untrained maximal predictive information (DCA, nats) of the network simulated at theta = 0; lower means less linearly predictable, more non-linear";
        if (networks.Any(n => n.InformationSweep is null || n.InformationSweep.Angles[0] != 0))
            return Undecided("H1", statement, statistic, "no PI sweep starting at theta = 0 (the activation is not a relu family, or the angles were changed).");
        // A network whose simulation diverges at theta = 0 has no PI there: it is left out.
        var values = networks.Where(n => !n.InformationSweep!.DivergedInit[0] && !n.InformationSweep.DivergedFinal[0])
            .Select(n => (n.Network, n.InformationSweep!.Final[0] - n.InformationSweep.Init[0])).ToList();
        if (values.Count == 0) return Undecided("H1", statement, statistic, "every network's simulation diverges at theta = 0, where PI measures the blow-up, not information.");
        var (verdict, why, mean, ci) = VerdictRules.Beyond(values.Select(v => v.Item2).ToList(), 0, -1, "the change in PI");
        return new HypothesisVerdict("H1", statement, statistic, values, mean, ci, null, verdict, why);
    }

    private static HypothesisVerdict H2(IReadOnlyList<NetworkComparison> networks) => SmallChangesLargeEffects([.. networks.Select(n => new SmallChangeMeasures(
        n.Network, n.Change.RelativeChange, n.Score.AccuracyGain, Dca(n).Turn.Average(), n.Change.ChangeEffectiveRank,
        (double)n.Change.EigenvaluesMoved / n.Change.Eigenvalues.Before.Length))]);

    /// <summary>
    /// H2 from each network's measures. Decided by three parts that must all hold: the weights change
    /// little (|dW|_F / |W_init|_F below <see cref="SmallRelativeChange"/>), and the change matters, both
    /// for the task (accuracy gain above <see cref="LargeAccuracyGain"/>) and for the dynamics (the DCA
    /// task subspace turns by more than <see cref="LargeTurnDegrees"/>). The effective rank of dW and the
    /// fraction of eigenvalues moved, the seed's "few differences", are reported beside them.
    /// </summary>
    public static HypothesisVerdict SmallChangesLargeEffects(IReadOnlyList<SmallChangeMeasures> networks)
    {
        const string statement = "The trained network weights are not very different from the randomly initialized one, but the few differences make large changes in relevant measures.";
        var statistic = $"|dW|_F / |W_init|_F (below {SmallRelativeChange} counts as not very different), with two relevant measures that must change a lot: "
            + $"the task accuracy gain (above {LargeAccuracyGain}) and the mean principal angle of the DCA task subspace's turn (above {LargeTurnDegrees} degrees)";
        HypothesisPart Part(string what, Func<SmallChangeMeasures, double> pick, double? threshold = null, int direction = 0) =>
            SeedHypotheses.Part(what, [.. networks.Select(n => (n.Network, pick(n)))], threshold, direction);
        HypothesisPart[] parts =
        [
            Part("|dW|_F / |W_init|_F", n => n.RelativeChange, SmallRelativeChange, -1),
            Part("task accuracy gain", n => n.AccuracyGain, LargeAccuracyGain, +1),
            Part("DCA subspace turn (degrees)", n => n.SubspaceTurn, LargeTurnDegrees, +1),
            Part("effective rank of dW", n => n.ChangeEffectiveRank),
            Part("fraction of eigenvalues moved", n => n.EigenvaluesMovedFraction),
        ];
        var deciding = parts.Where(p => p.Verdict is not null).ToList();
        var verdict = VerdictRules.All([.. deciding.Select(p => p.Verdict!)]);
        // Each part's own sentence is in Parts; this one says how they combine.
        var why = string.Join("; ", deciding.Select(p => $"{p.Statistic} {p.Verdict}")) + $" (all {deciding.Count} must be supported).";
        var weights = parts[0];
        return new HypothesisVerdict("H2", statement, statistic, weights.PerNetwork, weights.Mean, weights.Ci95, Math.Sqrt(2), verdict, why) { Parts = parts };
    }

    // The readout's angle to each condition's own DCA subspace grows in training.
    private static HypothesisVerdict H3(IReadOnlyList<NetworkComparison> networks)
    {
        const string statement = "The dynamics associated with the computation being done is moved away from the readout direction to increase stability in the output.";
        const string statistic = "trained minus untrained angle (degrees) between the readout and each input condition's DCA subspace after the grace period, averaged over the conditions; the baseline is arccos(sqrt(d/N)), where a random readout sits";
        if (networks.Any(n => Dca(n).ReadoutWithinInit is null || Dca(n).ReadoutWithinFinal is null))
            return Undecided("H3", statement, statistic, "the task has no pair of input conditions to fit subspaces within.");
        var values = networks.Select(n => (n.Network, Dca(n).ReadoutWithinFinal!.Average() - Dca(n).ReadoutWithinInit!.Average())).ToList();
        var (verdict, why, mean, ci) = VerdictRules.Beyond(values.Select(v => v.Item2).ToList(), 0, +1, "the change in angle");
        return new HypothesisVerdict("H3", statement, statistic, values, mean, ci, Dca(networks[0]).ReadoutBaseline, verdict, why);
    }

    /// <summary>
    /// One measure over the networks: its mean and 95% interval, and against a threshold (in the
    /// hypothesis's direction, +1 above, -1 below) its verdict; without a threshold it is only reported.
    /// </summary>
    private static HypothesisPart Part(string what, IReadOnlyList<(string Network, double Value)> values, double? threshold = null, int direction = 0)
    {
        var numbers = values.Select(v => v.Value).ToList();
        if (threshold is not { } t)
        {
            var (mean, low, high) = MeanInterval.Of(numbers);
            return new HypothesisPart(what, values, mean, [low, high], null, null, null);
        }
        var r = VerdictRules.Beyond(numbers, t, direction, what);
        return new HypothesisPart(what, values, r.Mean, r.Ci95, t, r.Verdict, r.Why);
    }

    // Near-best DCA starts find the best one's subspace. Beside it, how often a start reaches the best PI at
    // all: the seed's "i.e." reads uniqueness as a "mostly convex" problem, where most starts would.
    private static HypothesisVerdict H4(IReadOnlyList<NetworkComparison> networks)
    {
        const string statement = "The maximally predictive latent spaces are 'mostly unique'.";
        var statistic = $"fraction of DCA starts within {StartAgreement.NearBestTolerance:P0} of the best PI whose subspace lies within {StartAgreement.AlignedDegrees} degrees (largest principal angle) of the best one's, trained networks";
        var values = networks.Where(n => Dca(n).AgreementFinal?.FractionAligned is not null)
            .Select(n => (n.Network, Dca(n).AgreementFinal!.FractionAligned!.Value)).ToList();
        var agreements = networks.Where(n => Dca(n).AgreementFinal is not null).Select(n => (n.Network, Agreement: Dca(n).AgreementFinal!)).ToList();
        var reached = Part($"fraction of DCA starts within {StartAgreement.NearBestTolerance:P0} of the best PI, the best included", [.. agreements.Select(a => (a.Network, (a.Agreement.NearBest + 1.0) / a.Agreement.Starts))]);
        var spread = Part("spread of PI across DCA starts (nats)", [.. agreements.Select(a => (a.Network, a.Agreement.InformationSpread))]);
        if (values.Count == 0)
        {
            var inv = System.Globalization.CultureInfo.InvariantCulture;
            return Undecided("H4", statement, statistic, agreements.Count == 0
                ? "no DCA start agreement was measured."
                : string.Create(inv, $"no network had a second DCA start within 1% of its best PI, so uniqueness among near-best starts could not be measured; on average {reached.Mean:P0} of the starts reached the best PI, with a spread of {spread.Mean:G3} nats.")) with { Parts = agreements.Count == 0 ? [] : [reached, spread] };
        }
        var aligned = Part("the fraction", values, Mostly, +1);
        return new HypothesisVerdict("H4", statement, statistic, values, aligned.Mean, aligned.Ci95, null, aligned.Verdict!, aligned.Why!) { Parts = [aligned with { Statistic = "fraction of near-best starts within 10 degrees of the best" }, reached, spread] };
    }
}
