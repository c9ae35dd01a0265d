namespace RnnLab.Tests.Randomness;

/// <summary>Sample moments, correlation and the Kolmogorov-Smirnov distance to N(0, 1), in double precision.</summary>
internal static class SampleStatistics
{
    public readonly record struct Moments(double Mean, double Variance, double Skewness, double ExcessKurtosis);

    public static Moments Of(ReadOnlySpan<double> x)
    {
        var n = x.Length;
        double sum = 0;
        foreach (var v in x) sum += v;
        var mean = sum / n;
        double m2 = 0, m3 = 0, m4 = 0;
        foreach (var v in x)
        {
            var d = v - mean;
            var d2 = d * d;
            m2 += d2;
            m3 += d2 * d;
            m4 += d2 * d2;
        }
        m2 /= n;
        m3 /= n;
        m4 /= n;
        return new Moments(mean, m2 * n / (n - 1), m3 / Math.Pow(m2, 1.5), m4 / (m2 * m2) - 3);
    }

    public static double Correlation(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        var a = Of(x);
        var b = Of(y);
        double sum = 0;
        for (var i = 0; i < x.Length; i++) sum += (x[i] - a.Mean) * (y[i] - b.Mean);
        return sum / (x.Length - 1) / Math.Sqrt(a.Variance * b.Variance);
    }

    /// <summary>sup |F_n(x) - Φ(x)| over the sample.</summary>
    public static double KolmogorovSmirnovToStandardNormal(ReadOnlySpan<double> x)
    {
        var sorted = x.ToArray();
        Array.Sort(sorted);
        var n = (double)sorted.Length;
        double d = 0;
        for (var i = 0; i < sorted.Length; i++)
        {
            var f = NormalCdf(sorted[i]);
            d = Math.Max(d, Math.Max(f - i / n, (i + 1) / n - f));
        }
        return d;
    }

    /// <summary>
    /// The asymptotic Kolmogorov critical value sqrt(-ln(α / 2) / 2) / sqrt(n); 1.9495 / sqrt(n) at α = 0.001.
    /// </summary>
    public static double KolmogorovSmirnovCritical(int n, double alpha) => Math.Sqrt(-Math.Log(alpha / 2) / 2) / Math.Sqrt(n);

    /// <summary>Φ(x) = erfc(-x / √2) / 2, with erfc's Chebyshev fit from Numerical Recipes (relative error below 1.2e-7).</summary>
    public static double NormalCdf(double x) => 0.5 * Erfc(-x / Math.Sqrt(2));

    private static double Erfc(double x)
    {
        var z = Math.Abs(x);
        var t = 1 / (1 + 0.5 * z);
        var poly = -z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806
            + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
        var r = t * Math.Exp(poly);
        return x >= 0 ? r : 2 - r;
    }

    public static double[] Widen(float[] x) => Array.ConvertAll(x, v => (double)v);
}
