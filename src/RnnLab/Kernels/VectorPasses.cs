using RnnLab.Models;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace RnnLab.Kernels;

/// <summary>
/// The element-wise work of the fused kernels as vectorized passes over spans: System.Numerics'
/// <see cref="Vector{T}"/> (its width is the machine's, chosen by the runtime at start, never assumed)
/// and TensorPrimitives for the transcendental functions. Every element is computed on its own, so the
/// vector width changes no result; only the row sums of q are taken in vector lanes.
/// </summary>
internal static class VectorPasses<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private static readonly T Threshold = T.CreateChecked(ActivationOps.SoftplusThreshold);

    /// <summary>f = f(x).</summary>
    public static void Value(Activation activation, ReadOnlySpan<T> x, Span<T> f, T slope)
    {
        switch (activation)
        {
            case Activation.Relu: TensorPrimitives.Max(x, T.Zero, f); break;
            case Activation.Tanh: TensorPrimitives.Tanh(x, f); break;
            case Activation.LeakyRelu: BySign(x, f, T.One, slope, timesX: true); break;
            case Activation.Softplus:
                TensorPrimitives.Exp(x, f);
                TensorPrimitives.LogP1(f, f);
                for (var i = 0; i < x.Length; i++) if (x[i] > Threshold) f[i] = x[i];   // identity above the threshold
                break;
            case Activation.Linear: x.CopyTo(f); break;
            default: throw new ArgumentOutOfRangeException(nameof(activation), activation, "unknown activation");
        }
    }

    /// <summary>fp = f'(x), as libtorch's backward formulas take it.</summary>
    public static void Slope(Activation activation, ReadOnlySpan<T> x, Span<T> fp, T slope)
    {
        switch (activation)
        {
            case Activation.Relu: BySign(x, fp, T.One, T.Zero, timesX: false); break;
            case Activation.Tanh:
                TensorPrimitives.Tanh(x, fp);
                TensorPrimitives.Multiply(fp, fp, fp);
                TensorPrimitives.Subtract(T.One, fp, fp);
                break;
            case Activation.LeakyRelu: BySign(x, fp, T.One, slope, timesX: false); break;
            case Activation.Softplus:
                TensorPrimitives.Sigmoid(x, fp);
                for (var i = 0; i < x.Length; i++) if (x[i] > Threshold) fp[i] = T.One;   // identity above the threshold
                break;
            case Activation.Linear: fp.Fill(T.One); break;
            default: throw new ArgumentOutOfRangeException(nameof(activation), activation, "unknown activation");
        }
    }

    // dst = (x > 0 ? above : below), times x when timesX.
    private static void BySign(ReadOnlySpan<T> x, Span<T> dst, T above, T below, bool timesX)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            Vector<T> vAbove = new(above), vBelow = new(below);
            for (; i <= x.Length - Vector<T>.Count; i += Vector<T>.Count)
            {
                var v = new Vector<T>(x[i..]);
                var chosen = Vector.ConditionalSelect(Vector.GreaterThan(v, Vector<T>.Zero), vAbove, vBelow);
                (timesX ? chosen * v : chosen).CopyTo(dst[i..]);
            }
        }
        for (; i < x.Length; i++)
        {
            var chosen = x[i] > T.Zero ? above : below;
            dst[i] = timesX ? chosen * x[i] : chosen;
        }
    }

    /// <summary>y = a y + b x.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ScaleAdd(Span<T> y, T a, ReadOnlySpan<T> x, T b)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var va = new Vector<T>(a);
            var vb = new Vector<T>(b);
            for (; i <= y.Length - Vector<T>.Count; i += Vector<T>.Count)
                (va * new Vector<T>(y[i..]) + vb * new Vector<T>(x[i..])).CopyTo(y[i..]);
        }
        for (; i < y.Length; i++) y[i] = a * y[i] + b * x[i];
    }

    /// <summary>
    /// BPTT's element-wise step, with fp = f'(pre) on entry: g = grad + carry; dpre = alpha fp g (into fp);
    /// carry = (1 - alpha) g.
    /// </summary>
    public static void Backstep(ReadOnlySpan<T> grad, Span<T> carry, Span<T> fpThenDpre, T alpha)
    {
        var keep = T.One - alpha;
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var va = new Vector<T>(alpha);
            var vk = new Vector<T>(keep);
            for (; i <= carry.Length - Vector<T>.Count; i += Vector<T>.Count)
            {
                var g = new Vector<T>(grad[i..]) + new Vector<T>(carry[i..]);
                (va * new Vector<T>(fpThenDpre[i..]) * g).CopyTo(fpThenDpre[i..]);
                (vk * g).CopyTo(carry[i..]);
            }
        }
        for (; i < carry.Length; i++)
        {
            var g = grad[i] + carry[i];
            fpThenDpre[i] = alpha * fpThenDpre[i] * g;
            carry[i] = keep * g;
        }
    }

    /// <summary>
    /// Adam on the fixed-point gradient g = (hw - field) scale: m = b1 m + (1 - b1) g, v = b2 v + (1 - b2) g^2,
    /// d = m / (sqrt(v) / rootBc2 + eps) / bc1 (written as times invBc1).
    /// </summary>
    public static void Adam(ReadOnlySpan<T> hw, ReadOnlySpan<T> field, Span<T> m, Span<T> v, Span<T> d,
        T scale, T b1, T b2, T eps, T invBc1, T rootBc2)
    {
        T a1 = T.One - b1, a2 = T.One - b2, invRoot = T.One / rootBc2;
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            Vector<T> vs = new(scale), vb1 = new(b1), vb2 = new(b2), va1 = new(a1), va2 = new(a2), vinv = new(invRoot), veps = new(eps), vbc = new(invBc1);
            for (; i <= m.Length - Vector<T>.Count; i += Vector<T>.Count)
            {
                var g = (new Vector<T>(hw[i..]) - new Vector<T>(field[i..])) * vs;
                var mi = new Vector<T>(m[i..]) * vb1 + g * va1;
                var vi = new Vector<T>(v[i..]) * vb2 + g * g * va2;
                mi.CopyTo(m[i..]);
                vi.CopyTo(v[i..]);
                (mi / (Vector.SquareRoot(vi) * vinv + veps) * vbc).CopyTo(d[i..]);
            }
        }
        for (; i < m.Length; i++)
        {
            var g = (hw[i] - field[i]) * scale;
            var mi = m[i] * b1 + g * a1;
            var vi = v[i] * b2 + g * g * a2;
            m[i] = mi;
            v[i] = vi;
            d[i] = mi / (T.Sqrt(vi) * invRoot + eps) * invBc1;
        }
    }
}
