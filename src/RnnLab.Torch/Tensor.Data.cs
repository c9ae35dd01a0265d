using RnnLab.Torch.Interop;

namespace RnnLab.Torch;

public static partial class torch
{
    public partial class Tensor
    {
        /// <summary>Copies all elements, row-major, into a new array; T must match <see cref="dtype"/>.</summary>
        public unsafe T[] ToArray<T>() where T : unmanaged
        {
            var expected = ScalarTypeInfo.Of<T>();
            if (dtype != expected)
                throw new InvalidOperationException($"ToArray<{typeof(T).Name}> needs a {expected.Name()} tensor, got {Describe()}; convert with .to({expected.Name()}) first.");
            var result = new T[numel()];
            fixed (T* p = result)
                NativeError.Check(NativeMethods.rl_copy_data(Handle, p, (long)result.Length * sizeof(T)), "ToArray", this);
            return result;
        }

        /// <summary>The value of a one-element tensor.</summary>
        public unsafe T item<T>() where T : unmanaged
        {
            if (typeof(T) == typeof(double) || typeof(T) == typeof(float))
            {
                double d;
                NativeError.Check(NativeMethods.rl_item_double(Handle, &d), "item", this);
                return typeof(T) == typeof(double) ? (T)(object)d : (T)(object)(float)d;
            }
            long l;
            NativeError.Check(NativeMethods.rl_item_long(Handle, &l), "item", this);
            if (typeof(T) == typeof(long)) return (T)(object)l;
            if (typeof(T) == typeof(int)) return (T)(object)checked((int)l);
            if (typeof(T) == typeof(bool)) return (T)(object)(l != 0);
            if (typeof(T) == typeof(byte)) return (T)(object)checked((byte)l);
            throw new NotSupportedException($"item<{typeof(T).Name}> is not supported.");
        }

        /// <summary>Converts to another element type (a no-op copy-free alias when it already is that type).</summary>
        public Tensor to(ScalarType type) => NativeError.Wrap(NativeMethods.rl_to_dtype(Handle, (int)type), "to(" + type.Name() + ")", this);

        /// <summary>Moves to another device.</summary>
        public Tensor to(Device target) =>
            NativeError.Wrap(NativeMethods.rl_to_device(Handle, (int)target.type, target.index), "to(" + target + ")", this);

        /// <summary>Moves to the CPU.</summary>
        public Tensor cpu() => to(CPU);

        /// <summary>A copy that autograd tracks back to this tensor.</summary>
        public Tensor clone() => NativeError.Wrap(NativeMethods.rl_clone(Handle), "clone", this);

        /// <summary>The same data, cut out of the autograd graph.</summary>
        public Tensor detach() => NativeError.Wrap(NativeMethods.rl_detach(Handle), "detach", this);

        /// <summary>This tensor laid out row-major (itself when it already is).</summary>
        public Tensor contiguous() => NativeError.Wrap(NativeMethods.rl_contiguous(Handle), "contiguous", this);

        /// <summary>A second managed handle to the same native tensor (same data, same autograd identity).</summary>
        public Tensor alias() => NativeError.Wrap(NativeMethods.rl_alias(Handle), "alias", this);

        /// <summary>Whether shapes match and all elements are within atol + rtol * |other|.</summary>
        public unsafe bool allclose(Tensor other, double rtol = 1e-5, double atol = 1e-8)
        {
            int r;
            NativeError.Check(NativeMethods.rl_allclose(Handle, other.Handle, rtol, atol, &r), "allclose", this, other);
            return r != 0;
        }

        /// <summary>Whether shapes and all elements are equal.</summary>
        public unsafe bool equal(Tensor other)
        {
            int r;
            NativeError.Check(NativeMethods.rl_equal(Handle, other.Handle, &r), "equal", this, other);
            return r != 0;
        }
    }
}
