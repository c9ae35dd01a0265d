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
    /// One iteration of the fixed-point search on the rate-RNN field F(x) = (f(c + x W^T) - x) / tau, in
    /// place: takes the pending step x -= lr d (lr from the previous iteration; 0 for none), evaluates
    /// q_k = 1/2 |F(x_k)|^2 into q [K] (which holds the previous iteration's q), and makes Adam update
    /// number <paramref name="step"/> (1-based) on the gradient of mean_k q_k, leaving the next direction
    /// in d. x, m, v, d are [K, N], W [N, N], c [K, N] or [N], all contiguous, of x's dtype and device.
    /// The step waits for the next call because the search chooses lr from mean q over all states.
    /// </summary>
    public static unsafe SpeedSummary RateRnnDescent(Tensor x, Tensor w, Tensor c, Tensor m, Tensor v, Tensor d, Tensor q, double tau,
        FusedActivation activation, double negativeSlope, double lr, long step, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8)
    {
        var summary = stackalloc double[3];
        NativeError.Check(NativeMethods.rl_rate_rnn_descent(x.Handle, w.Handle, c.Handle, m.Handle, v.Handle, d.Handle, q.Handle, tau,
            (int)activation, negativeSlope, lr, step, beta1, beta2, eps, summary), "rate_rnn_descent", x, w, c, m, v, d, q);
        return new SpeedSummary(summary[0], summary[1], summary[2]);
    }
}

