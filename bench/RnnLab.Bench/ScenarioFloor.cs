using System.Diagnostics;
using RnnLab.Experiments;
using RnnLab.Randomness;
using TorchSharp;
using static TorchSharp.torch;

namespace RnnLab.Bench;

/// <summary>
/// What a scenario cannot go below on this machine, measured. A training step: drawing its recurrent
/// noise (from RnnLab's Philox stream, the fastest draw here; every implementation must draw as many
/// normal deviates) plus its matrix products alone (T forward and
/// T backward products of [B, N] x [N, N], and dW as one [N, TB] x [TB, N] product), as whole products
/// on the BLAS's threads or with the batch cut into one block per thread, whichever is faster. The fixed-point
/// search: its two float64 products of [K, N] x [N, N] per iteration, as whole products or split over
/// the threads, whichever is faster. Nothing else is timed, so a speed-up
/// over PyTorch larger than PyTorch's time divided by this floor is out of reach.
/// </summary>
public sealed record ScenarioFloor(double NoiseMilliseconds, double ProductsMilliseconds)
{
    /// <summary>Noise plus products: per training step, or per search.</summary>
    public double Milliseconds => NoiseMilliseconds + ProductsMilliseconds;

    /// <summary>Measures the floor of a scenario (medians of repeats).</summary>
    public static ScenarioFloor Measure(BenchScenario s, int repeats)
    {
        if (s.FixedPointSearch) return SearchFloor(s, repeats);
        using var g = new Generator(3);
        var shape = s.Networks > 1 ? new long[] { s.Steps, s.Networks, s.Batch, s.Units } : [s.Steps, s.Batch, s.Units];
        var stream = SeedStream.For(3, SeedPurpose.Bench);
        double Noise()
        {
            var clock = Stopwatch.StartNew();
            using (stream.Normal(shape, float32)) { }
            return clock.Elapsed.TotalMilliseconds;
        }
        using var w = randn(s.Networks > 1 ? [s.Networks, s.Units, s.Units] : [s.Units, s.Units], generator: g) / Math.Sqrt(s.Units);
        using var state = randn(s.Networks > 1 ? [s.Networks, s.Batch, s.Units] : [s.Batch, s.Units], generator: g) * 0.1;
        using var history = randn(s.Networks > 1 ? [s.Networks, s.Steps * s.Batch, s.Units] : [s.Steps * s.Batch, s.Units], generator: g) * 0.1;
        double Products()
        {
            var clock = Stopwatch.StartNew();
            using var scope = NewDisposeScope();
            for (var t = 0; t < 2 * s.Steps; t++)
                using (s.Networks > 1 ? state.bmm(w) : state.mm(w)) { }
            using (s.Networks > 1 ? history.transpose(1, 2).bmm(history) : history.t().mm(history)) { }
            return clock.Elapsed.TotalMilliseconds;
        }
        // The same products with the batch's rows cut into one block per thread, one BLAS thread each.
        var threads = Math.Max(1, Math.Min(Environment.ProcessorCount, s.Batch));
        var blocks = Enumerable.Range(0, threads).Select(i => (Slice(state, i, threads), Slice(history, i, threads))).ToArray();
        double Sliced() => OnThreads(blocks, block =>
        {
            var (rows, past) = block;
            for (var t = 0; t < 2 * s.Steps; t++)
                using (s.Networks > 1 ? rows.bmm(w) : rows.mm(w)) { }
            using (s.Networks > 1 ? past.transpose(1, 2).bmm(past) : past.t().mm(past)) { }
        });
        try
        {
            Noise();
            Products();
            Sliced();
            var whole = BenchStatistics.Median([.. Enumerable.Range(0, repeats).Select(_ => Products())]);
            var sliced = BenchStatistics.Median([.. Enumerable.Range(0, repeats).Select(_ => Sliced())]);
            return new ScenarioFloor(BenchStatistics.Median([.. Enumerable.Range(0, repeats).Select(_ => Noise())]), Math.Min(whole, sliced));
        }
        finally
        {
            foreach (var (rows, past) in blocks)
            {
                rows.Dispose();
                past.Dispose();
            }
        }
    }

    // Block i of n of x's rows (its second-to-last dimension), contiguous.
    private static Tensor Slice(Tensor x, int i, int n)
    {
        var rows = x.size(-2);
        using var view = x.narrow(x.dim() - 2, i * rows / n, (i + 1) * rows / n - i * rows / n);
        return view.contiguous();
    }

    // Milliseconds for work on every item at once, one thread (and one BLAS thread) per item.
    private static double OnThreads<T>(IReadOnlyList<T> items, Action<T> work)
    {
        var clock = Stopwatch.StartNew();
        ThreadsAtOnce.ForEach(items, items.Count, work);
        return clock.Elapsed.TotalMilliseconds;
    }

    // The search's products arranged both ways it could run them: whole [K, N] products on the BLAS's
    // threads, or K / threads rows per thread on one BLAS thread each (as the fused kernel tiles them);
    // the faster of the two is the floor. The second has no barrier between iterations, so it is a
    // bound, not a schedule.
    private static ScenarioFloor SearchFloor(BenchScenario s, int repeats)
    {
        using var g = new Generator(3);
        using var w = randn([s.Units, s.Units], float64, generator: g);
        using var states = randn([s.Batch, s.Units], float64, generator: g);
        var threads = Math.Max(1, Math.Min(Environment.ProcessorCount, s.Batch));
        var slices = Enumerable.Range(0, threads).Select(i => Slice(states, i, threads)).ToArray();
        double Whole()
        {
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < 2 * s.Steps; i++)
                using (states.mm(w)) { }
            return clock.Elapsed.TotalMilliseconds;
        }
        double Sliced() => OnThreads(slices, slice =>
        {
            for (var i = 0; i < 2 * s.Steps; i++)
                using (slice.mm(w)) { }
        });
        try
        {
            Whole();
            Sliced();
            var whole = BenchStatistics.Median([.. Enumerable.Range(0, repeats).Select(_ => Whole())]);
            var sliced = BenchStatistics.Median([.. Enumerable.Range(0, repeats).Select(_ => Sliced())]);
            return new ScenarioFloor(0, Math.Min(whole, sliced));
        }
        finally
        {
            foreach (var slice in slices) slice.Dispose();
        }
    }
}
