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
}
