namespace RnnLab.Torch;

/// <summary>Element types; the values are libtorch's c10::ScalarType codes.</summary>
public enum ScalarType : sbyte
{
    /// <summary>Unsigned 8-bit integer.</summary>
    Byte = 0,
    /// <summary>Signed 8-bit integer.</summary>
    Int8 = 1,
    /// <summary>Signed 16-bit integer.</summary>
    Int16 = 2,
    /// <summary>Signed 32-bit integer.</summary>
    Int32 = 3,
    /// <summary>Signed 64-bit integer (indices).</summary>
    Int64 = 4,
    /// <summary>IEEE half precision.</summary>
    Float16 = 5,
    /// <summary>IEEE single precision (the default).</summary>
    Float32 = 6,
    /// <summary>IEEE double precision (gradient checks, analysis).</summary>
    Float64 = 7,
    /// <summary>Complex of two float32 (eigenvalues of float32 matrices).</summary>
    ComplexFloat32 = 9,
    /// <summary>Complex of two float64.</summary>
    ComplexFloat64 = 10,
    /// <summary>Boolean, one byte per element.</summary>
    Bool = 11,
    /// <summary>Brain floating point.</summary>
    BFloat16 = 15,
}

/// <summary>Facts about element types the managed side needs.</summary>
public static class ScalarTypeInfo
{
    /// <summary>Bytes per element.</summary>
    public static int ElementSize(this ScalarType type) => type switch
    {
        ScalarType.Byte or ScalarType.Int8 or ScalarType.Bool => 1,
        ScalarType.Int16 or ScalarType.Float16 or ScalarType.BFloat16 => 2,
        ScalarType.Int32 or ScalarType.Float32 => 4,
        ScalarType.Int64 or ScalarType.Float64 or ScalarType.ComplexFloat32 => 8,
        ScalarType.ComplexFloat64 => 16,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "unknown scalar type"),
    };

    /// <summary>True for float16/32/64 and bfloat16.</summary>
    public static bool IsFloatingPoint(this ScalarType type) =>
        type is ScalarType.Float16 or ScalarType.Float32 or ScalarType.Float64 or ScalarType.BFloat16;

    /// <summary>True for the complex types.</summary>
    public static bool IsComplex(this ScalarType type) => type is ScalarType.ComplexFloat32 or ScalarType.ComplexFloat64;

    /// <summary>The lower-case name torch uses ("float32", "int64", ...).</summary>
    public static string Name(this ScalarType type) => type switch
    {
        ScalarType.Byte => "uint8",
        ScalarType.Int8 => "int8",
        ScalarType.Int16 => "int16",
        ScalarType.Int32 => "int32",
        ScalarType.Int64 => "int64",
        ScalarType.Float16 => "float16",
        ScalarType.Float32 => "float32",
        ScalarType.Float64 => "float64",
        ScalarType.ComplexFloat32 => "complex64",
        ScalarType.ComplexFloat64 => "complex128",
        ScalarType.Bool => "bool",
        ScalarType.BFloat16 => "bfloat16",
        _ => type.ToString(),
    };

    /// <summary>The element type that corresponds to a managed unmanaged type.</summary>
    public static ScalarType Of<T>() where T : unmanaged =>
        typeof(T) == typeof(float) ? ScalarType.Float32 :
        typeof(T) == typeof(double) ? ScalarType.Float64 :
        typeof(T) == typeof(long) ? ScalarType.Int64 :
        typeof(T) == typeof(int) ? ScalarType.Int32 :
        typeof(T) == typeof(short) ? ScalarType.Int16 :
        typeof(T) == typeof(sbyte) ? ScalarType.Int8 :
        typeof(T) == typeof(byte) ? ScalarType.Byte :
        typeof(T) == typeof(bool) ? ScalarType.Bool :
        throw new NotSupportedException($"No tensor element type corresponds to {typeof(T).Name}.");
}
