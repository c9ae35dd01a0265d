namespace RnnLab.IO;

/// <summary>
/// CRC-32 as zip archives record it (IEEE 802.3, reflected polynomial 0xEDB88320). .NET's ZipArchive does
/// not compare an entry's data with its recorded CRC when reading a stored entry, so a reader that must
/// notice damage computes it.
/// </summary>
public static class Crc32
{
    private static readonly uint[] Table = Enumerable.Range(0, 256).Select(n =>
    {
        var c = (uint)n;
        for (var k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        return c;
    }).ToArray();

    /// <summary>The CRC-32 of everything a stream yields from where it is.</summary>
    public static uint Of(Stream stream)
    {
        var crc = 0xFFFFFFFFu;
        var buffer = new byte[81920];
        for (int read; (read = stream.Read(buffer)) > 0;)
            foreach (var b in buffer.AsSpan(0, read)) crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        return ~crc;
    }
}
