using TorchSharp;
using static TorchSharp.torch;

namespace RnnLab;

/// <summary>Copies between tensors and .NET arrays, and facts about dtypes, that TorchSharp spells differently or not at all.</summary>
public static class TensorData
{
    /// <summary>The elements in row-major order, copied to a new array (from any device and layout).</summary>
    public static T[] ToArray<T>(this Tensor t) where T : unmanaged
    {
        // Converted to T's dtype first, as item() and a NumPy array's astype would.
        using var cpu = t.detach().cpu().to(DtypeOf<T>()).contiguous();
        return cpu.data<T>().ToArray();
    }

    private static ScalarType DtypeOf<T>() => default(T) switch
    {
        float => ScalarType.Float32,
        double => ScalarType.Float64,
        long => ScalarType.Int64,
        int => ScalarType.Int32,
        byte => ScalarType.Byte,
        bool => ScalarType.Bool,
        _ => throw new NotSupportedException($"no dtype for {typeof(T).Name}"),
    };

    /// <summary>Bytes per element.</summary>
    public static int ElementSize(this ScalarType type) => type switch
    {
        ScalarType.Byte or ScalarType.Int8 or ScalarType.Bool => 1,
        ScalarType.Int16 or ScalarType.Float16 or ScalarType.BFloat16 => 2,
        ScalarType.Int32 or ScalarType.Float32 => 4,
        ScalarType.Int64 or ScalarType.Float64 or ScalarType.ComplexFloat32 => 8,
        ScalarType.ComplexFloat64 => 16,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "no element size known"),
    };

    /// <summary>The dtype as PyTorch names it (float32, int64, ...).</summary>
    public static string Name(this ScalarType type) => type switch
    {
        ScalarType.Float32 => "float32",
        ScalarType.Float64 => "float64",
        ScalarType.Float16 => "float16",
        ScalarType.BFloat16 => "bfloat16",
        ScalarType.Int64 => "int64",
        ScalarType.Int32 => "int32",
        ScalarType.Int16 => "int16",
        ScalarType.Int8 => "int8",
        ScalarType.Byte => "uint8",
        ScalarType.Bool => "bool",
        ScalarType.ComplexFloat32 => "complex64",
        ScalarType.ComplexFloat64 => "complex128",
        _ => type.ToString().ToLowerInvariant(),
    };

    /// <summary>torch.equal: the same shape, dtype and values (element-wise ==, so NaN never equals).</summary>
    public static bool SameValues(this Tensor a, Tensor b)
    {
        if (a.dtype != b.dtype || !a.shape.SequenceEqual(b.shape)) return false;
        using var same = a.eq(b).all();
        return same.ToBoolean();
    }
}
