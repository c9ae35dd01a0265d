using System.Buffers.Binary;
using System.Text;
using System.Text.RegularExpressions;
using RnnLab.Configuration;
using RnnLab.Safetensors;
using TorchSharp;
using static TorchSharp.torch;

namespace RnnLab.Analysis.FixedPoints;

/// <summary>
/// The initial states a user gives the fixed-point search (FixedPoints:StartsFile): a [K, units] array of
/// float32 or float64, in a .npy file (little-endian, C order, as numpy.save writes it) or a .safetensors
/// file holding one tensor or one named "states". Anything else is a <see cref="ConfigurationException"/>
/// naming the file, what it holds and what is allowed.
/// </summary>
public static partial class InitialStateFile
{
    /// <summary>The states [K, units], float64.</summary>
    public static Tensor Read(string path, long units)
    {
        var states = path.EndsWith(".npy", StringComparison.OrdinalIgnoreCase) ? ReadNpy(path) : ReadSafetensors(path);
        if (states.dim() != 2 || states.size(1) != units || states.size(0) == 0)
            throw Refused(path, $"holds an array of shape [{string.Join(", ", states.shape)}]; allowed: [K, {units}] with K >= 1, one state of this network's {units} units per row");
        if (!states.isfinite().all().ToBoolean()) throw Refused(path, "holds values that are not finite; allowed: finite rates");
        return states;
    }

    private static ConfigurationException Refused(string path, string why) => new([$"FixedPoints:StartsFile = \"{path}\" {why}."]);

    private static Tensor ReadSafetensors(string path)
    {
        SafetensorsContent content;
        try { content = SafetensorsFile.Load(path); }
        catch (SafetensorsException e) { throw Refused(path, $"cannot be read: {e.Message}"); }
        using (content)
        {
            var tensor = content.Tensors.Count == 1 ? content.Tensors.Values.Single()
                : content.Tensors.TryGetValue("states", out var named) ? named
                : throw Refused(path, $"holds {content.Tensors.Count} tensors ({string.Join(", ", content.Tensors.Keys)}); allowed: one tensor, or one named \"states\"");
            return tensor.to(float64).clone();
        }
    }

    // The .npy format, version 1 to 3: magic, version, header length, a Python dict literal, the data.
    private static Tensor ReadNpy(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 10 || bytes[0] != 0x93 || Encoding.ASCII.GetString(bytes, 1, 5) != "NUMPY") throw Refused(path, "is not a .npy file (no NUMPY magic)");
        var major = bytes[6];
        var (headerLength, start) = major == 1 ? (BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8)), 10) : ((int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8)), 12);
        if (start + headerLength > bytes.Length) throw Refused(path, "is truncated in its header");
        var header = Encoding.Latin1.GetString(bytes, start, headerLength);
        var descr = Descr().Match(header).Groups[1].Value;
        if (Fortran().IsMatch(header)) throw Refused(path, "is in Fortran order; allowed: C order (numpy.save of a C-contiguous array, numpy.ascontiguousarray)");
        var shape = Shape().Match(header) is { Success: true } m
            ? m.Groups[1].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(long.Parse).ToArray()
            : throw Refused(path, "has no shape in its header");
        var count = shape.Aggregate(1L, (a, b) => a * b);
        var offset = start + headerLength;
        var size = descr switch
        {
            "<f8" => 8,
            "<f4" => 4,
            _ => throw Refused(path, $"holds dtype '{descr}'; allowed: little-endian float32 or float64 ('<f4', '<f8')"),
        };
        if (bytes.Length - offset != count * size) throw Refused(path, $"holds {bytes.Length - offset} bytes of data where its shape asks for {count} values of {size} bytes");
        var values = new double[count];
        for (var i = 0; i < count; i++)
            values[i] = size == 8 ? BinaryPrimitives.ReadDoubleLittleEndian(bytes.AsSpan(offset + i * 8)) : BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(offset + i * 4));
        return tensor(values, shape);
    }

    [GeneratedRegex(@"'descr'\s*:\s*'([^']*)'")]
    private static partial Regex Descr();

    [GeneratedRegex(@"'fortran_order'\s*:\s*True")]
    private static partial Regex Fortran();

    [GeneratedRegex(@"'shape'\s*:\s*\(([^)]*)\)")]
    private static partial Regex Shape();
}
