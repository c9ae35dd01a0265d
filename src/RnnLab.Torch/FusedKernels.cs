using RnnLab.Torch.Interop;
using static RnnLab.Torch.torch;

namespace RnnLab.Torch;

/// <summary>Nonlinearities the fused rate-RNN kernel implements (codes shared with Native/rate_rnn.cpp).</summary>
public enum FusedActivation
{
    /// <summary>max(0, x).</summary>
    Relu = 0,
    /// <summary>tanh(x).</summary>
    Tanh = 1,
    /// <summary>x above 0, slope x below.</summary>
    LeakyRelu = 2,
    /// <summary>log(1 + e^x), linear above 20 (as torch's softplus).</summary>
    Softplus = 3,
    /// <summary>x.</summary>
    Linear = 4,
}

/// <summary>Kernels of RnnLab's own in the native shim (beyond what libtorch offers as single ops).</summary>
public static class FusedKernels
{
    /// <summary>
    /// The rate-RNN Euler loop r_t = (1 - alpha) r_{t-1} + alpha f(drive_t + r_{t-1} W^T) as one autograd
    /// node, returning the rates [T, B, N] (W [N, N], drive [T, B, N], r0 [B, N] or broadcastable), or for
    /// K networks at once [T, K, B, N] (W [K, N, N], drive [T, K, B, N], r0 [K, B, N]). Gradients flow to
    /// W, drive and r0; backward is BPTT with BLAS calls into preallocated buffers.
    /// </summary>
    public static Tensor RateRnnLoop(Tensor w, Tensor drive, Tensor r0, double alpha, FusedActivation activation, double negativeSlope = 0) =>
        NativeError.Wrap(NativeMethods.rl_rate_rnn_loop(w.Handle, drive.Handle, r0.Handle, alpha, (int)activation, negativeSlope),
            "rate_rnn_loop", w, drive, r0);

    /// <summary>
    /// The speed q_k = 1/2 |F(x_k)|^2 of the rate-RNN field F(x) = (f(c + x W^T) - x) / tau at each state
    /// x [K, N] (W [N, N], c [K, N] or [N]), returned as [K]; writes the gradient of mean_k q_k into grad
    /// (contiguous, shaped and typed like x). Not differentiable itself: it is the fixed-point search's
    /// objective and gradient in two matrix products and two passes.
    /// </summary>
    public static Tensor RateRnnSpeed(Tensor x, Tensor w, Tensor c, double tau, FusedActivation activation, double negativeSlope, Tensor grad) =>
        NativeError.Wrap(NativeMethods.rl_rate_rnn_speed(x.Handle, w.Handle, c.Handle, tau, (int)activation, negativeSlope, grad.Handle),
            "rate_rnn_speed", x, w, c, grad);

    /// <summary>
    /// One Adam update in place (p, m, v), in one pass over memory: the arithmetic of <see cref="Modules.Adam"/>
    /// without weight decay or amsgrad; step is this update's 1-based count.
    /// </summary>
    public static void AdamUpdate(Tensor p, Tensor grad, Tensor m, Tensor v, long step, double lr, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8) =>
        NativeError.Check(NativeMethods.rl_adam_update_(p.Handle, grad.Handle, m.Handle, v.Handle, step, lr, beta1, beta2, eps), "adam_update_", p, grad, m, v);
}
