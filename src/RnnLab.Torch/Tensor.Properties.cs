using RnnLab.Torch.Interop;

namespace RnnLab.Torch;

public static partial class torch
{
    public partial class Tensor
    {
        /// <summary>Number of dimensions.</summary>
        public long dim() => NativeMethods.rl_dim(Handle);

        /// <summary>Number of dimensions.</summary>
        public long ndim => dim();

        /// <summary>Number of elements.</summary>
        public long numel() => NativeMethods.rl_numel(Handle);

        /// <summary>The sizes of all dimensions.</summary>
        public unsafe long[] shape
        {
            get
            {
                var h = Handle;
                var result = new long[NativeMethods.rl_dim(h)];
                fixed (long* p = result) NativeMethods.rl_shape(h, p);
                return result;
            }
        }

        /// <summary>The strides of all dimensions, in elements.</summary>
        public unsafe long[] stride()
        {
            var h = Handle;
            var result = new long[NativeMethods.rl_dim(h)];
            fixed (long* p = result) NativeMethods.rl_strides(h, p);
            return result;
        }

        /// <summary>The size of one dimension (negative counts from the end).</summary>
        public long size(long dimension)
        {
            var s = shape;
            var d = dimension < 0 ? dimension + s.Length : dimension;
            if (d < 0 || d >= s.Length)
                throw new ArgumentOutOfRangeException(nameof(dimension), dimension, $"dimension out of range for {Describe()}");
            return s[d];
        }

        /// <summary>The element type.</summary>
        public ScalarType dtype => (ScalarType)NativeMethods.rl_dtype(Handle);

        /// <summary>The device the data lives on.</summary>
        public Device device => new((DeviceType)NativeMethods.rl_device_type(Handle), NativeMethods.rl_device_index(Handle));

        /// <summary>Whether the elements are laid out row-major without gaps.</summary>
        public bool is_contiguous() => NativeMethods.rl_is_contiguous(Handle) != 0;

        /// <summary>Whether autograd records operations on this tensor.</summary>
        public bool requires_grad
        {
            get => NativeMethods.rl_requires_grad(Handle) != 0;
            set => NativeError.Check(NativeMethods.rl_set_requires_grad(Handle, value ? 1 : 0), "requires_grad", this);
        }

        /// <summary>Sets <see cref="requires_grad"/> and returns this tensor.</summary>
        public Tensor requires_grad_(bool requiresGrad = true)
        {
            requires_grad = requiresGrad;
            return this;
        }

        /// <summary>Whether this tensor is a leaf of the autograd graph (created by the user, not by an op).</summary>
        public bool is_leaf => NativeMethods.rl_is_leaf(Handle) != 0;

        /// <summary>An identity for the underlying storage: equal for a tensor and its views.</summary>
        public IntPtr StorageId => NativeMethods.rl_storage_id(Handle);
    }
}
