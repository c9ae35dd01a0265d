using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace RnnLab.TestSupport;

/// <summary>Damages a zip archive as a disk or a bad copy would: one byte of an entry's stored data flipped, its recorded CRC-32 left as it was.</summary>
internal static class ZipDamage
{
    /// <summary>Flips the first data byte of the first entry whose name ends with suffix (it must be stored, as torch.save stores); returns the entry's name.</summary>
    public static string FlipDataByte(string path, string suffix)
    {
        var file = File.ReadAllBytes(path);
        for (var h = 0; h + 30 <= file.Length; h++)
        {
            // A local file header: "PK\x03\x04", then at 26 the name's length and at 28 the extra field's; the data follows them.
            if (BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(h)) != 0x04034b50) continue;
            var nameLength = BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(h + 26));
            var extraLength = BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(h + 28));
            var name = Encoding.UTF8.GetString(file, h + 30, nameLength);
            if (!name.EndsWith(suffix, StringComparison.Ordinal)) continue;
            if (BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(h + 8)) != 0) throw new InvalidOperationException($"{path}: entry {name} is compressed, not stored.");
            file[h + 30 + nameLength + extraLength] ^= 0xFF;
            File.WriteAllBytes(path, file);
            return name;
        }
        throw new InvalidOperationException($"{path}: no entry ends with {suffix}.");
    }

    /// <summary>An entry's data's CRC-32 (as RnnLab computes it) and the one the archive records.</summary>
    public static (uint data, uint recorded) Crcs(string path, string name)
    {
        using var archive = ZipFile.OpenRead(path);
        var entry = archive.GetEntry(name)!;
        using var data = entry.Open();
        return (RnnLab.IO.Crc32.Of(data), entry.Crc32);
    }
}
