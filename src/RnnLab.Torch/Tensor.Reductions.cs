using RnnLab.Torch.Interop;
using static RnnLab.Torch.Interop.NativeMethods;

namespace RnnLab.Torch;

public static partial class torch
{
    public partial class Tensor
    {
        private unsafe Tensor Reduce(delegate*<IntPtr, long*, long, int, IntPtr> f, long[] dims, bool keepdim, string op)
        {
            IntPtr h;
            fixed (long* p = dims) h = f(Handle, p, dims.Length, keepdim ? 1 : 0);
            return NativeError.Wrap(h, op, this);
        }

        /// <summary>Sum of all elements.</summary>
        public Tensor sum() => Unary(rl_sum, "sum");
        /// <summary>Sum along one dimension.</summary>
        public unsafe Tensor sum(long dim, bool keepdim = false) => Reduce(&rl_sum_dims, [dim], keepdim, "sum");
        /// <summary>Sum along several dimensions.</summary>
        public unsafe Tensor sum(long[] dims, bool keepdim = false) => Reduce(&rl_sum_dims, dims, keepdim, "sum");
        /// <summary>Mean of all elements.</summary>
        public Tensor mean() => Unary(rl_mean, "mean");
        /// <summary>Mean along one dimension.</summary>
        public unsafe Tensor mean(long dim, bool keepdim = false) => Reduce(&rl_mean_dims, [dim], keepdim, "mean");
        /// <summary>Mean along several dimensions.</summary>
        public unsafe Tensor mean(long[] dims, bool keepdim = false) => Reduce(&rl_mean_dims, dims, keepdim, "mean");
        /// <summary>Variance along dims with the given correction (1: unbiased).</summary>
        public unsafe Tensor var(long[] dims, long correction = 1, bool keepdim = false)
        {
            IntPtr h;
            fixed (long* p = dims) h = rl_var_dims(Handle, p, dims.Length, correction, keepdim ? 1 : 0);
            return NativeError.Wrap(h, "var", this);
        }
        /// <summary>Standard deviation along dims with the given correction (1: unbiased).</summary>
        public unsafe Tensor std(long[] dims, long correction = 1, bool keepdim = false)
        {
            IntPtr h;
            fixed (long* p = dims) h = rl_std_dims(Handle, p, dims.Length, correction, keepdim ? 1 : 0);
            return NativeError.Wrap(h, "std", this);
        }
        /// <summary>Largest element.</summary>
        public Tensor max() => Unary(rl_max, "max");
        /// <summary>Smallest element.</summary>
        public Tensor min() => Unary(rl_min, "min");
        /// <summary>Largest values along dim and where they are.</summary>
        public unsafe (Tensor values, Tensor indexes) max(long dim, bool keepdim = false)
        {
            IntPtr v, i;
            NativeError.Check(rl_max_dim(Handle, dim, keepdim ? 1 : 0, &v, &i), "max", this);
            return (new Tensor(v), new Tensor(i));
        }
        /// <summary>Smallest values along dim and where they are.</summary>
        public unsafe (Tensor values, Tensor indexes) min(long dim, bool keepdim = false)
        {
            IntPtr v, i;
            NativeError.Check(rl_min_dim(Handle, dim, keepdim ? 1 : 0, &v, &i), "min", this);
            return (new Tensor(v), new Tensor(i));
        }
        /// <summary>Index of the largest value along dim.</summary>
        public Tensor argmax(long dim, bool keepdim = false) => NativeError.Wrap(rl_argmax(Handle, dim, keepdim ? 1 : 0), "argmax", this);
        /// <summary>Index of the smallest value along dim.</summary>
        public Tensor argmin(long dim, bool keepdim = false) => NativeError.Wrap(rl_argmin(Handle, dim, keepdim ? 1 : 0), "argmin", this);
        /// <summary>Whether all elements are true (non-zero).</summary>
        public Tensor all() => Unary(rl_all, "all");
        /// <summary>Whether any element is true (non-zero).</summary>
        public Tensor any() => Unary(rl_any, "any");
        /// <summary>Vector p-norm of all elements.</summary>
        public unsafe Tensor norm(double p = 2) => NativeError.Wrap(rl_norm(Handle, p, null, 0, 0), "norm", this);
        /// <summary>Vector p-norm along dims.</summary>
        public unsafe Tensor norm(double p, long[] dims, bool keepdim = false)
        {
            IntPtr h;
            fixed (long* d = dims) h = rl_norm(Handle, p, d, dims.Length, keepdim ? 1 : 0);
            return NativeError.Wrap(h, "norm", this);
        }
        /// <summary>Vector p-norm along one dim.</summary>
        public Tensor norm(double p, long dim, bool keepdim = false) => norm(p, [dim], keepdim);
        /// <summary>Running sum along dim.</summary>
        public Tensor cumsum(long dim) => NativeError.Wrap(rl_cumsum(Handle, dim), "cumsum", this);
        /// <summary>log(sum(exp(x))) along dims, computed stably.</summary>
        public unsafe Tensor logsumexp(long[] dims, bool keepdim = false) => Reduce(&rl_logsumexp, dims, keepdim, "logsumexp");
    }
}
