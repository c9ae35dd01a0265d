using RnnLab.Torch.Interop;

namespace RnnLab.Torch;

public static partial class torch
{
    public static partial class nn
    {
        /// <summary>
        /// A trainable tensor of a <see cref="Module"/>: a leaf that requires grad by default. It is never
        /// owned by a dispose scope; the module that registers it disposes it.
        /// </summary>
        public sealed class Parameter : Tensor
        {
            /// <summary>Wraps the data of t (detached, so the parameter is a leaf); t itself is left as it was.</summary>
            public Parameter(Tensor data, bool requires_grad = true)
                : base(Detached(data), joinScope: false)
            {
                this.requires_grad = requires_grad;
            }

            private static IntPtr Detached(Tensor data)
            {
                var h = NativeMethods.rl_detach(data.Handle);
                if (h == IntPtr.Zero) throw NativeError.Fail("Parameter", [data]);
                return h;
            }
        }
    }
}
