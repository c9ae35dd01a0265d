namespace RnnLab.Analysis.Hypotheses;

/// <summary>
/// Holm's step-down correction (Holm 1979): the i-th smallest of m p-values becomes
/// max over j ≤ i of min(1, (m - j + 1) p_(j)). It holds the family-wise error rate at alpha for any
/// dependence between the tests, and rejects at least what Bonferroni does.
/// </summary>
public static class Holm
{
    /// <summary>The adjusted p-values, in the order given.</summary>
    public static double[] Adjust(IReadOnlyList<double> p)
    {
        var order = Enumerable.Range(0, p.Count).OrderBy(i => p[i]).ToArray();
        var adjusted = new double[p.Count];
        var running = 0.0;
        for (var rank = 0; rank < order.Length; rank++)
        {
            running = Math.Max(running, Math.Min(1, (p.Count - rank) * p[order[rank]]));
            adjusted[order[rank]] = running;
        }
        return adjusted;
    }
}
