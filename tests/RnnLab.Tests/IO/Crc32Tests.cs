using System.IO.Compression;
using RnnLab.IO;

namespace RnnLab.Tests.IO;

public sealed class Crc32Tests
{
    [Fact]
    public void Of_TheStandardCheckInput_IsTheStandardCheckValue()
    {
        // CRC-32/ISO-HDLC's check value: the CRC of the ASCII digits 1 to 9.
        Assert.Equal(0xCBF43926u, Crc32.Of(new MemoryStream("123456789"u8.ToArray())));
    }

    [Fact]
    public void Of_AnEntrysData_IsWhatTheZipArchiveRecords()
    {
        var data = Enumerable.Range(0, 100_000).Select(i => (byte)(i * 31 % 251)).ToArray();
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        using (var entry = archive.CreateEntry("data/0", CompressionLevel.NoCompression).Open())
            entry.Write(data);
        zip.Position = 0;
        using var read = new ZipArchive(zip, ZipArchiveMode.Read);
        Assert.Equal(read.Entries[0].Crc32, Crc32.Of(new MemoryStream(data)));
    }
}
