using System.Numerics;

namespace RnnLab.Analysis.WeightComparison;

/// <summary>How far each eigenvalue moved: eigenvalues before and after, paired by minimum total distance (greedy).</summary>
public sealed record EigenvalueMovement(Complex[] Before, Complex[] After, double[] Distances)
{
    /// <summary>How many moved farther than a threshold (seed 002 Fig. 7: few do).</summary>
    public int MovedMoreThan(double threshold) => Distances.Count(d => d > threshold);

    /// <summary>
    /// Pairs two spectra of the same size: repeatedly takes the closest remaining pair. Greedy rather
    /// than optimal assignment, which is exact when the movements are small compared with the spacing
    /// of the eigenvalues, the case this measure is read for.
    /// </summary>
    public static EigenvalueMovement Match(IReadOnlyList<Complex> before, IReadOnlyList<Complex> after)
    {
        if (before.Count != after.Count) throw new ArgumentException("spectra of different sizes");
        var n = before.Count;
        var pairs = new List<(double d, int i, int j)>(n * n);
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
                pairs.Add((Complex.Abs(before[i] - after[j]), i, j));
        pairs.Sort((a, b) => a.d.CompareTo(b.d));
        var usedBefore = new bool[n];
        var usedAfter = new bool[n];
        var matched = new Complex[n];
        var distances = new double[n];
        foreach (var (d, i, j) in pairs)
        {
            if (usedBefore[i] || usedAfter[j]) continue;
            usedBefore[i] = usedAfter[j] = true;
            matched[i] = after[j];
            distances[i] = d;
        }
        return new EigenvalueMovement(before.ToArray(), matched, distances);
    }
}
