namespace RnnLab.Analysis.Hypotheses;

/// <summary>
/// The percentile bootstrap of a mean over networks: resample the networks with replacement, take each
/// resample's mean, and read the 2.5% and 97.5% points. A fixed seed makes the interval the same on every
/// run of the same numbers.
/// </summary>
public static class Bootstrap
{
    /// <summary>Resamples drawn.</summary>
    public const int Resamples = 10_000;

    /// <summary>The mean and its 95% interval; values must not be empty.</summary>
    public static (double Mean, double Low, double High) MeanInterval(IReadOnlyList<double> values, int seed = 2002)
    {
        if (values.Count == 0) throw new ArgumentException("the bootstrap needs at least one value.", nameof(values));
        var random = new Random(seed);
        var means = new double[Resamples];
        for (var r = 0; r < Resamples; r++)
        {
            double sum = 0;
            for (var i = 0; i < values.Count; i++) sum += values[random.Next(values.Count)];
            means[r] = sum / values.Count;
        }
        Array.Sort(means);
        return (values.Average(), means[(int)(0.025 * Resamples)], means[(int)(0.975 * Resamples) - 1]);
    }
}
