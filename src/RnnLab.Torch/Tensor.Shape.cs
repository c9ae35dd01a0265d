using RnnLab.Torch.Interop;
using static RnnLab.Torch.Interop.NativeMethods;

namespace RnnLab.Torch;

public static partial class torch
{
    public partial class Tensor
    {
        private unsafe Tensor WithDims(delegate*<IntPtr, long*, long, IntPtr> f, ReadOnlySpan<long> dims, string op)
        {
            IntPtr h;
            fixed (long* p = dims) h = f(Handle, p, dims.Length);
            return NativeError.Wrap(h, op + "([" + string.Join(", ", dims.ToArray()) + "])", this);
        }

        /// <summary>The same elements in a new shape (a view when possible); one size may be -1.</summary>
        public unsafe Tensor reshape(params long[] shape) => WithDims(&rl_reshape, shape, "reshape");
        /// <summary>A view with a new shape; fails when the strides do not allow one.</summary>
        public unsafe Tensor view(params long[] shape) => WithDims(&rl_view, shape, "view");
        /// <summary>Broadcasts size-1 dimensions to the given sizes without copying (-1 keeps a size).</summary>
        public unsafe Tensor expand(params long[] shape) => WithDims(&rl_expand, shape, "expand");
        /// <summary>Tiles the tensor the given number of times along each dimension.</summary>
        public unsafe Tensor repeat(params long[] repeats) => WithDims(&rl_repeat, repeats, "repeat");
        /// <summary>Reorders dimensions.</summary>
        public unsafe Tensor permute(params long[] dims) => WithDims(&rl_permute, dims, "permute");
        /// <summary>Reverses the order of elements along the given dimensions.</summary>
        public unsafe Tensor flip(params long[] dims) => WithDims(&rl_flip, dims, "flip");
        /// <summary>Transpose of a matrix (or a vector unchanged).</summary>
        public Tensor t() => Unary(rl_t, "t");
        /// <summary>Swaps two dimensions.</summary>
        public Tensor transpose(long dim0, long dim1) => NativeError.Wrap(rl_transpose(Handle, dim0, dim1), "transpose", this);
        /// <summary>Inserts a size-1 dimension.</summary>
        public Tensor unsqueeze(long dim) => NativeError.Wrap(rl_unsqueeze(Handle, dim), "unsqueeze", this);
        /// <summary>Removes all size-1 dimensions.</summary>
        public Tensor squeeze() => Unary(rl_squeeze, "squeeze");
        /// <summary>Removes one dimension if its size is 1.</summary>
        public Tensor squeeze(long dim) => NativeError.Wrap(rl_squeeze_dim(Handle, dim), "squeeze", this);
        /// <summary>Merges dimensions start..end into one.</summary>
        public Tensor flatten(long start_dim = 0, long end_dim = -1) => NativeError.Wrap(rl_flatten(Handle, start_dim, end_dim), "flatten", this);
        /// <summary>A view of length elements along dim, from start.</summary>
        public Tensor narrow(long dim, long start, long length) => NativeError.Wrap(rl_narrow(Handle, dim, start, length), "narrow", this);
        /// <summary>A view at one index of dim (the dimension is removed).</summary>
        public Tensor select(long dim, long index) => NativeError.Wrap(rl_select(Handle, dim, index), "select", this);
        /// <summary>A view of start:end:step along dim (Python slice semantics; end is clamped).</summary>
        public Tensor slice(long dim, long start, long end, long step = 1) =>
            NativeError.Wrap(rl_slice(Handle, dim, start, end, step), "slice", this);
        /// <summary>The entries at the given int64 indices along dim (a copy).</summary>
        public Tensor index_select(long dim, Tensor index) =>
            NativeError.Wrap(rl_index_select(Handle, dim, index.Handle), "index_select", this, index);
        /// <summary>Gathers values along dim at the positions in index.</summary>
        public Tensor gather(long dim, Tensor index) => NativeError.Wrap(rl_gather(Handle, dim, index.Handle), "gather", this, index);
        /// <summary>The elements where mask is true, as a 1-D tensor.</summary>
        public Tensor masked_select(Tensor mask) => NativeError.Wrap(rl_masked_select(Handle, mask.Handle), "masked_select", this, mask);

        /// <summary>Splits into pieces of split_size (the last may be smaller) along dim.</summary>
        public Tensor[] split(long split_size, long dim = 0)
        {
            if (split_size <= 0) throw new ArgumentOutOfRangeException(nameof(split_size), split_size, "must be positive");
            var total = size(dim);
            var sizes = new List<long>();
            for (long start = 0; start < total; start += split_size) sizes.Add(Math.Min(split_size, total - start));
            return split(sizes.ToArray(), dim);
        }

        /// <summary>Splits into pieces of the given sizes along dim.</summary>
        public unsafe Tensor[] split(long[] sizes, long dim = 0)
        {
            var handles = new IntPtr[sizes.Length];
            fixed (long* s = sizes)
            fixed (IntPtr* h = handles)
                NativeError.Check(rl_split_with_sizes(Handle, s, sizes.Length, dim, h), "split", this);
            return Array.ConvertAll(handles, h => new Tensor(h));
        }

        /// <summary>Diagonal of a matrix as a vector, or a matrix with a vector on its diagonal (offset k).</summary>
        public Tensor diag(long k = 0) => NativeError.Wrap(rl_diag(Handle, k), "diag", this);
        /// <summary>A view of the diagonal between dims dim1 and dim2.</summary>
        public Tensor diagonal(long offset = 0, long dim1 = 0, long dim2 = 1) =>
            NativeError.Wrap(rl_diagonal(Handle, offset, dim1, dim2), "diagonal", this);
        /// <summary>Batched diagonal matrices from the last dimension.</summary>
        public Tensor diag_embed(long offset = 0, long dim1 = -2, long dim2 = -1) =>
            NativeError.Wrap(rl_diag_embed(Handle, offset, dim1, dim2), "diag_embed", this);
        /// <summary>Lower triangle (on and below diagonal k).</summary>
        public Tensor tril(long diagonal = 0) => NativeError.Wrap(rl_tril(Handle, diagonal), "tril", this);
        /// <summary>Upper triangle (on and above diagonal k).</summary>
        public Tensor triu(long diagonal = 0) => NativeError.Wrap(rl_triu(Handle, diagonal), "triu", this);
    }

    private static unsafe Tensor Join(delegate*<IntPtr*, long, long, IntPtr> f, IList<Tensor> tensors, long dim, string op)
    {
        var handles = new IntPtr[tensors.Count];
        for (var k = 0; k < handles.Length; k++) handles[k] = tensors[k].Handle;
        IntPtr h;
        fixed (IntPtr* p = handles) h = f(p, handles.Length, dim);
        return NativeError.Wrap(h, op, tensors.ToArray());
    }

    /// <summary>Concatenates along an existing dimension.</summary>
    public static unsafe Tensor cat(IList<Tensor> tensors, long dim = 0) => Join(&rl_cat, tensors, dim, "cat");

    /// <summary>Stacks along a new dimension.</summary>
    public static unsafe Tensor stack(IList<Tensor> tensors, long dim = 0) => Join(&rl_stack, tensors, dim, "stack");
}
