namespace RnnLab.Analysis.WeightComparison;

/// <summary>A statistic of random readouts (an angle in degrees, or a variance share): mean and central 95% (Low, High).</summary>
public sealed record ReadoutNull(double Mean, double Low, double High)
{
    /// <summary>The mean and central 95% of draws of the statistic.</summary>
    public static ReadoutNull Of(IEnumerable<double> draws)
    {
        var sorted = draws.Order().ToArray();
        return new ReadoutNull(sorted.Average(), sorted[(int)(0.025 * sorted.Length)], sorted[Math.Min(sorted.Length - 1, (int)(0.975 * sorted.Length))]);
    }
}
