using RnnLab.Torch.Interop;

namespace RnnLab.Torch;

public static partial class torch
{
    private static unsafe Tensor Create(string op, ReadOnlySpan<long> size, ScalarType? dtype, Device? device, bool requiresGrad,
        delegate*<long*, long, int, int, int, IntPtr> factory)
    {
        var d = device ?? CPU;
        IntPtr h;
        fixed (long* p = size) h = factory(p, size.Length, (int)(dtype ?? float32), (int)d.type, d.index);
        return Finish(NativeError.Wrap(h, op), requiresGrad);
    }

    private static Tensor Finish(Tensor t, bool requiresGrad)
    {
        if (requiresGrad) t.requires_grad = true;
        return t;
    }

    /// <summary>Uninitialized memory of the given shape.</summary>
    public static unsafe Tensor empty(long[] size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
        Create("empty", size, dtype, device, requires_grad, &NativeMethods.rl_empty);

    /// <summary>Zeros of the given shape.</summary>
    public static unsafe Tensor zeros(long[] size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
        Create("zeros", size, dtype, device, requires_grad, &NativeMethods.rl_zeros);

    /// <summary>Zeros of the given shape (float32, CPU).</summary>
    public static Tensor zeros(params long[] size) => zeros(size, null);

    /// <summary>Ones of the given shape.</summary>
    public static unsafe Tensor ones(long[] size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
        Create("ones", size, dtype, device, requires_grad, &NativeMethods.rl_ones);

    /// <summary>Ones of the given shape (float32, CPU).</summary>
    public static Tensor ones(params long[] size) => ones(size, null);

    /// <summary>A tensor filled with one value.</summary>
    public static unsafe Tensor full(long[] size, Scalar value, ScalarType? dtype = null, Device? device = null, bool requires_grad = false)
    {
        var d = device ?? CPU;
        IntPtr h;
        fixed (long* p = size)
            h = NativeMethods.rl_full(p, size.Length, value.Double, value.Long, value.IntFlag, (int)(dtype ?? float32), (int)d.type, d.index);
        return Finish(NativeError.Wrap(h, "full"), requires_grad);
    }

    /// <summary>The n x m identity (m defaults to n).</summary>
    public static Tensor eye(long n, long m = -1, ScalarType? dtype = null, Device? device = null, bool requires_grad = false)
    {
        var d = device ?? CPU;
        var h = NativeMethods.rl_eye(n, m < 0 ? n : m, (int)(dtype ?? float32), (int)d.type, d.index);
        return Finish(NativeError.Wrap(h, "eye"), requires_grad);
    }

    /// <summary>start, start + step, ... up to but excluding end.</summary>
    public static Tensor arange(double start, double end, double step = 1, ScalarType? dtype = null, Device? device = null, bool requires_grad = false)
    {
        var d = device ?? CPU;
        var h = NativeMethods.rl_arange(start, end, step, (int)(dtype ?? float32), (int)d.type, d.index);
        return Finish(NativeError.Wrap(h, "arange"), requires_grad);
    }

    /// <summary>0, 1, ..., end - 1 as int64.</summary>
    public static Tensor arange(long end, Device? device = null) => arange(0, end, 1, int64, device);

    /// <summary>steps evenly spaced values from start to end inclusive.</summary>
    public static Tensor linspace(double start, double end, long steps, ScalarType? dtype = null, Device? device = null, bool requires_grad = false)
    {
        var d = device ?? CPU;
        var h = NativeMethods.rl_linspace(start, end, steps, (int)(dtype ?? float32), (int)d.type, d.index);
        return Finish(NativeError.Wrap(h, "linspace"), requires_grad);
    }

    /// <summary>Zeros shaped, typed and placed like t.</summary>
    public static Tensor zeros_like(Tensor t) => NativeError.Wrap(NativeMethods.rl_zeros_like(t.Handle), "zeros_like", t);

    /// <summary>Ones shaped, typed and placed like t.</summary>
    public static Tensor ones_like(Tensor t) => NativeError.Wrap(NativeMethods.rl_ones_like(t.Handle), "ones_like", t);

    /// <summary>
    /// Copies host data into a new tensor of the given shape (default: one dimension of data.Length;
    /// a zero-dimensional tensor comes from <see cref="tensor(double, ScalarType?, Device?, bool)"/>).
    /// The element type follows T: float -> float32, double -> float64, long -> int64, bool, byte -> uint8.
    /// </summary>
    public static unsafe Tensor from_span<T>(ReadOnlySpan<T> data, ReadOnlySpan<long> shape = default, Device? device = null, bool requires_grad = false)
        where T : unmanaged
    {
        long[] dims = shape.IsEmpty ? [data.Length] : shape.ToArray();
        long count = 1;
        foreach (var s in dims) count *= s;
        if (count != data.Length)
            throw new ArgumentException($"shape [{string.Join(", ", dims)}] holds {count} elements but {data.Length} were given.", nameof(shape));
        var d = device ?? CPU;
        IntPtr h;
        fixed (T* p = data)
        fixed (long* s = dims)
            h = NativeMethods.rl_from_data(p, s, dims.Length, (int)ScalarTypeInfo.Of<T>(), (int)d.type, d.index);
        return Finish(NativeError.Wrap(h, "tensor"), requires_grad);
    }

    /// <summary>A tensor from a float array (float32).</summary>
    public static Tensor tensor(float[] data, long[]? shape = null, Device? device = null, bool requires_grad = false) =>
        from_span<float>(data, shape, device, requires_grad);

    /// <summary>A tensor from a double array (float64).</summary>
    public static Tensor tensor(double[] data, long[]? shape = null, Device? device = null, bool requires_grad = false) =>
        from_span<double>(data, shape, device, requires_grad);

    /// <summary>A tensor from a long array (int64).</summary>
    public static Tensor tensor(long[] data, long[]? shape = null, Device? device = null) => from_span<long>(data, shape, device);

    /// <summary>A tensor from a bool array.</summary>
    public static Tensor tensor(bool[] data, long[]? shape = null, Device? device = null) => from_span<bool>(data, shape, device);

    /// <summary>A tensor from a byte array (uint8).</summary>
    public static Tensor tensor(byte[] data, long[]? shape = null, Device? device = null) => from_span<byte>(data, shape, device);

    /// <summary>A zero-dimensional float64 tensor (or the given dtype).</summary>
    public static Tensor tensor(double value, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
        full([], value, dtype ?? float64, device, requires_grad);
}
