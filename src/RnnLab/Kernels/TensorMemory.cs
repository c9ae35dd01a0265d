using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace RnnLab.Kernels;

/// <summary>Raw access to the memory of contiguous CPU tensors, for the kernels' hand-written passes.</summary>
internal static unsafe class TensorMemory
{
    /// <summary>Whether the tensors can take the CPU path: float32 or float64, all of one dtype, on the CPU.</summary>
    public static bool CpuPath(params Tensor[] tensors)
    {
        var dtype = tensors[0].dtype;
        if (dtype != ScalarType.Float32 && dtype != ScalarType.Float64) return false;
        foreach (var t in tensors)
            if (t.device_type != DeviceType.CPU || t.dtype != dtype) return false;
        return Blas.IsAvailable;
    }

    /// <summary>The first element of a contiguous CPU tensor.</summary>
    public static T* Pointer<T>(Tensor t) where T : unmanaged
    {
        if (!t.is_contiguous()) throw new ArgumentException("the kernels read contiguous tensors only", nameof(t));
        return (T*)Unsafe.AsPointer(ref MemoryMarshal.GetReference(t.bytes));
    }

    /// <summary>Sums a gradient back to the shape of a tensor that was broadcast (a learned initial state [N]).</summary>
    public static Tensor SumToShape(Tensor gradient, long[] shape)
    {
        var g = gradient;
        while (g.dim() > shape.Length) g = g.sum(0);
        for (var d = 0; d < shape.Length; d++)
            if (shape[d] == 1 && g.size(d) != 1) g = g.sum(d, keepdim: true);
        return g;
    }
}
