namespace RnnLab.Torch;

/// <summary>
/// One entry of a tensor index, as in Python's <c>x[1, 2:5, ..., None]</c>: a single position
/// (removes the dimension), a slice, an ellipsis, a new axis, or an int64 tensor of positions.
/// Integers and C# ranges convert implicitly, so <c>x[1, 2..5, ..]</c> reads as it does in Python.
/// </summary>
public sealed class TensorIndex
{
    internal enum IndexKind { Single, Slice, Ellipsis, None, Tensor }

    private TensorIndex(IndexKind kind) => Kind = kind;

    internal IndexKind Kind { get; }
    internal long Index { get; private init; }
    internal long? Start { get; private init; }
    internal long? Stop { get; private init; }
    internal long Step { get; private init; } = 1;
    internal bool StartFromEnd { get; private init; }
    internal bool StopFromEnd { get; private init; }
    internal torch.Tensor? Positions { get; private init; }

    /// <summary>One position; negative counts from the end.</summary>
    public static TensorIndex Single(long index) => new(IndexKind.Single) { Index = index };

    /// <summary>start:stop:step with Python semantics; null bounds are open, negative ones count from the end.</summary>
    public static TensorIndex Slice(long? start = null, long? stop = null, long step = 1)
    {
        if (step <= 0) throw new ArgumentOutOfRangeException(nameof(step), step, "slice step must be positive");
        return new(IndexKind.Slice) { Start = start, Stop = stop, Step = step };
    }

    /// <summary>All remaining dimensions (Python's <c>...</c>).</summary>
    public static readonly TensorIndex Ellipsis = new(IndexKind.Ellipsis);

    /// <summary>A new size-1 dimension (Python's <c>None</c>).</summary>
    public static readonly TensorIndex None = new(IndexKind.None);

    /// <summary>The entries at the int64 positions held by a 1-D tensor (a copy, like index_select).</summary>
    public static TensorIndex Tensor(torch.Tensor positions) => new(IndexKind.Tensor) { Positions = positions };

    /// <summary>A single position.</summary>
    public static implicit operator TensorIndex(long index) => Single(index);

    /// <summary>A single position.</summary>
    public static implicit operator TensorIndex(int index) => Single(index);

    /// <summary>A C# index as a single position: <c>^1</c> is the last one.</summary>
    public static implicit operator TensorIndex(Index index) => index.IsFromEnd ? Single(-index.Value) : Single(index.Value);

    /// <summary>A C# range as a slice: <c>2..5</c>, <c>..^1</c>, <c>..</c>.</summary>
    public static implicit operator TensorIndex(Range range) => new(IndexKind.Slice)
    {
        Start = range.Start.IsFromEnd && range.Start.Value == 0 ? null : range.Start.Value,
        StartFromEnd = range.Start.IsFromEnd,
        Stop = range.End.IsFromEnd && range.End.Value == 0 ? null : range.End.Value,
        StopFromEnd = range.End.IsFromEnd,
    };

    /// <summary>Positions from an int64 tensor.</summary>
    public static implicit operator TensorIndex(torch.Tensor positions) => Tensor(positions);

    internal long ResolveStart(long size) =>
        Start is not { } s ? 0 : StartFromEnd ? size - s : s < 0 ? size + s : s;

    internal long ResolveStop(long size) =>
        Stop is not { } s ? size : StopFromEnd ? size - s : s < 0 ? size + s : s;
}
