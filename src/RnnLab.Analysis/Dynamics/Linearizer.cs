using static TorchSharp.torch;

namespace RnnLab.Analysis.Dynamics;

/// <summary>Linearizes a vector field at a point with autograd: A = dF/dr, B = dF/du (batched, one backward pass each).</summary>
public static class Linearizer
{
    /// <summary>Jacobians dF/dr [K, N, N] at states r [K, N] under inputs u [K, in].</summary>
    public static Tensor StateJacobian(IVectorField field, Tensor r, Tensor u, bool createGraph = false)
    {
        var uFixed = u.detach();
        return BatchedJacobian.Of(x => field.Evaluate(x, Broadcast(uFixed, x)), r, createGraph);
    }

    /// <summary>Jacobians dF/du [K, N, in].</summary>
    public static Tensor InputJacobian(IVectorField field, Tensor r, Tensor u)
    {
        var rFixed = r.detach();
        return BatchedJacobian.Of(v => field.Evaluate(Broadcast(rFixed, v), v), u);
    }

    /// <summary>The linear system at one point r* [N], u* [in].</summary>
    public static LinearSystem At(IVectorField field, Tensor rStar, Tensor uStar)
    {
        using var scope = NewDisposeScope();
        var r = rStar.unsqueeze(0);
        var u = uStar.unsqueeze(0);
        var a = StateJacobian(field, r, u)[0];
        var b = InputJacobian(field, r, u)[0];
        Tensor offset;
        using (no_grad()) offset = field.Evaluate(r, u)[0];
        return new LinearSystem(a.MoveToOuterDisposeScope(), b.MoveToOuterDisposeScope(), offset.MoveToOuterDisposeScope());
    }

    // batched_jacobian evaluates f on m stacked copies of the batch (row i*B + b is point b), and once on
    // the first row to learn m; the other argument is tiled (or cut) to match.
    private static Tensor Broadcast(Tensor fixedRows, Tensor like)
    {
        long k = like.size(0), b = fixedRows.size(0);
        return k == b ? fixedRows : k < b ? fixedRows.narrow(0, 0, k) : fixedRows.repeat(k / b, 1);
    }
}
