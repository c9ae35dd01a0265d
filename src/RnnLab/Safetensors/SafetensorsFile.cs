using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using RnnLab.IO;
using TorchSharp;
using static TorchSharp.torch;

namespace RnnLab.Safetensors;

/// <summary>
/// Reads and writes the safetensors format (8-byte little-endian header length, a JSON header of
/// {name: {dtype, shape, data_offsets}} plus optional "__metadata__" strings, then the raw
/// little-endian data), so that checkpoints open in Python's safetensors and numpy alike.
///
/// Writes are atomic (<see cref="AtomicFile"/>): a crash leaves either the old file or the new one,
/// never half of one.
/// Every file written here carries a SHA-256 over its tensor table and data in its metadata
/// (<see cref="ChecksumKey"/>); reading verifies it when present, so a flipped byte anywhere is
/// reported instead of yielding wrong numbers. Files from elsewhere, without the checksum, are
/// checked structurally (offsets, sizes, dtypes).
/// </summary>
public static class SafetensorsFile
{
    /// <summary>The metadata key holding "sha256:&lt;hex&gt;" over the tensor table and data.</summary>
    public const string ChecksumKey = "rnnlab.sha256";

    private const long MaxHeaderBytes = 100L * 1024 * 1024;

    private static readonly Dictionary<ScalarType, string> DtypeNames = new()
    {
        [ScalarType.Float32] = "F32",
        [ScalarType.Float64] = "F64",
        [ScalarType.Int64] = "I64",
        [ScalarType.Byte] = "U8",
        [ScalarType.Bool] = "BOOL",
    };

    /// <summary>The dtype names this reader and writer handle.</summary>
    public static IReadOnlyCollection<string> SupportedDtypes => DtypeNames.Values;

    /// <summary>Writes tensors (copied to the CPU) and string metadata to path, atomically.</summary>
    public static void Save(string path, IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("safetensors I/O needs a little-endian machine.");
        var entries = new List<Entry>();
        long offset = 0;
        var blobs = new List<byte[]>();
        foreach (var name in tensors.Keys.Order(StringComparer.Ordinal))
        {
            if (name == "__metadata__") throw new SafetensorsException(path, "'__metadata__' is reserved and cannot name a tensor.");
            var t = tensors[name];
            if (!DtypeNames.TryGetValue(t.dtype, out var dtypeName))
                throw new SafetensorsException(path, $"tensor '{name}' has dtype {t.dtype.Name()}; allowed: float32, float64, int64, uint8, bool.");
            var bytes = Bytes(t);
            entries.Add(new Entry(name, dtypeName, t.dtype, t.shape, offset, offset + bytes.Length));
            blobs.Add(bytes);
            offset += bytes.Length;
        }

        var meta = new Dictionary<string, string>(metadata ?? new Dictionary<string, string>());
        meta.Remove(ChecksumKey);
        meta[ChecksumKey] = Checksum(entries, blobs);
        var header = BuildHeader(entries, meta);

        try
        {
            AtomicFile.Write(path, stream =>
            {
                Span<byte> length = stackalloc byte[8];
                BitConverter.TryWriteBytes(length, (ulong)header.Length);
                stream.Write(length);
                stream.Write(header);
                foreach (var blob in blobs) stream.Write(blob);
            });
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SafetensorsException(path, "could not be written: " + e.Message, e);
        }
    }

    /// <summary>
    /// Reads every tensor and the metadata of a file. With requireChecksum, a file without the
    /// RnnLab checksum is rejected (use it for files RnnLab itself wrote, such as checkpoints).
    /// </summary>
    public static SafetensorsContent Load(string path, bool requireChecksum = false)
    {
        byte[] file;
        try
        {
            file = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SafetensorsException(path, "could not be read: " + e.Message, e);
        }

        if (file.Length < 8) throw new SafetensorsException(path, $"is truncated: {file.Length} bytes, shorter than the 8-byte header length.");
        var headerLength = BitConverter.ToUInt64(file, 0);
        if (headerLength == 0 || headerLength > MaxHeaderBytes || (long)headerLength > file.Length - 8)
            throw new SafetensorsException(path, $"is truncated or not a safetensors file: header length {headerLength} does not fit in {file.Length} bytes.");
        var dataStart = 8 + (long)headerLength;
        var dataLength = file.Length - dataStart;

        JsonObject header;
        try
        {
            header = JsonNode.Parse(new ReadOnlySpan<byte>(file, 8, (int)headerLength)) as JsonObject
                ?? throw new SafetensorsException(path, "has a header that is not a JSON object.");
        }
        catch (JsonException e)
        {
            throw new SafetensorsException(path, "has a corrupt header (invalid JSON): " + e.Message, e);
        }

        var metadata = ReadMetadata(path, header);
        var entries = ReadEntries(path, header, dataLength);

        if (metadata.TryGetValue(ChecksumKey, out var expected))
        {
            var blobs = entries.Select(e => file.AsSpan((int)(dataStart + e.Begin), (int)(e.End - e.Begin)).ToArray()).ToList();
            var actual = Checksum(entries, blobs);
            if (!string.Equals(expected, actual, StringComparison.Ordinal))
                throw new SafetensorsException(path, "is corrupt: its checksum does not match its contents.");
        }
        else if (requireChecksum)
        {
            throw new SafetensorsException(path, $"has no '{ChecksumKey}' checksum; it was not written by RnnLab or its header was damaged.");
        }

        var tensors = new Dictionary<string, Tensor>();
        try
        {
            foreach (var e in entries)
            {
                var bytes = new ReadOnlySpan<byte>(file, (int)(dataStart + e.Begin), (int)(e.End - e.Begin));
                tensors[e.Name] = FromBytes(bytes, e.Type, e.Shape).DetachFromDisposeScope();
            }
        }
        catch
        {
            foreach (var t in tensors.Values) t.Dispose();
            throw;
        }
        return new SafetensorsContent(tensors, metadata);
    }

    private sealed record Entry(string Name, string DtypeName, ScalarType Type, long[] Shape, long Begin, long End);

    private static Dictionary<string, string> ReadMetadata(string path, JsonObject header)
    {
        var result = new Dictionary<string, string>();
        if (!header.TryGetPropertyValue("__metadata__", out var node) || node is null) return result;
        if (node is not JsonObject meta) throw new SafetensorsException(path, "has a corrupt header: '__metadata__' is not an object.");
        foreach (var (key, value) in meta)
        {
            if (value is not JsonValue v || !v.TryGetValue<string>(out var s))
                throw new SafetensorsException(path, $"has a corrupt header: metadata '{key}' is not a string.");
            result[key] = s;
        }
        return result;
    }

    private static List<Entry> ReadEntries(string path, JsonObject header, long dataLength)
    {
        var byName = DtypeNames.ToDictionary(kv => kv.Value, kv => kv.Key);
        var entries = new List<Entry>();
        foreach (var (name, node) in header)
        {
            if (name == "__metadata__") continue;
            string Bad(string what) => $"has a corrupt header: tensor '{name}' {what}.";
            if (node is not JsonObject info) throw new SafetensorsException(path, Bad("is not an object"));
            var dtype = (info["dtype"] as JsonValue)?.TryGetValue<string>(out var d) == true ? d : null;
            if (dtype is null || !byName.TryGetValue(dtype, out var type))
                throw new SafetensorsException(path, Bad($"has dtype '{dtype}'; allowed: {string.Join(", ", DtypeNames.Values)}"));
            var shape = Longs(info["shape"]) ?? throw new SafetensorsException(path, Bad("has no valid shape"));
            if (shape.Any(s => s < 0)) throw new SafetensorsException(path, Bad("has a negative dimension"));
            var offsets = Longs(info["data_offsets"]);
            if (offsets is not { Length: 2 } || offsets[0] < 0 || offsets[1] < offsets[0] || offsets[1] > dataLength)
                throw new SafetensorsException(path, Bad($"has data_offsets outside the {dataLength} data bytes (the file may be truncated)"));
            long count = 1;
            foreach (var s in shape) count = checked(count * s);
            if (count * type.ElementSize() != offsets[1] - offsets[0])
                throw new SafetensorsException(path, Bad($"needs {count * type.ElementSize()} bytes for shape [{string.Join(", ", shape)}] but data_offsets span {offsets[1] - offsets[0]}"));
            entries.Add(new Entry(name, dtype, type, shape, offsets[0], offsets[1]));
        }
        // Tensors must tile the data buffer exactly: no gaps, no overlaps, nothing after the last one.
        long expected = 0;
        foreach (var e in entries.OrderBy(e => e.Begin).ThenBy(e => e.End))
        {
            if (e.Begin != expected)
                throw new SafetensorsException(path, $"has a corrupt header: tensor '{e.Name}' starts at byte {e.Begin}, expected {expected} (gap or overlap).");
            expected = e.End;
        }
        if (expected != dataLength)
            throw new SafetensorsException(path, $"has {dataLength - expected} bytes after the last tensor's data; the file is damaged.");
        return entries.OrderBy(e => e.Name, StringComparer.Ordinal).ToList();
    }

    private static long[]? Longs(JsonNode? node)
    {
        if (node is not JsonArray array) return null;
        var result = new long[array.Count];
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is not JsonValue v || !v.TryGetValue<long>(out result[i])) return null;
        }
        return result;
    }

    private static byte[] BuildHeader(List<Entry> entries, Dictionary<string, string> metadata)
    {
        var root = new JsonObject();
        var meta = new JsonObject();
        foreach (var (k, v) in metadata.OrderBy(kv => kv.Key, StringComparer.Ordinal)) meta[k] = v;
        root["__metadata__"] = meta;
        foreach (var e in entries)
        {
            root[e.Name] = new JsonObject
            {
                ["dtype"] = e.DtypeName,
                ["shape"] = new JsonArray(e.Shape.Select(s => (JsonNode)JsonValue.Create(s)).ToArray()),
                ["data_offsets"] = new JsonArray(JsonValue.Create(e.Begin), JsonValue.Create(e.End)),
            };
        }
        var json = Encoding.UTF8.GetBytes(root.ToJsonString());
        // Pad with spaces so the data starts 8-byte aligned, as the reference writer does.
        var padded = (json.Length + 8 + 7) / 8 * 8 - 8;
        var header = new byte[padded];
        json.CopyTo(header, 0);
        for (var i = json.Length; i < padded; i++) header[i] = (byte)' ';
        return header;
    }

    private static string Checksum(List<Entry> entries, List<byte[]> blobs)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var e in entries.OrderBy(e => e.Name, StringComparer.Ordinal))
            sha.AppendData(Encoding.UTF8.GetBytes($"{e.Name}\0{e.DtypeName}\0{string.Join(",", e.Shape)}\0{e.Begin},{e.End}\n"));
        foreach (var (e, blob) in entries.Zip(blobs).OrderBy(p => p.First.Begin)) sha.AppendData(blob);
        return "sha256:" + Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    private static byte[] Bytes(Tensor t)
    {
        using var cpu = t.detach().cpu().contiguous();
        return cpu.bytes.ToArray();
    }

    private static Tensor FromBytes(ReadOnlySpan<byte> bytes, ScalarType type, long[] shape)
    {
        var t = empty(shape, type);
        bytes.CopyTo(t.bytes);
        return t;
    }
}
