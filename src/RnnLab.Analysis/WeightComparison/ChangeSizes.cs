namespace RnnLab.Analysis.WeightComparison;

/// <summary>The fraction of existing weights whose change exceeds OfInitialStd × std(W_init).</summary>
public sealed record ChangedFraction(double OfInitialStd, double Fraction);

/// <summary>
/// How large the weight changes are relative to the initial weights: |dW| / std(W_init) over the existing
/// entries, as quantiles and as a histogram on log-spaced bins from 1e-4 to 10 (smaller changes, zeros
/// included, count in the first bin, larger ones in the last).
/// </summary>
public sealed record ChangeSizes(double InitialStd, double Median, double Quantile90, double Quantile99, double Max, double[] BinEdges, long[] Counts)
{
    /// <summary>The quantiles and histogram of relative sizes (|dW| / std(W_init) of each entry).</summary>
    public static ChangeSizes Of(double[] relative, double initialStd, int bins = 25)
    {
        var sorted = relative.Order().ToArray();
        double Quantile(double q) => sorted.Length == 0 ? double.NaN : sorted[(int)Math.Min(sorted.Length - 1, Math.Floor(q * sorted.Length))];
        var (low, high) = (Math.Log10(1e-4), Math.Log10(10));
        var edges = Enumerable.Range(0, bins + 1).Select(i => Math.Pow(10, low + (high - low) * i / bins)).ToArray();
        var counts = new long[bins];
        foreach (var r in relative)
        {
            var k = r <= 0 ? 0 : (int)Math.Floor((Math.Log10(r) - low) / (high - low) * bins);
            counts[Math.Clamp(k, 0, bins - 1)]++;
        }
        return new ChangeSizes(initialStd, Quantile(0.5), Quantile(0.9), Quantile(0.99), sorted.Length == 0 ? double.NaN : sorted[^1], edges, counts);
    }
}
