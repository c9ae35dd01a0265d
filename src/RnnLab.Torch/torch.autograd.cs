using RnnLab.Torch.Interop;
using static RnnLab.Torch.Interop.NativeMethods;

namespace RnnLab.Torch;

public static partial class torch
{
    /// <summary>Reverse-mode differentiation.</summary>
    public static class autograd
    {
        /// <summary>
        /// Gradients of outputs with respect to inputs (torch.autograd.grad). grad_outputs defaults to
        /// ones for one-element outputs; an input the outputs do not depend on yields null when
        /// allow_unused is set and an error otherwise. retain_graph defaults to create_graph.
        /// </summary>
        public static unsafe Tensor?[] grad(IList<Tensor> outputs, IList<Tensor> inputs, IList<Tensor?>? grad_outputs = null,
            bool? retain_graph = null, bool create_graph = false, bool allow_unused = false)
        {
            if (grad_outputs is not null && grad_outputs.Count != outputs.Count)
                throw new ArgumentException($"grad_outputs has {grad_outputs.Count} entries for {outputs.Count} outputs.", nameof(grad_outputs));
            var outs = outputs.Select(t => t.Handle).ToArray();
            var ins = inputs.Select(t => t.Handle).ToArray();
            var gouts = grad_outputs?.Select(t => t?.Handle ?? IntPtr.Zero).ToArray();
            var results = new IntPtr[ins.Length];
            var retain = retain_graph is null ? -1 : retain_graph.Value ? 1 : 0;
            int status;
            fixed (IntPtr* o = outs)
            fixed (IntPtr* i = ins)
            fixed (IntPtr* g = gouts)
            fixed (IntPtr* r = results)
                status = rl_autograd_grad(o, outs.Length, i, ins.Length, gouts is null ? null : g, retain,
                    create_graph ? 1 : 0, allow_unused ? 1 : 0, r);
            NativeError.Check(status, "autograd.grad", [.. outputs, .. inputs]);
            return Array.ConvertAll(results, h => h == IntPtr.Zero ? null : new Tensor(h));
        }

        /// <summary>
        /// The Jacobian of a row-wise function for a batch of points, in one backward pass.
        /// f maps [K, n] to [K, m] with row k of the output depending only on row k of the input
        /// (a vector field evaluated at K states, say). For x of shape [B, n] the result is [B, m, n]
        /// with result[b, i, j] = d f(x)[b, i] / d x[b, j]. f is evaluated once on m stacked copies of
        /// the batch, and the backward pass seeds copy i with the i-th unit vector, so one pass yields
        /// every row of every Jacobian. With create_graph the result can itself be differentiated. m is found by
        /// evaluating f on one row without a graph, unless output_size gives it.
        /// </summary>
        public static Tensor batched_jacobian(Func<Tensor, Tensor> f, Tensor x, bool create_graph = false, long? output_size = null)
        {
            if (x.dim() != 2) throw new ArgumentException($"batched_jacobian needs x of shape [B, n], got {x.Describe()}.", nameof(x));
            var b = x.size(0);
            var n = x.size(1);
            using var scope = NewDisposeScope();
            var m = output_size ?? OutputSize(f, x);
            // copies[i, b, :] = x[b, :]; one leaf so that the gradient lands per copy.
            var expanded = x.unsqueeze(0).expand(m, b, n).reshape(m * b, n);
            var copies = create_graph && x.requires_grad ? expanded : expanded.detach().requires_grad_(true);
            var y = f(copies); // [m*b, m]
            var seeds = eye(m, dtype: y.dtype, device: y.device).unsqueeze(1).expand(m, b, m).reshape(m * b, m);
            var g = grad([y], [copies], [seeds], retain_graph: create_graph, create_graph: create_graph)[0]
                ?? throw new InvalidOperationException("f does not depend on its input.");
            return g.reshape(m, b, n).permute(1, 0, 2).contiguous().MoveToOuterDisposeScope();
        }

        // m, from f evaluated without a graph on the first row (pass output_size when f itself needs a graph).
        private static long OutputSize(Func<Tensor, Tensor> f, Tensor x)
        {
            using var _ = no_grad();
            using var probe = f(x.narrow(0, 0, Math.Min(1, x.size(0))));
            if (probe.dim() != 2) throw new ArgumentException($"batched_jacobian needs f to return [K, m], got {probe.Describe()}.", nameof(f));
            return probe.size(1);
        }
    }
}
