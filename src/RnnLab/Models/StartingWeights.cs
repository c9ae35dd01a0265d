using RnnLab.Interop;
using RnnLab.Safetensors;
using static TorchSharp.torch;

namespace RnnLab.Models;

/// <summary>
/// Weights a network starts from instead of its seed's draw (<c>train --init FILE</c>): a PyTorch
/// state_dict file or a safetensors file, told apart by content, with the names RateRnn uses (W_rec,
/// W_in, b, W_out, and b_out, r0 when the config has them). Every name, shape and value is checked
/// against the network the config builds before anything trains, and each problem is one message
/// naming the file and the tensor:
/// <list type="bullet">
/// <item>every parameter must be there; names the network does not have are refused;</item>
/// <item>float64 weights are rounded to the network's float32; other dtypes are refused, as are NaN and infinities;</item>
/// <item>a <c>mask</c> in the file (0/1, as the exporter writes it) replaces the seed's connectivity, so sparse
/// weights keep their zeros; a <c>dale_sign</c> must equal the one the config's Dale's law gives.</item>
/// </list>
/// </summary>
public sealed class StartingWeights : IDisposable
{
    private readonly Dictionary<string, Tensor> _tensors;

    private StartingWeights(string source, Dictionary<string, Tensor> tensors)
    {
        Source = source;
        _tensors = tensors;
    }

    /// <summary>The file the weights came from.</summary>
    public string Source { get; }

    /// <summary>The checked tensors by name, in the network's dtype, on the CPU.</summary>
    public IReadOnlyDictionary<string, Tensor> Tensors => _tensors;

    /// <summary>Whether the file is a PyTorch (zip) file rather than safetensors.</summary>
    public static bool IsPyTorchFile(string path)
    {
        Span<byte> head = stackalloc byte[4];
        try
        {
            using var stream = File.OpenRead(path);
            return stream.ReadAtLeast(head, 4, throwOnEndOfStream: false) == 4 && head.SequenceEqual("PK\u0003\u0004"u8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new WeightsFileException(path, "could not be read: " + e.Message, e);
        }
    }

    /// <summary>Reads path and checks it against the network that options build for a task with these sizes.</summary>
    public static StartingWeights Read(string path, ModelOptions options, int inputs, int outputs)
    {
        Dictionary<string, Tensor> read;
        if (IsPyTorchFile(path))
        {
            read = PyTorchStateDict.Load(path);
        }
        else
        {
            try
            {
                using var content = SafetensorsFile.Load(path);
                read = content.Tensors.ToDictionary(kv => kv.Key, kv => kv.Value.clone().DetachFromDisposeScope());
            }
            catch (SafetensorsException e)
            {
                throw new WeightsFileException(path, $"is neither a PyTorch state_dict (zip) file nor a valid safetensors file: {e.Message}", e);
            }
        }
        try
        {
            return new StartingWeights(path, Checked(path, read, options, inputs, outputs));
        }
        finally
        {
            foreach (var t in read.Values) t.Dispose();
        }
    }

    /// <summary>Copies the weights into every network of a model built from the same options (and its mask, when the file has one).</summary>
    public void ApplyTo(RateRnn model)
    {
        using var scope = NewDisposeScope();
        var device = model.parameters().First().device;
        var tensors = _tensors.ToDictionary(kv => kv.Key, kv => kv.Value.to(device));
        for (var k = 0; k < model.Count; k++) model.LoadStateOf(k, tensors, strict: false);
    }

    private static Dictionary<string, Tensor> Checked(string path, Dictionary<string, Tensor> read, ModelOptions options, int inputs, int outputs)
    {
        using var scope = NewDisposeScope();
        using var template = RateRnn.ForSeed(options, inputs, outputs, 0);
        var expected = template.StateOf(0);
        var parameters = template.named_parameters().Select(p => p.name).ToHashSet();
        string Shape(Tensor t) => $"[{string.Join(", ", t.shape)}]";

        foreach (var name in read.Keys.Order(StringComparer.Ordinal))
        {
            if (expected.ContainsKey(name)) continue;
            if (name == "dale_sign") throw new WeightsFileException(path, "holds 'dale_sign' (a network under Dale's law) but the config's Model:Dale is false.");
            throw new WeightsFileException(path, $"holds '{name}', which this network does not have; allowed names: {string.Join(", ", expected.Keys)}.");
        }
        foreach (var name in parameters)
            if (!read.ContainsKey(name))
                throw new WeightsFileException(path, $"lacks '{name}'; this network needs {string.Join(", ", parameters)} (config {Describe(options, inputs, outputs)}).");

        var result = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (name, want) in expected)   // in the network's order, so the first problem reported is always the same
        {
            if (!read.TryGetValue(name, out var tensor)) continue;
            if (!tensor.shape.SequenceEqual(want.shape))
                throw new WeightsFileException(path, $"'{name}' has shape {Shape(tensor)}; this network needs {Shape(want)} (config {Describe(options, inputs, outputs)}).");
            if (tensor.dtype is not (ScalarType.Float32 or ScalarType.Float64))
                throw new WeightsFileException(path, $"'{name}' has dtype {tensor.dtype.Name()}; allowed: float32, float64.");
            var value = tensor.to(want.dtype);
            if (!value.isfinite().all().item<bool>())
                throw new WeightsFileException(path, $"'{name}' holds NaN or infinite values.");
            if (name == "mask")
            {
                if (!value.eq(0).logical_or(value.eq(1)).all().item<bool>())
                    throw new WeightsFileException(path, "'mask' holds values other than 0 and 1.");
                if (!options.SelfConnections && !value.diagonal().eq(0).all().item<bool>())
                    throw new WeightsFileException(path, "'mask' has self-connections (a non-zero diagonal) but the config's Model:SelfConnections is false.");
            }
            if (name == "dale_sign" && !value.equal(want).all().item<bool>())
                throw new WeightsFileException(path, $"'dale_sign' differs from the signs the config's Dale's law gives (Model:ExcitatoryFraction {options.ExcitatoryFraction}).");
            result[name] = value.contiguous().DetachFromDisposeScope();
        }
        return result;
    }

    private static string Describe(ModelOptions options, int inputs, int outputs) =>
        $"Model:Units {options.Units}, {inputs} input(s), {outputs} output(s)";

    /// <summary>Releases the tensors.</summary>
    public void Dispose()
    {
        foreach (var t in _tensors.Values) t.Dispose();
    }
}
