using System.Globalization;
using MathNet.Numerics.Distributions;
using RnnLab.Analysis.Artifacts;

namespace RnnLab.Analysis.CrossNetwork;

/// <summary>
/// How fast the fixed-point count grows along a grid axis: ordinary least squares of log(1 + F) against the
/// axis value, F each network's mean number of fixed points per condition. The log makes exponential growth
/// (Wainrib and Touboul's count in N) a straight line whose slope is the rate, and the 1 keeps a network
/// with none at zero. Each network is one observation, not each point's mean, so the standard error sees the
/// spread between networks. An axis is fitted when every point's value of it is a number, separately for
/// each snapshot and each combination of the other axes' values (the count against N at each gain g).
/// </summary>
public static class CensusGrowth
{
    /// <summary>The fits of every numeric axis, in the order of the axes, the snapshots and the first appearance of each combination of the others.</summary>
    public static CensusFitRecord[] Fits(IReadOnlyList<string> axes, IReadOnlyList<CensusPointRecord> points, IReadOnlyList<string> snapshots,
        IReadOnlyList<CensusRowRecord> rows)
    {
        var fits = new List<CensusFitRecord>();
        foreach (var axis in axes)
        {
            if (!points.All(p => Number(Value(p, axis)) is not null)) continue;
            var others = axes.Where(a => a != axis).ToList();
            var groups = points.GroupBy(p => string.Join("\u0001", others.Select(o => Value(p, o))));
            foreach (var group in groups)
                foreach (var snapshot in snapshots)
                {
                    var observations = group.SelectMany(p => rows.Single(r => r.Point == p.Name && r.Snapshot == snapshot).Networks
                        .Select(n => (X: Number(Value(p, axis))!.Value, Y: Math.Log(1 + n.Fixed)))).ToList();
                    fits.Add(Fit(axis, [.. others.Select(o => new GridValueRecord(o, Value(group.First(), o)))], snapshot, observations));
                }
        }
        return [.. fits];
    }

    /// <summary>
    /// The least-squares line through the observations: slope, its standard error sqrt(s² / Sxx) with
    /// s² = residual sum of squares / (n - 2), the 95% t interval on n - 2 degrees of freedom, exp(slope) and
    /// the intercept; unavailable, with the reason, below 2 distinct x or 3 observations.
    /// </summary>
    public static CensusFitRecord Fit(string axis, GridValueRecord[] others, string snapshot, IReadOnlyList<(double X, double Y)> observations)
    {
        var n = observations.Count;
        var levels = observations.Select(o => o.X).Distinct().Count();
        string? unavailable = levels < 2 ? $"{levels} distinct value(s) of {axis}: a slope needs at least 2"
            : n < 3 ? $"{n} networks: a slope with a standard error needs at least 3"
            : null;
        if (unavailable is not null) return new CensusFitRecord(axis, others, snapshot, n, levels, null, null, null, null, null, null, unavailable);
        var xBar = observations.Average(o => o.X);
        var yBar = observations.Average(o => o.Y);
        var sxx = observations.Sum(o => (o.X - xBar) * (o.X - xBar));
        var sxy = observations.Sum(o => (o.X - xBar) * (o.Y - yBar));
        var slope = sxy / sxx;
        var intercept = yBar - slope * xBar;
        var residual = observations.Sum(o => Math.Pow(o.Y - intercept - slope * o.X, 2));
        var se = Math.Sqrt(residual / (n - 2) / sxx);
        var half = StudentT.InvCDF(0, 1, n - 2, 0.975) * se;
        return new CensusFitRecord(axis, others, snapshot, n, levels, slope, se, slope - half, slope + half, Math.Exp(slope), intercept, null);
    }

    private static string Value(CensusPointRecord point, string key) => point.Values.First(v => v.Key == key).Value;

    private static double? Number(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? v : null;
}
