using static TorchSharp.torch;

namespace RnnLab.Safetensors;

/// <summary>What a safetensors file held: its tensors (owned by this object) and its string metadata.</summary>
public sealed class SafetensorsContent(IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string> metadata) : IDisposable
{
    /// <summary>The tensors by name, on the CPU.</summary>
    public IReadOnlyDictionary<string, Tensor> Tensors { get; } = tensors;

    /// <summary>The "__metadata__" strings.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; } = metadata;

    /// <summary>Disposes every tensor.</summary>
    public void Dispose()
    {
        foreach (var t in Tensors.Values) t.Dispose();
    }
}
