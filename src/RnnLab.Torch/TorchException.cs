namespace RnnLab.Torch;

/// <summary>
/// A libtorch operation failed. The message names the operation, the shapes (and dtypes) of its
/// operands and libtorch's own explanation; the process stays usable afterwards.
/// </summary>
public sealed class TorchException : Exception
{
    /// <summary>Creates the exception for a failed operation.</summary>
    public TorchException(string operation, IReadOnlyList<string> operands, string nativeMessage)
        : base(Format(operation, operands, nativeMessage))
    {
        Operation = operation;
        Operands = operands;
        NativeMessage = nativeMessage;
    }

    /// <summary>The operation that failed, as the managed API names it (for example "matmul").</summary>
    public string Operation { get; }

    /// <summary>Each operand as "float32[2, 3]".</summary>
    public IReadOnlyList<string> Operands { get; }

    /// <summary>libtorch's message, without its C++ backtrace.</summary>
    public string NativeMessage { get; }

    private static string Format(string operation, IReadOnlyList<string> operands, string nativeMessage)
    {
        var on = operands.Count == 0 ? "" : " on " + string.Join(" and ", operands);
        var firstLine = nativeMessage.Split('\n', 2)[0].Trim();
        return $"{operation} failed{on}: {(firstLine.Length == 0 ? "unknown libtorch error" : firstLine)}";
    }
}
