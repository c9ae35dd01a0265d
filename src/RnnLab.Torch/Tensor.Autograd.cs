using RnnLab.Torch.Interop;
using static RnnLab.Torch.Interop.NativeMethods;

namespace RnnLab.Torch;

public static partial class torch
{
    public partial class Tensor
    {
        /// <summary>
        /// The accumulated gradient, or null before any backward pass (each read returns a new handle
        /// to the same gradient tensor); assigning null clears it.
        /// </summary>
        public unsafe Tensor? grad
        {
            get
            {
                IntPtr g;
                var status = rl_grad(Handle, &g);
                NativeError.Check(status, "grad", this);
                return status == 1 ? new Tensor(g) : null;
            }
            set => NativeError.Check(rl_set_grad(Handle, value?.Handle ?? IntPtr.Zero), "grad", this);
        }

        /// <summary>
        /// Backpropagates from this tensor, accumulating into the .grad of the leaves. gradient may be
        /// omitted for a one-element tensor; retain_graph defaults to create_graph.
        /// </summary>
        public void backward(Tensor? gradient = null, bool? retain_graph = null, bool create_graph = false)
        {
            var retain = retain_graph is null ? -1 : retain_graph.Value ? 1 : 0;
            var status = rl_backward(Handle, gradient?.Handle ?? IntPtr.Zero, retain, create_graph ? 1 : 0);
            if (gradient is null) NativeError.Check(status, "backward", this);
            else NativeError.Check(status, "backward", this, gradient);
        }

        /// <summary>Replaces the data in place, keeping this tensor's identity (a parameter stays the same parameter).</summary>
        public void set_data(Tensor data) => NativeError.Check(rl_set_data(Handle, data.Handle), "set_data", this, data);
    }

    /// <summary>Whether autograd records operations on this thread.</summary>
    public static bool is_grad_enabled() => rl_is_grad_enabled() != 0;

    /// <summary>Turns autograd recording off on this thread until the returned guard is disposed.</summary>
    public static IDisposable no_grad() => new GradModeGuard(false);

    /// <summary>Turns autograd recording on on this thread until the returned guard is disposed.</summary>
    public static IDisposable enable_grad() => new GradModeGuard(true);

    private sealed class GradModeGuard : IDisposable
    {
        private readonly bool _previous;
        private bool _disposed;

        public GradModeGuard(bool enabled)
        {
            _previous = is_grad_enabled();
            rl_set_grad_enabled(enabled ? 1 : 0);
        }

        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            rl_set_grad_enabled(_previous ? 1 : 0);
        }
    }
}
