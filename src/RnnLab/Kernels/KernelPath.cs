namespace RnnLab.Kernels;

/// <summary>How a fused kernel computes.</summary>
public enum KernelPath
{
    /// <summary>Direct BLAS and vectorized C# for float32/float64 CPU tensors; TorchSharp ops for any other device or dtype.</summary>
    Auto,

    /// <summary>TorchSharp ops always: the path a CUDA build takes, selectable on the CPU so tests hold the two paths against each other.</summary>
    TensorOps,
}
