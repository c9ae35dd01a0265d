using System.Buffers.Binary;
using System.Text;

namespace RnnLab.Tests.Training;

/// <summary>
/// A reader of TensorBoard event files written from the format's specification, not from any writer, so that
/// a file TorchSharp writes is checked against what TensorBoard expects: TFRecord framing (a little-endian
/// uint64 length, the masked CRC32C of those 8 bytes, the data, the masked CRC32C of the data), each record a
/// protobuf Event decoded by hand. A record whose CRC does not hold, or that ends early, stops the read with
/// an <see cref="InvalidDataException"/> naming its offset.
/// </summary>
internal static class EventFile
{
    /// <summary>One Summary.Value with a simple_value.</summary>
    public sealed record Scalar(string Tag, float Value);

    /// <summary>One Event: wall_time (1), step (2), file_version (3) and the scalars of its summary (5).</summary>
    public sealed record Event(double WallTime, long Step, string? FileVersion, IReadOnlyList<Scalar> Scalars);

    public static IReadOnlyList<Event> Read(string path) => Records(File.ReadAllBytes(path)).Select(DecodeEvent).ToList();

    /// <summary>The data of each record, both CRCs checked.</summary>
    public static IEnumerable<byte[]> Records(byte[] file)
    {
        var at = 0;
        while (at < file.Length)
        {
            if (file.Length - at < 12) throw new InvalidDataException($"offset {at}: a record header needs 12 bytes, {file.Length - at} remain");
            var header = file.AsSpan(at, 8);
            if (BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(at + 8, 4)) != MaskedCrc(header))
                throw new InvalidDataException($"offset {at}: the length's CRC does not hold");
            var length = BinaryPrimitives.ReadUInt64LittleEndian(header);
            if (length > (ulong)(file.Length - at - 16)) throw new InvalidDataException($"offset {at}: a record of {length} bytes runs past the end");
            var data = file.AsSpan(at + 12, (int)length);
            if (BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(at + 12 + (int)length, 4)) != MaskedCrc(data))
                throw new InvalidDataException($"offset {at}: the data's CRC does not hold");
            yield return data.ToArray();
            at += 16 + (int)length;
        }
    }

    /// <summary>TFRecord's masked CRC: the CRC32C rotated right by 15 bits plus a constant.</summary>
    public static uint MaskedCrc(ReadOnlySpan<byte> data)
    {
        var crc = Crc32C(data);
        return ((crc >> 15) | (crc << 17)) + 0xa282ead8u;
    }

    /// <summary>CRC-32C (Castagnoli), bit by bit: the reflected polynomial 0x82F63B78, initial and final xor all ones.</summary>
    public static uint Crc32C(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var i = 0; i < 8; i++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x82F63B78u : crc >> 1;
        }
        return ~crc;
    }

    private static Event DecodeEvent(byte[] data)
    {
        double wallTime = 0;
        long step = 0;
        string? fileVersion = null;
        var scalars = new List<Scalar>();
        foreach (var (field, value) in Fields(data))
        {
            switch (field)
            {
                case 1: wallTime = BitConverter.Int64BitsToDouble((long)value.Fixed); break;
                case 2: step = (long)value.Varint; break;
                case 3: fileVersion = Encoding.UTF8.GetString(value.Bytes); break;
                case 5:
                    foreach (var (f, v) in Fields(value.Bytes))
                        if (f == 1) scalars.Add(DecodeValue(v.Bytes));
                    break;
            }
        }
        return new Event(wallTime, step, fileVersion, scalars);
    }

    private static Scalar DecodeValue(byte[] data)
    {
        var tag = "";
        float? value = null;
        foreach (var (field, v) in Fields(data))
        {
            if (field == 1) tag = Encoding.UTF8.GetString(v.Bytes);
            else if (field == 2) value = BitConverter.Int32BitsToSingle((int)v.Fixed);
        }
        return new Scalar(tag, value ?? throw new InvalidDataException($"value '{tag}' has no simple_value"));
    }

    private sealed record FieldValue(ulong Varint, ulong Fixed, byte[] Bytes);

    // The fields of one protobuf message, in order; wire types 0 (varint), 1 (64-bit), 2 (length-delimited), 5 (32-bit).
    private static IEnumerable<(int field, FieldValue value)> Fields(byte[] message)
    {
        var at = 0;
        while (at < message.Length)
        {
            var key = Varint(message, ref at);
            var field = (int)(key >> 3);
            switch (key & 7)
            {
                case 0:
                    yield return (field, new FieldValue(Varint(message, ref at), 0, []));
                    break;
                case 1:
                    yield return (field, new FieldValue(0, BinaryPrimitives.ReadUInt64LittleEndian(message.AsSpan(at, 8)), []));
                    at += 8;
                    break;
                case 2:
                    var length = (int)Varint(message, ref at);
                    yield return (field, new FieldValue(0, 0, message.AsSpan(at, length).ToArray()));
                    at += length;
                    break;
                case 5:
                    yield return (field, new FieldValue(0, BinaryPrimitives.ReadUInt32LittleEndian(message.AsSpan(at, 4)), []));
                    at += 4;
                    break;
                default:
                    throw new InvalidDataException($"field {field}: wire type {key & 7} is not one an Event uses");
            }
        }
    }

    private static ulong Varint(byte[] message, ref int at)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = message[at++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0) return value;
        }
    }
}
