using RnnLab.Models;
using System.Numerics;
using TorchSharp;
using static TorchSharp.torch;

namespace RnnLab.Kernels;

/// <summary>
/// The rate-RNN Euler loop as one autograd node:
/// <code>
/// pre_t = drive_t + r_{t-1} W^T,   r_t = (1 - alpha) r_{t-1} + alpha f(pre_t),   t = 0..T-1
/// </code>
/// Op-by-op autograd records about five nodes per step and pays TorchSharp's per-op cost for each; here
/// forward runs the recursion into preallocated outputs and keeps only the rates and pre-activations,
/// and backward runs BPTT the same way:
/// <code>
/// g_t   = dL/dr_t + carry
/// dpre  = alpha f'(pre_t) g_t            -> dL/d drive_t
/// carry = (1 - alpha) g_t + dpre W       -> flows to r_{t-1}
/// dW    = sum_t dpre_t^T r_{t-1}         (one large product after the loop)
/// </code>
/// Shapes: W [N, N], drive [T, B, N], r0 broadcastable to [B, N]; or K networks at once: W [K, N, N],
/// drive [T, K, B, N], r0 [K, B, N]. Float32/float64 CPU tensors take <see cref="RateRnnLanes{T}"/>
/// (direct BLAS, vectorized passes, no TorchSharp op per step); any other device or dtype runs the same
/// steps as TorchSharp ops, so a CUDA build runs this code unchanged.
/// </summary>
public sealed class RateRnnLoop : autograd.SingleTensorFunction<RateRnnLoop>
{
    /// <inheritdoc />
    public override string Name => nameof(RateRnnLoop);

    /// <summary>The rates [T, (K,) B, N]; differentiable in W, drive and r0.</summary>
    public static Tensor Run(Tensor w, Tensor drive, Tensor r0, double alpha, Activation activation, double slope = 0, KernelPath path = KernelPath.Auto)
    {
        if (w.dim() != 2 && w.dim() != 3) throw new ArgumentException($"RateRnnLoop: W must be [N, N] or [K, N, N], got [{string.Join(", ", w.shape)}]", nameof(w));
        if (drive.dim() != w.dim() + 1 || drive.size(-1) != w.size(-1))
            throw new ArgumentException($"RateRnnLoop: drive must be [T, {(w.dim() == 3 ? "K, " : "")}B, {w.size(-1)}], got [{string.Join(", ", drive.shape)}]", nameof(drive));
        if (!(alpha > 0 && alpha <= 1)) throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "RateRnnLoop: alpha must lie in (0, 1]");
        return apply(w, drive, r0, alpha, activation, slope, path);
    }

    /// <inheritdoc />
    public override Tensor forward(autograd.AutogradContext ctx, params object[] vars)
    {
        var (w, drive, r0) = ((Tensor)vars[0], (Tensor)vars[1], (Tensor)vars[2]);
        var (alpha, activation, slope, path) = ((double)vars[3], (Activation)vars[4], (double)vars[5], (KernelPath)vars[6]);
        var steps = drive.size(0);
        var rates = empty_like(drive).contiguous();
        var pre = empty_like(drive).contiguous();
        var r = r0.expand(drive[0].shape).contiguous();
        if (path == KernelPath.Auto && TensorMemory.CpuPath(w, drive, r))
        {
            var wc = w.contiguous();
            var dc = drive.contiguous();
            if (w.dtype == ScalarType.Float32) RateRnnLanes<float>.Forward(wc, dc, r, pre, rates, (float)alpha, activation, (float)slope);
            else RateRnnLanes<double>.Forward(wc, dc, r, pre, rates, alpha, activation, slope);
        }
        else
        {
            var wt = w.transpose(-1, -2);
            for (var t = 0; t < steps; t++)
            {
                var p = pre[t];
                // bmm + add rather than baddbmm: TorchSharp 0.107's Tensor.baddbmm passes its operands in the wrong order.
                p.copy_(w.dim() == 3 ? r.bmm(wt).add_(drive[t]) : drive[t].addmm(r, wt));
                var next = rates[t];
                next.copy_(r * (1 - alpha) + activation.Apply(p, slope) * alpha);
                r = next;
            }
        }
        ctx.save_for_backward([w, r0, rates, pre]);
        ctx.save_data("alpha", alpha);
        ctx.save_data("activation", activation);
        ctx.save_data("slope", slope);
        ctx.save_data("path", path);
        return rates;
    }

    /// <inheritdoc />
    public override List<Tensor> backward(autograd.AutogradContext ctx, Tensor gradOutput)
    {
        var saved = ctx.get_saved_variables();
        var (w, r0, rates, pre) = (saved[0], saved[1], saved[2], saved[3]);
        var alpha = (double)ctx.get_data("alpha");
        var activation = (Activation)ctx.get_data("activation");
        var slope = (double)ctx.get_data("slope");
        var path = (KernelPath)ctx.get_data("path");
        var steps = pre.size(0);
        var batched = w.dim() == 3;

        var gradRates = gradOutput.contiguous();
        var gradDrive = empty_like(pre);
        var carry = zeros_like(pre[0]);
        if (path == KernelPath.Auto && TensorMemory.CpuPath(w, pre, gradRates))
        {
            var wc = w.contiguous();
            if (w.dtype == ScalarType.Float32) RateRnnLanes<float>.Backward(wc, gradRates, pre, gradDrive, carry, (float)alpha, activation, (float)slope);
            else RateRnnLanes<double>.Backward(wc, gradRates, pre, gradDrive, carry, alpha, activation, slope);
        }
        else
        {
            var gain = activation.Derivative(pre, slope).mul_(alpha);   // alpha f'(pre_t)
            for (var t = steps - 1; t >= 0; t--)
            {
                var g = gradRates[t] + carry;
                var dpre = gradDrive[t];
                dpre.copy_(g * gain[t]);
                carry = batched ? dpre.bmm(w).add_(g * (1 - alpha)) : (g * (1 - alpha)).addmm(dpre, w);   // carry += dpre W
            }
        }
        // dL/dW = sum_t dpre_t^T r_{t-1}: one large product over all steps instead of T small ones.
        var previous = cat([r0.expand(pre[0].shape).unsqueeze(0), rates.narrow(0, 0, steps - 1)], 0);
        Tensor gradW;
        if (batched)
        {
            var (k, n) = (w.size(0), w.size(1));
            gradW = gradDrive.transpose(0, 1).reshape(k, -1, n).transpose(1, 2).bmm(previous.transpose(0, 1).reshape(k, -1, n));
        }
        else
        {
            var n = w.size(0);
            gradW = gradDrive.reshape(-1, n).t().mm(previous.reshape(-1, n));
        }
        // r0 may have been broadcast (a learned initial state [N]); sum the gradient back to its shape.
        var gradR0 = TensorMemory.SumToShape(carry, r0.shape);
        return [gradW, gradDrive, gradR0, null!, null!, null!, null!];
    }
}
