using RnnLab.Torch.Interop;
using static RnnLab.Torch.Interop.NativeMethods;

namespace RnnLab.Torch;

public static partial class torch
{
    /// <summary>
    /// A random number generator of its own (libtorch's Philox/MT engine for the device). Library code
    /// takes one of these for every draw, so results depend only on seeds; its complete state can be
    /// saved and restored, which is what lets a training run resume exactly.
    /// </summary>
    public sealed class Generator : IDisposable
    {
        private IntPtr _handle;

        /// <summary>A generator seeded with seed, on the CPU unless a device is given.</summary>
        public Generator(ulong seed = 67280421310721UL, Device? device = null)
        {
            var d = device ?? CPU;
            _handle = rl_generator_new(seed, (int)d.type, d.index);
            if (_handle == IntPtr.Zero) throw NativeError.Fail("Generator", []);
            this.device = d;
        }

        /// <summary>The device whose random numbers this generator produces.</summary>
        public Device device { get; }

        internal IntPtr Handle => _handle != IntPtr.Zero ? _handle : throw new ObjectDisposedException(nameof(Generator));

        /// <summary>Re-seeds the generator.</summary>
        public Generator manual_seed(ulong seed)
        {
            NativeError.Check(rl_generator_manual_seed(Handle, seed), "Generator.manual_seed");
            return this;
        }

        /// <summary>The seed this generator was last seeded with.</summary>
        public ulong initial_seed() => rl_generator_initial_seed(Handle);

        /// <summary>The full state as a uint8 tensor.</summary>
        public Tensor get_state() => NativeError.Wrap(rl_generator_get_state(Handle), "Generator.get_state");

        /// <summary>Restores a state taken with <see cref="get_state"/>.</summary>
        public Generator set_state(Tensor state)
        {
            NativeError.Check(rl_generator_set_state(Handle, state.Handle), "Generator.set_state", state);
            return this;
        }

        /// <summary>The full state as bytes (for checkpoints).</summary>
        public byte[] GetStateBytes()
        {
            using var state = get_state();
            return state.ToArray<byte>();
        }

        /// <summary>Restores a state saved with <see cref="GetStateBytes"/>.</summary>
        public Generator SetStateBytes(byte[] state)
        {
            using var t = tensor(state);
            return set_state(t);
        }

        /// <summary>Releases the native generator.</summary>
        public void Dispose()
        {
            var h = Interlocked.Exchange(ref _handle, IntPtr.Zero);
            if (h != IntPtr.Zero) rl_generator_free(h);
            GC.SuppressFinalize(this);
        }

        /// <summary>Finalizer: releases the native generator if nobody disposed it.</summary>
        ~Generator()
        {
            var h = Interlocked.Exchange(ref _handle, IntPtr.Zero);
            if (h != IntPtr.Zero) rl_generator_free(h);
        }
    }

    private static unsafe Tensor Draw(string op, ReadOnlySpan<long> size, Generator? generator, ScalarType? dtype, Device? device, bool requiresGrad,
        delegate*<long*, long, IntPtr, int, int, int, IntPtr> f)
    {
        var d = device ?? generator?.device ?? CPU;
        IntPtr h;
        fixed (long* p = size) h = f(p, size.Length, generator?.Handle ?? IntPtr.Zero, (int)(dtype ?? float32), (int)d.type, d.index);
        return Finish(NativeError.Wrap(h, op), requiresGrad);
    }

    /// <summary>Uniform samples from [0, 1).</summary>
    public static unsafe Tensor rand(long[] size, Generator? generator = null, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
        Draw("rand", size, generator, dtype, device, requires_grad, &rl_rand);

    /// <summary>Standard normal samples.</summary>
    public static unsafe Tensor randn(long[] size, Generator? generator = null, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
        Draw("randn", size, generator, dtype, device, requires_grad, &rl_randn);

    /// <summary>Standard normal samples (float32, CPU, default generator).</summary>
    public static Tensor randn(params long[] size) => randn(size, null);

    /// <summary>Uniform samples from [0, 1) (float32, CPU, default generator).</summary>
    public static Tensor rand(params long[] size) => rand(size, null);

    /// <summary>Integers uniform in [low, high).</summary>
    public static unsafe Tensor randint(long low, long high, long[] size, Generator? generator = null, ScalarType? dtype = null, Device? device = null)
    {
        var d = device ?? generator?.device ?? CPU;
        IntPtr h;
        fixed (long* p = size)
            h = rl_randint(low, high, p, size.Length, generator?.Handle ?? IntPtr.Zero, (int)(dtype ?? int64), (int)d.type, d.index);
        return NativeError.Wrap(h, "randint");
    }

    /// <summary>A random permutation of 0..n-1.</summary>
    public static Tensor randperm(long n, Generator? generator = null, ScalarType? dtype = null, Device? device = null)
    {
        var d = device ?? generator?.device ?? CPU;
        return NativeError.Wrap(rl_randperm(n, generator?.Handle ?? IntPtr.Zero, (int)(dtype ?? int64), (int)d.type, d.index), "randperm");
    }

    /// <summary>Bernoulli samples with the probabilities in p.</summary>
    public static Tensor bernoulli(Tensor p, Generator? generator = null) =>
        NativeError.Wrap(rl_bernoulli(p.Handle, generator?.Handle ?? IntPtr.Zero), "bernoulli", p);

    public partial class Tensor
    {
        /// <summary>Fills with normal samples in place.</summary>
        public Tensor normal_(double mean = 0, double std = 1, Generator? generator = null)
        {
            NativeError.Check(rl_normal_(Handle, mean, std, generator?.Handle ?? IntPtr.Zero), "normal_", this);
            return this;
        }

        /// <summary>Fills with uniform samples from [from, to) in place.</summary>
        public Tensor uniform_(double from = 0, double to = 1, Generator? generator = null)
        {
            NativeError.Check(rl_uniform_(Handle, from, to, generator?.Handle ?? IntPtr.Zero), "uniform_", this);
            return this;
        }
    }
}
