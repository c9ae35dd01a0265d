using RnnLab.Models;
using System.Runtime.InteropServices;
using System.Numerics;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using TorchSharp;
using static TorchSharp.torch;

namespace RnnLab.Kernels;

/// <summary>
/// One iteration of the fixed-point search on a rate RNN, in place:
/// <code>
/// pre = c + x W^T,   F = (f(pre) - x) / tau,   q_k = 1/2 |F_k|^2
/// g = d(mean_k q_k)/dx = (-F + (f'(pre) * F) W) / (tau K)
/// Adam (update t): m = b1 m + (1 - b1) g,  v = b2 v + (1 - b2) g^2,  d = m / (sqrt(v) / sqrt(1 - b2^t) + eps) / (1 - b1^t)
/// </code>
/// The step x -= lr d is taken at the start of the *next* iteration: the search picks lr from mean q over
/// all states, known only once every state's q is. Autograd spends some fifteen ops and a recorded graph
/// per iteration on q and g, and the optimizer eight more; on float32/float64 CPU tensors the states go
/// through here in tiles of rows instead: a tile's step, two direct gemm calls and vectorized passes run
/// on data that stays in cache, and tiles spread over threads. Tiles have a fixed size, so the numbers
/// do not depend on the threads. Other devices and dtypes run the same iteration as TorchSharp ops.
/// </summary>
public static unsafe class RateRnnDescent
{
    /// <summary>
    /// Takes the pending step x -= lr d (lr = 0: none), evaluates q [K] at x (q holds the previous
    /// iteration's q on entry) and makes Adam update number step.Number (1-based) of m and v, leaving the
    /// next direction in d. x, m, v, d are [K, N], q [K], c [K, N] or [N], all contiguous and of one dtype
    /// and device; W [N, N]. The gradient is that of q's mean over <paramref name="meanOver"/> states
    /// (default K): a search whose finished states have left keeps the count it started with, so that each
    /// remaining state takes the steps it would have taken beside them.
    /// </summary>
    public static SpeedSummary Iterate(RateFieldTerms field, DescentBuffers buffers, AdamStep step, KernelPath path = KernelPath.Auto, long? meanOver = null)
    {
        var (w, c, tau, activation, slope) = field;
        var (x, m, v, d, q) = buffers;
        var (lr, number, beta1, beta2, eps) = step;
        Validate(x, w, c, m, v, d, q, tau, number);
        var k = x.size(0);
        if (meanOver < k) throw new ArgumentOutOfRangeException(nameof(meanOver), meanOver, $"RateRnnDescent: the mean is over at least the {k} states given");
        var problem = new Problem(tau, activation, slope, lr, number == 1, beta1, beta2, eps,
            1 / (1 - Math.Pow(beta1, number)), Math.Sqrt(1 - Math.Pow(beta2, number)), 1 / (tau * (meanOver ?? k)));
        using var scope = NewDisposeScope();
        var ws = w.to(x.dtype, x.device).contiguous();
        if (path == KernelPath.Auto && TensorMemory.CpuPath(x, ws, c, m, v, d, q))
            return x.dtype == ScalarType.Float32
                ? Tiles<float>.Run(x, ws, c, m, v, d, q, problem)
                : Tiles<double>.Run(x, ws, c, m, v, d, q, problem);
        return AsTensorOps(x, ws, c, m, v, d, q, problem);
    }

    private sealed record Problem(double Tau, Activation Activation, double Slope, double Lr, bool First,
        double Beta1, double Beta2, double Eps, double InvBc1, double RootBc2, double GradScale);

    private static void Validate(Tensor x, Tensor w, Tensor c, Tensor m, Tensor v, Tensor d, Tensor q, double tau, long step)
    {
        if (x.dim() != 2 || w.dim() != 2 || w.size(0) != w.size(1) || x.size(1) != w.size(0))
            throw new ArgumentException($"RateRnnDescent: x must be [K, N] and W [N, N], got [{string.Join(", ", x.shape)}] and [{string.Join(", ", w.shape)}]");
        var (k, n) = (x.size(0), x.size(1));
        if (k == 0 || n == 0) throw new ArgumentException("RateRnnDescent: no states");
        if (!(c.shape.SequenceEqual(x.shape) || (c.dim() == 1 && c.size(0) == n)))
            throw new ArgumentException($"RateRnnDescent: c must be [K, N] or [N], got [{string.Join(", ", c.shape)}]");
        foreach (var t in new[] { x, m, v, d, q, c })
            if (!t.is_contiguous() || t.dtype != x.dtype || t.device_type != x.device_type || t.device_index != x.device_index)
                throw new ArgumentException("RateRnnDescent: x, c, m, v, d and q must be contiguous, of one dtype and on one device");
        foreach (var t in new[] { m, v, d })
            if (!t.shape.SequenceEqual(x.shape))
                throw new ArgumentException($"RateRnnDescent: m, v and d must be shaped like x [{string.Join(", ", x.shape)}], got [{string.Join(", ", t.shape)}]");
        if (q.dim() != 1 || q.size(0) != k) throw new ArgumentException($"RateRnnDescent: q must be [K] = [{k}], got [{string.Join(", ", q.shape)}]");
        if (!(tau > 0)) throw new ArgumentOutOfRangeException(nameof(tau), tau, "RateRnnDescent: tau must be > 0");
        if (step < 1) throw new ArgumentOutOfRangeException(nameof(step), step, "RateRnnDescent: step must be >= 1");
    }

    // NaN wins, as in torch.max: a search whose q turned NaN must see it.
    private static double NanMax(double a, double b) => double.IsNaN(a) || a > b ? a : b;

    private static SpeedSummary AsTensorOps(Tensor x, Tensor w, Tensor c, Tensor m, Tensor v, Tensor d, Tensor q, Problem p)
    {
        using var _ = no_grad();
        if (p.Lr != 0) x.sub_(d * p.Lr);
        var pre = c.expand_as(x).addmm(x, w.t());
        var field = (p.Activation.Apply(pre, p.Slope) - x) / p.Tau;
        var qn = field.square().sum(1) * 0.5;
        var summary = new SpeedSummary(qn.max().ToDouble(),
            p.First ? double.PositiveInfinity : (qn - q).abs().max().ToDouble(), qn.mean().ToDouble());
        q.copy_(qn);
        var g = (p.Activation.Derivative(pre, p.Slope) * field).mm(w).sub_(field).mul_(p.GradScale);
        m.mul_(p.Beta1).add_(g, alpha: 1 - p.Beta1);
        v.mul_(p.Beta2).addcmul_(g, g, 1 - p.Beta2);
        d.copy_(m / (v.sqrt() / p.RootBc2 + p.Eps) * p.InvBc1);
        return summary;
    }

    private static class Tiles<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        // Rows per tile: a quarter of the states, within [32, 256]. Large tiles spread the cost of packing W
        // over more rows (256 measured best for 1024 states of 128 units), while several tiles keep the
        // threads busy. It depends on K alone, never on the number of threads.
        private static int TileRows(long k) => (int)Math.Clamp((k + 3) / 4, 32, 256);

        public static SpeedSummary Run(Tensor xt, Tensor wt, Tensor ct, Tensor mt, Tensor vt, Tensor dt, Tensor qt, Problem p)
        {
            int k = (int)xt.size(0), n = (int)xt.size(1), tile = TileRows(k);
            var tiles = (k + tile - 1) / tile;
            T* x = TensorMemory.Pointer<T>(xt), w = TensorMemory.Pointer<T>(wt), c = TensorMemory.Pointer<T>(ct);
            T* m = TensorMemory.Pointer<T>(mt), v = TensorMemory.Pointer<T>(vt), d = TensorMemory.Pointer<T>(dt), q = TensorMemory.Pointer<T>(qt);
            var cPerRow = ct.dim() == 2;
            var maxQ = new double[tiles];
            var maxDq = new double[tiles];
            T lr = T.CreateChecked(p.Lr), invTau = T.CreateChecked(1 / p.Tau), slope = T.CreateChecked(p.Slope);

            void Tile(int index)
            {
                int row0 = index * tile, rows = Math.Min(tile, k - row0), count = rows * n;
                // 64-byte aligned, as libtorch's own buffers: MKL may pick other kernels (and round differently)
                // for other alignments, and a pooled managed array's alignment changes from call to call.
                var s = (T*)NativeMemory.AlignedAlloc((nuint)(3 * count * sizeof(T)), 64);
                try
                {
                    {
                        T* pre = s, field = s + count, hw = s + 2 * count, xr = x + (long)row0 * n;
                        var xs = new Span<T>(xr, count);
                        if (p.Lr != 0) VectorPasses<T>.ScaleAdd(xs, T.One, new ReadOnlySpan<T>(d + (long)row0 * n, count), -lr);
                        // Row-major [rows, n] is column-major [n, rows]: pre^T = W x^T and (hW)^T = W^T h^T.
                        Blas.Gemm(true, false, n, rows, n, T.One, w, n, xr, n, T.Zero, pre, n);
                        var (tileMaxQ, tileMaxDq) = (0.0, 0.0);
                        for (var r = 0; r < rows; r++)
                        {
                            var a = new Span<T>(pre + (long)r * n, n);
                            var f = new Span<T>(field + (long)r * n, n);
                            TensorPrimitives.Add(a, new ReadOnlySpan<T>(c + (cPerRow ? (long)(row0 + r) * n : 0), n), a);
                            VectorPasses<T>.Value(p.Activation, a, f, slope);
                            TensorPrimitives.Subtract(f, new ReadOnlySpan<T>(xr + (long)r * n, n), f);
                            TensorPrimitives.Multiply(f, invTau, f);
                            VectorPasses<T>.Slope(p.Activation, a, a, slope);
                            TensorPrimitives.Multiply(a, f, a);                       // h = f'(pre) F
                            var qr = double.CreateChecked(TensorPrimitives.SumOfSquares<T>(f)) * 0.5;
                            if (!p.First) tileMaxDq = NanMax(Math.Abs(qr - double.CreateChecked(q[row0 + r])), tileMaxDq);
                            tileMaxQ = NanMax(qr, tileMaxQ);
                            q[row0 + r] = T.CreateChecked(qr);
                        }
                        Blas.Gemm(false, false, n, rows, n, T.One, w, n, pre, n, T.Zero, hw, n);
                        VectorPasses<T>.Adam(new ReadOnlySpan<T>(hw, count), new ReadOnlySpan<T>(field, count),
                            new Span<T>(m + (long)row0 * n, count), new Span<T>(v + (long)row0 * n, count), new Span<T>(d + (long)row0 * n, count),
                            T.CreateChecked(p.GradScale), T.CreateChecked(p.Beta1), T.CreateChecked(p.Beta2), T.CreateChecked(p.Eps),
                            T.CreateChecked(p.InvBc1), T.CreateChecked(p.RootBc2));
                        (maxQ[index], maxDq[index]) = (tileMaxQ, tileMaxDq);
                    }
                }
                finally
                {
                    NativeMemory.AlignedFree(s);
                }
            }

            KernelWorkers.Run(tiles, Tile);

            double max = 0, maxChange = 0, sum = 0;
            for (var t = 0; t < tiles; t++) (max, maxChange) = (NanMax(maxQ[t], max), NanMax(maxDq[t], maxChange));
            for (var row = 0; row < k; row++) sum += double.CreateChecked(q[row]);   // in row order, whatever the threads
            // The tiles read raw pointers: keep every tensor from being finalized until here.
            GC.KeepAlive(xt); GC.KeepAlive(wt); GC.KeepAlive(ct); GC.KeepAlive(mt); GC.KeepAlive(vt); GC.KeepAlive(dt); GC.KeepAlive(qt);
            return new SpeedSummary(max, p.First ? double.PositiveInfinity : maxChange, sum / k);
        }
    }
}
