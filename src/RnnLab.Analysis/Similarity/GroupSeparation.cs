namespace RnnLab.Analysis.Similarity;

/// <summary>
/// Whether networks of one group (a run, or a task) are closer to each other than to the others: the mean
/// distance across groups minus the mean within groups, and its permutation p-value. The null is that the
/// group labels say nothing: the same statistic with the labels shuffled, Permutations times, each shuffle
/// drawn from a generator seeded by Seed so that the p-value is the same on every run. p = (1 + shuffles at
/// least as large) / (1 + Permutations), which is never 0 (Phipson and Smyth 2010).
/// </summary>
/// <param name="Within">Mean distance between two networks of the same group.</param>
/// <param name="Across">Mean distance between two networks of different groups.</param>
/// <param name="Statistic">Across - Within.</param>
/// <param name="PValue">The one-sided permutation p-value of Statistic.</param>
/// <param name="Permutations">Shuffles drawn.</param>
public sealed record GroupSeparation(double Within, double Across, double Statistic, double PValue, int Permutations)
{
    /// <summary>The default number of shuffles.</summary>
    public const int DefaultPermutations = 10_000;

    /// <summary>Tests a symmetric distance matrix against group labels (at least two groups, one with two members).</summary>
    public static GroupSeparation Test(double[,] distances, IReadOnlyList<int> groups, int permutations = DefaultPermutations, int seed = 1)
    {
        var n = groups.Count;
        if (distances.GetLength(0) != n || distances.GetLength(1) != n)
            throw new ArgumentException($"the distance matrix is {distances.GetLength(0)} x {distances.GetLength(1)} for {n} labels");
        if (groups.Distinct().Count() < 2) throw new ArgumentException("separation needs at least two groups");
        if (groups.GroupBy(g => g).All(g => g.Count() < 2)) throw new ArgumentException("separation needs a group with at least two members");
        ArgumentOutOfRangeException.ThrowIfLessThan(permutations, 1);
        var (within, across) = Means(distances, groups);
        var observed = across - within;
        var random = new Random(seed);
        var labels = groups.ToArray();
        var atLeast = 0;
        for (var p = 0; p < permutations; p++)
        {
            random.Shuffle(labels);
            var (w, a) = Means(distances, labels);
            // A shuffle that ties the observed value counts, so that a statistic equal under every shuffle gives p = 1.
            if (a - w >= observed - 1e-12 * Math.Abs(observed)) atLeast++;
        }
        return new GroupSeparation(within, across, observed, (1.0 + atLeast) / (1.0 + permutations), permutations);
    }

    private static (double Within, double Across) Means(double[,] d, IReadOnlyList<int> groups)
    {
        double within = 0, across = 0;
        int nw = 0, na = 0;
        for (var i = 0; i < groups.Count; i++)
            for (var j = i + 1; j < groups.Count; j++)
            {
                if (groups[i] == groups[j]) { within += d[i, j]; nw++; }
                else { across += d[i, j]; na++; }
            }
        return (within / nw, across / na);
    }
}
