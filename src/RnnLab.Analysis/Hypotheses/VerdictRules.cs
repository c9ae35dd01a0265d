using System.Globalization;

namespace RnnLab.Analysis.Hypotheses;

/// <summary>
/// How numbers become a verdict (the README states the same rules). A hypothesis is tested on the mean
/// over networks of one per-network value, with its 95% Student's t interval (<see cref="MeanInterval"/>),
/// and needs at least <see cref="MinimumNetworks"/> networks.
/// Against a threshold t in a direction: "supported" when the whole interval lies beyond t in the
/// hypothesis's direction, "not supported" when it lies wholly on the other side, "inconclusive" when
/// it contains t.
/// </summary>
public static class VerdictRules
{
    /// <summary>Verdict words.</summary>
    public const string Supported = "supported", NotSupported = "not supported", Inconclusive = "inconclusive";

    /// <summary>Fewer networks than this give no verdict: an interval over one or two values says little.</summary>
    public const int MinimumNetworks = 3;

    /// <summary>The verdict of values against threshold in direction (+1: the hypothesis says above, -1: below), and why.</summary>
    public static (string Verdict, string Why, double Mean, double[] Ci95) Beyond(IReadOnlyList<double> values, double threshold, int direction, string what)
    {
        var (mean, low, high) = MeanInterval.Of(values);
        var inv = CultureInfo.InvariantCulture;
        var interval = string.Create(inv, $"[{low:G3}, {high:G3}]");
        var side = direction > 0 ? "above" : "below";
        if (values.Count < MinimumNetworks)
            return (Inconclusive, string.Create(inv, $"only {values.Count} network(s); a verdict needs at least {MinimumNetworks}."), mean, [low, high]);
        var beyond = direction > 0 ? low > threshold : high < threshold;
        var against = direction > 0 ? high < threshold : low > threshold;
        var why = beyond ? string.Create(inv, $"the 95% interval of {what}, {interval}, lies {side} {threshold:G3}.")
            : against ? string.Create(inv, $"the 95% interval of {what}, {interval}, lies on the other side of {threshold:G3}.")
            : string.Create(inv, $"the 95% interval of {what}, {interval}, contains {threshold:G3}.");
        return (beyond ? Supported : against ? NotSupported : Inconclusive, why, mean, [low, high]);
    }

    /// <summary>A verdict that every part must support: supported when all are, not supported when any is not, inconclusive otherwise.</summary>
    public static string All(params string[] parts) =>
        parts.All(p => p == Supported) ? Supported : parts.Any(p => p == NotSupported) ? NotSupported : Inconclusive;
}
