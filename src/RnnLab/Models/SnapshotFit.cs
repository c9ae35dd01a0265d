using RnnLab.Safetensors;
using static TorchSharp.torch;

namespace RnnLab.Models;

/// <summary>
/// Whether saved weights (a checkpoint's model, a snapshot) are those of the network a run's config builds:
/// the same names, shapes and dtypes. A file can be intact, its checksum holding, and still belong to
/// another config (a 64-unit final/ copied into a 32-unit run); it is refused before any tensor is loaded,
/// in one line naming the file and the first tensor that differs.
/// </summary>
public static class SnapshotFit
{
    /// <summary>Throws a <see cref="SafetensorsException"/> naming path unless saved has exactly expected's names, shapes and dtypes.</summary>
    public static void Check(string path, IReadOnlyDictionary<string, Tensor> saved, IReadOnlyDictionary<string, Tensor> expected)
    {
        foreach (var (name, want) in expected)   // in the network's order, so the problem reported is always the same
        {
            if (!saved.TryGetValue(name, out var have))
                throw new SafetensorsException(path, $"does not fit this run's config: it lacks '{name}'.");
            if (!have.shape.SequenceEqual(want.shape) || have.dtype != want.dtype)
                throw new SafetensorsException(path, $"does not fit this run's config: '{name}' is {Describe(have)}; the config's network has {Describe(want)}.");
        }
        var extra = saved.Keys.Where(k => !expected.ContainsKey(k)).Order(StringComparer.Ordinal).FirstOrDefault();
        if (extra is not null)
            throw new SafetensorsException(path, $"does not fit this run's config: it holds '{extra}', which the config's network does not have.");
    }

    private static string Describe(Tensor t) => $"{t.dtype.Name()} [{string.Join(", ", t.shape)}]";
}
