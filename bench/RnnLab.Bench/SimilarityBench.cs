using System.Diagnostics;
using System.Globalization;
using RnnLab.Analysis.Similarity;
using static TorchSharp.torch;

namespace RnnLab.Bench;

/// <summary>
/// The cost of comparing many networks' dynamics: 30 systems shaped like trained networks' task trials
/// (64 trials of 100 steps, 128 units, from random stable linear dynamics with noise), each fitted once
/// (delay embedding and DMD, DsaOptions' defaults, one system per core), then every pair matched (435 pairs, the searches spread over every core).
/// </summary>
internal static class SimilarityBench
{
    private const int Systems = 30, Trials = 64, Steps = 100, Units = 128;

    /// <summary>Prints the time to fit the operators and to match every pair.</summary>
    public static void Print()
    {
        var inv = CultureInfo.InvariantCulture;
        using var scope = NewDisposeScope();
        using var g = new Generator(30);
        var data = Enumerable.Range(0, Systems).Select(_ => Trajectories(g)).ToList();
        var options = new DsaOptions();
        var clock = Stopwatch.StartNew();
        var fitted = DynamicalSimilarity.Fit(data, options);
        var fit = clock.Elapsed.TotalSeconds;
        clock.Restart();
        var (_, converged) = DynamicalSimilarity.Pairwise(fitted, options);
        var pairs = clock.Elapsed.TotalSeconds;
        var settled = Enumerable.Range(0, Systems).Sum(i => Enumerable.Range(0, i).Count(j => converged[i, j]));
        Console.WriteLine(string.Create(inv, $"DSA, {Systems} systems of {Trials} trials x {Steps} steps x {Units} units (delays {options.Delays}, rank {options.Rank}, " +
            $"{options.Iterations} iterations): fitting {fit:F1} s, {Systems * (Systems - 1) / 2} pairs {pairs:F1} s ({settled} settled), total {fit + pairs:F1} s"));
    }

    // x(t+1) = A x(t) + noise with A a random orthogonal matrix scaled to 0.97, from random starts.
    private static Tensor Trajectories(Generator g)
    {
        var a = 0.97 * linalg.qr(randn([Units, Units], float64, generator: g)).Q;
        var x = randn([Trials, Units], float64, generator: g);
        var states = new List<Tensor> { x };
        for (var t = 1; t < Steps; t++)
        {
            x = x.matmul(a.t()) + 0.1 * randn([Trials, Units], float64, generator: g);
            states.Add(x);
        }
        return stack(states, 1);
    }
}
