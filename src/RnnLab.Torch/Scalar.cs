namespace RnnLab.Torch;

/// <summary>
/// A number passed to a tensor operation. Integer scalars keep libtorch's integer type promotion
/// (an int64 tensor plus 1 stays int64), floating scalars promote integer tensors to float.
/// </summary>
public readonly struct Scalar
{
    private Scalar(double d, long l, bool isIntegral)
    {
        Double = d;
        Long = l;
        IsIntegral = isIntegral;
    }

    /// <summary>The value as a double.</summary>
    public double Double { get; }

    /// <summary>The value as an integer (meaningful when <see cref="IsIntegral"/>).</summary>
    public long Long { get; }

    /// <summary>Whether the scalar is an integer.</summary>
    public bool IsIntegral { get; }

    /// <summary>An integer scalar.</summary>
    public static implicit operator Scalar(long value) => new(value, value, true);

    /// <summary>An integer scalar.</summary>
    public static implicit operator Scalar(int value) => new(value, value, true);

    /// <summary>A floating scalar.</summary>
    public static implicit operator Scalar(double value) => new(value, 0, false);

    /// <summary>A floating scalar.</summary>
    public static implicit operator Scalar(float value) => new(value, 0, false);

    internal int IntFlag => IsIntegral ? 1 : 0;

    /// <inheritdoc />
    public override string ToString() => IsIntegral ? Long.ToString() : Double.ToString("R");
}
