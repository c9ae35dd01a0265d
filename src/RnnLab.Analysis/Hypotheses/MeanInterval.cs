using MathNet.Numerics.Distributions;

namespace RnnLab.Analysis.Hypotheses;

/// <summary>
/// Student's t interval of a mean over networks: mean ± t(0.975, n-1) s / sqrt(n). At n = 10 it covers the
/// true mean of normal values 95% of the time (tested by simulation); the percentile bootstrap that RnnLab
/// used before covers about 91% there, too narrow for a verdict. Equal values give the value itself; a
/// single value has no interval (NaN bounds).
/// </summary>
public static class MeanInterval
{
    /// <summary>The mean and its 95% interval; values must not be empty.</summary>
    public static (double Mean, double Low, double High) Of(IReadOnlyList<double> values)
    {
        if (values.Count == 0) throw new ArgumentException("an interval of a mean needs at least one value.", nameof(values));
        var mean = values.Average();
        if (values.Count == 1) return (mean, double.NaN, double.NaN);
        var variance = values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1);
        var half = StudentT.InvCDF(0, 1, values.Count - 1, 0.975) * Math.Sqrt(variance / values.Count);
        return (mean, mean - half, mean + half);
    }
}
