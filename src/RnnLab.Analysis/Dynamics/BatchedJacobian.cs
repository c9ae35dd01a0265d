using TorchSharp;
using static TorchSharp.torch;

namespace RnnLab.Analysis.Dynamics;

/// <summary>
/// The Jacobians of a row-wise function at a batch of points, in one backward pass. f maps [K, n] to
/// [K, m] with row k of the output depending only on row k of the input (a vector field evaluated at K
/// states, say). For x [B, n] the result is [B, m, n] with result[b, i, j] = d f(x)[b, i] / d x[b, j].
/// f is evaluated once on m stacked copies of the batch (row i*B + b is point b), and the backward
/// pass seeds copy i with the i-th unit vector, so one pass yields every row of every Jacobian; a
/// TorchSharp op per point and output would cost m*B passes.
/// </summary>
public static class BatchedJacobian
{
    /// <summary>
    /// The Jacobians [B, m, n]. With createGraph the result can itself be differentiated. m is found by
    /// evaluating f on one row without a graph, unless outputSize gives it.
    /// </summary>
    public static Tensor Of(Func<Tensor, Tensor> f, Tensor x, bool createGraph = false, long? outputSize = null)
    {
        if (x.dim() != 2) throw new ArgumentException($"BatchedJacobian needs x of shape [B, n], got [{string.Join(", ", x.shape)}].", nameof(x));
        var (b, n) = (x.size(0), x.size(1));
        using var scope = NewDisposeScope();
        var m = outputSize ?? OutputSize(f, x);
        // copies[i, b, :] = x[b, :]; one leaf so that the gradient lands per copy.
        var expanded = x.unsqueeze(0).expand(m, b, n).reshape(m * b, n);
        var copies = createGraph && x.requires_grad ? expanded : expanded.detach().requires_grad_(true);
        var y = f(copies);                                                                          // [m*B, m]
        var seeds = eye(m, dtype: y.dtype, device: y.device).unsqueeze(1).expand(m, b, m).reshape(m * b, m);
        var g = autograd.grad([y], [copies], [seeds], retain_graph: createGraph, create_graph: createGraph)[0]
            ?? throw new InvalidOperationException("f does not depend on its input.");
        return g.reshape(m, b, n).permute(1, 0, 2).contiguous().MoveToOuterDisposeScope();
    }

    // m, from f evaluated without a graph on the first row (pass outputSize when f itself needs a graph).
    private static long OutputSize(Func<Tensor, Tensor> f, Tensor x)
    {
        using var _ = no_grad();
        using var probe = f(x.narrow(0, 0, Math.Min(1, x.size(0))));
        if (probe.dim() != 2) throw new ArgumentException($"BatchedJacobian needs f to return [K, m], got [{string.Join(", ", probe.shape)}].", nameof(f));
        return probe.size(1);
    }
}
