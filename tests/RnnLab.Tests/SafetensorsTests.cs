using TorchSharp;
using System.Text;
using System.Text.Json.Nodes;
using RnnLab.Safetensors;

namespace RnnLab.Tests;

public sealed class SafetensorsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rnnlab-safetensors-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string PathOf(string name) => Path.Combine(_dir, name);

    private static Dictionary<string, Tensor> Sample() => new()
    {
        ["w_rec"] = tensor(new[] { 1.5f, -2f, 3f, 4f, 5f, 6f }, [2, 3]),
        ["b"] = tensor(new[] { 0.25, -1e-300 }),
        ["step"] = tensor(new long[] { 12345678901L }),
        ["state"] = tensor(new byte[] { 0, 7, 255 }),
        ["mask"] = tensor(new[] { true, false, true, true }, [2, 2]),
        ["scalar"] = tensor(2.5),
    };

    [Fact]
    public void RoundTrip_PreservesNamesDtypesShapesValuesAndMetadata()
    {
        using var scope = NewDisposeScope();
        var tensors = Sample();
        var path = PathOf("a.safetensors");
        SafetensorsFile.Save(path, tensors, new Dictionary<string, string> { ["task"] = "perception" });
        using var loaded = SafetensorsFile.Load(path, requireChecksum: true);
        Assert.Equal(tensors.Keys.Order(), loaded.Tensors.Keys.Order());
        foreach (var (name, t) in tensors)
        {
            Assert.Equal(t.dtype, loaded.Tensors[name].dtype);
            Assert.True(t.SameValues(loaded.Tensors[name]), name);
        }
        Assert.Equal("perception", loaded.Metadata["task"]);
    }

    [Fact]
    public void Layout_FollowsTheSafetensorsSpecification()
    {
        using var scope = NewDisposeScope();
        var path = PathOf("spec.safetensors");
        SafetensorsFile.Save(path, new Dictionary<string, Tensor> { ["x"] = tensor(new[] { 1f, 2f }), ["y"] = tensor(new long[] { 3 }) });
        var bytes = File.ReadAllBytes(path);
        var n = (long)BitConverter.ToUInt64(bytes, 0);
        Assert.Equal(0, (8 + n) % 8);
        var header = JsonNode.Parse(Encoding.UTF8.GetString(bytes, 8, (int)n).TrimEnd(' '))!.AsObject();
        Assert.Equal("F32", (string)header["x"]!["dtype"]!);
        Assert.Equal([2L], header["x"]!["shape"]!.AsArray().Select(v => (long)v!));
        Assert.Equal([0L, 8L], header["x"]!["data_offsets"]!.AsArray().Select(v => (long)v!));
        Assert.Equal("I64", (string)header["y"]!["dtype"]!);
        Assert.Equal([8L, 16L], header["y"]!["data_offsets"]!.AsArray().Select(v => (long)v!));
        var data = bytes.AsSpan(8 + (int)n);
        Assert.Equal(16, data.Length);
        Assert.Equal(1f, BitConverter.ToSingle(data[..4]));
        Assert.Equal(2f, BitConverter.ToSingle(data[4..8]));
        Assert.Equal(3L, BitConverter.ToInt64(data[8..16]));
    }

    [Fact]
    public void Load_ReadsAFileBuiltByHandFromTheSpecification_WithoutChecksum()
    {
        // A file as another writer would make it: header, no metadata, data.
        var header = Encoding.UTF8.GetBytes("{\"v\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,16]}}");
        var path = PathOf("foreign.safetensors");
        using (var f = File.Create(path))
        {
            f.Write(BitConverter.GetBytes((ulong)header.Length));
            f.Write(header);
            f.Write(BitConverter.GetBytes(0.5));
            f.Write(BitConverter.GetBytes(-4.0));
        }
        using var loaded = SafetensorsFile.Load(path);
        Assert.Equal(new[] { 0.5, -4.0 }, loaded.Tensors["v"].ToArray<double>());
        var e = Assert.Throws<SafetensorsException>(() => SafetensorsFile.Load(path, requireChecksum: true));
        Assert.Equal(path + ": has no 'rnnlab.sha256' checksum; it was not written by RnnLab or its header was damaged.", e.Message);
    }

    [Fact]
    public void TruncatedFile_IsRejectedWithAClearError()
    {
        using var scope = NewDisposeScope();
        var path = PathOf("t.safetensors");
        SafetensorsFile.Save(path, Sample());
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^5]);
        var e = Assert.Throws<SafetensorsException>(() => SafetensorsFile.Load(path));
        Assert.StartsWith(path + ": ", e.Message);
        Assert.Contains("truncated", e.Message);
        File.WriteAllBytes(path, bytes[..5]);
        Assert.Equal(path + ": is truncated: 5 bytes, shorter than the 8-byte header length.",
            Assert.Throws<SafetensorsException>(() => SafetensorsFile.Load(path)).Message);
    }

    [Fact]
    public void AnyFlippedByte_InHeaderOrData_IsRejected()
    {
        using var scope = NewDisposeScope();
        var path = PathOf("f.safetensors");
        SafetensorsFile.Save(path, Sample());
        var original = File.ReadAllBytes(path);
        var headerEnd = 8 + (int)BitConverter.ToUInt64(original, 0);
        // Every 7th byte of the header (structure, names, numbers, checksum) and every data byte.
        var positions = Enumerable.Range(8, headerEnd - 8).Where(i => i % 7 == 0 && original[i] != (byte)' ')
            .Concat(Enumerable.Range(headerEnd, original.Length - headerEnd));
        var checkedCount = 0;
        foreach (var i in positions)
        {
            var corrupt = (byte[])original.Clone();
            corrupt[i] ^= 0x04;
            File.WriteAllBytes(path, corrupt);
            var e = Assert.Throws<SafetensorsException>(() => SafetensorsFile.Load(path, requireChecksum: true));
            Assert.StartsWith(path + ": ", e.Message);
            checkedCount++;
        }
        Assert.True(checkedCount > 50);
    }

    [Fact]
    public void Save_IsAtomic_AndLeavesNoTemporaryFiles()
    {
        using var scope = NewDisposeScope();
        var path = PathOf("atomic.safetensors");
        SafetensorsFile.Save(path, new Dictionary<string, Tensor> { ["a"] = ones(3) });
        SafetensorsFile.Save(path, new Dictionary<string, Tensor> { ["a"] = zeros(3) });
        Assert.Equal(["atomic.safetensors"], Directory.GetFiles(_dir).Select(Path.GetFileName));
        using var loaded = SafetensorsFile.Load(path);
        Assert.Equal(0, loaded.Tensors["a"].sum().ToDouble());
    }

    [Fact]
    public void UnsupportedDtype_IsRejectedOnSave_WithoutTouchingTheTarget()
    {
        using var scope = NewDisposeScope();
        var path = PathOf("keep.safetensors");
        SafetensorsFile.Save(path, new Dictionary<string, Tensor> { ["a"] = ones(2) });
        var e = Assert.Throws<SafetensorsException>(() =>
            SafetensorsFile.Save(path, new Dictionary<string, Tensor> { ["z"] = complex(ones(2), ones(2)) }));
        Assert.Equal(path + ": tensor 'z' has dtype complex64; allowed: float32, float64, int64, uint8, bool.", e.Message);
        using var loaded = SafetensorsFile.Load(path);
        Assert.True(loaded.Tensors.ContainsKey("a"));
        Assert.Single(Directory.GetFiles(_dir));
    }
}
