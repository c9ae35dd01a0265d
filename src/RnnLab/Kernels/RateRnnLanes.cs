using RnnLab.Models;
using System.Numerics;
using TorchSharp;
using static TorchSharp.torch;

namespace RnnLab.Kernels;

/// <summary>
/// The CPU path of <see cref="RateRnnLoop"/>. Networks, and rows of a batch, never mix in the recursion,
/// so the work is cut into lanes (one network's block of rows) and each lane runs all T steps on its own
/// thread: no barrier per step, products by direct gemm on one BLAS thread, element-wise work in
/// vectorized passes over data that stays in cache. The cut depends on the batch alone, never on the
/// number of threads, because a product's rows can round differently with the product's size: a run's
/// numbers must not depend on the machine's threads or load.
/// </summary>
internal static unsafe class RateRnnLanes<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>One network's block of rows.</summary>
    private readonly record struct Lane(int Network, int Row0, int Rows);

    // Lanes of about 32 rows or more, at most 4 per network.
    private static Lane[] Cut(int networks, int batch)
    {
        var perNetwork = Math.Clamp(batch / 32, 1, 4);
        var rows = (batch + perNetwork - 1) / perNetwork;
        var lanes = new List<Lane>();
        for (var k = 0; k < networks; k++)
            for (var row0 = 0; row0 < batch; row0 += rows)
                lanes.Add(new Lane(k, row0, Math.Min(rows, batch - row0)));
        return [.. lanes];
    }

    private static void ForEachLane(Lane[] lanes, Action<Lane> body) => KernelWorkers.Run(lanes.Length, i => body(lanes[i]));

    /// <summary>Fills pre and rates [T, (K,) B, N] from W, drive and r (r0 expanded to [(K,) B, N]), all contiguous.</summary>
    public static void Forward(Tensor w, Tensor drive, Tensor r0, Tensor pre, Tensor rates, T alpha, Activation activation, T slope)
    {
        var (k, b, n, steps) = Dimensions(w, drive);
        T* wp = TensorMemory.Pointer<T>(w), dp = TensorMemory.Pointer<T>(drive), r0p = TensorMemory.Pointer<T>(r0);
        T* pp = TensorMemory.Pointer<T>(pre), rp = TensorMemory.Pointer<T>(rates);
        var keep = T.One - alpha;
        ForEachLane(Cut(k, b), lane =>
        {
            var count = lane.Rows * n;
            var wk = wp + (long)lane.Network * n * n;
            for (var t = 0; t < steps; t++)
            {
                var here = StepOffset(t, lane, k, b, n);
                var r = t == 0 ? r0p + StateOffset(lane, b, n) : rp + StepOffset(t - 1, lane, k, b, n);
                new Span<T>(dp + here, count).CopyTo(new Span<T>(pp + here, count));
                // pre^T += W r^T: row-major [rows, n] blocks read as column-major [n, rows].
                Blas.Gemm(true, false, n, lane.Rows, n, T.One, wk, n, r, n, T.One, pp + here, n);
                var next = new Span<T>(rp + here, count);
                VectorPasses<T>.Value(activation, new ReadOnlySpan<T>(pp + here, count), next, slope);
                VectorPasses<T>.ScaleAdd(next, alpha, new ReadOnlySpan<T>(r, count), keep);
            }
        });
        // The lanes read raw pointers: keep the tensors (some of them temporaries the caller made
        // contiguous) from being finalized and freed by the GC until the last lane is done.
        GC.KeepAlive(w); GC.KeepAlive(drive); GC.KeepAlive(r0); GC.KeepAlive(pre); GC.KeepAlive(rates);
    }

    /// <summary>BPTT: fills gradDrive [T, (K,) B, N] and leaves dL/dr0 in carry [(K,) B, N] (zeros on entry).</summary>
    public static void Backward(Tensor w, Tensor gradRates, Tensor pre, Tensor gradDrive, Tensor carry, T alpha, Activation activation, T slope)
    {
        var (k, b, n, steps) = Dimensions(w, pre);
        T* wp = TensorMemory.Pointer<T>(w), gp = TensorMemory.Pointer<T>(gradRates), pp = TensorMemory.Pointer<T>(pre);
        T* dp = TensorMemory.Pointer<T>(gradDrive), cp = TensorMemory.Pointer<T>(carry);
        ForEachLane(Cut(k, b), lane =>
        {
            var count = lane.Rows * n;
            var wk = wp + (long)lane.Network * n * n;
            var c = cp + StateOffset(lane, b, n);
            for (var t = steps - 1; t >= 0; t--)
            {
                var here = StepOffset(t, lane, k, b, n);
                var dpre = new Span<T>(dp + here, count);
                VectorPasses<T>.Slope(activation, new ReadOnlySpan<T>(pp + here, count), dpre, slope);
                VectorPasses<T>.Backstep(new ReadOnlySpan<T>(gp + here, count), new Span<T>(c, count), dpre, alpha);
                // carry^T += W^T dpre^T, i.e. carry += dpre W.
                Blas.Gemm(false, false, n, lane.Rows, n, T.One, wk, n, dp + here, n, T.One, c, n);
            }
        });
        GC.KeepAlive(w); GC.KeepAlive(gradRates); GC.KeepAlive(pre); GC.KeepAlive(gradDrive); GC.KeepAlive(carry);
    }

    private static (int K, int B, int N, long Steps) Dimensions(Tensor w, Tensor x)
    {
        var batched = w.dim() == 3;
        var n = w.size(-1);
        var b = x.size(-2);
        if (n > int.MaxValue / 4 || b > int.MaxValue / 4) throw new ArgumentException("RateRnnLoop: sizes exceed what BLAS takes");
        return (batched ? (int)w.size(0) : 1, (int)b, (int)n, x.size(0));
    }

    // Offset of a lane's first row at step t of a [T, K, B, N] tensor (K = 1 for one network).
    private static long StepOffset(long t, Lane lane, int k, int b, int n) => ((t * k + lane.Network) * b + lane.Row0) * (long)n;

    // Offset of a lane's first row in a [K, B, N] state.
    private static long StateOffset(Lane lane, int b, int n) => ((long)lane.Network * b + lane.Row0) * n;
}
