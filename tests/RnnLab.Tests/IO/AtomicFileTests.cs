using System.Text;
using RnnLab.IO;

namespace RnnLab.Tests.IO;

public sealed class AtomicFileTests : IDisposable
{
    private readonly string _dir = TestSupport.TempDirectory();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void AWriteThatFails_LeavesTheOldFileWhole_AndNoTemporaryFile()
    {
        var path = Path.Combine(_dir, "metrics.jsonl");
        AtomicFile.WriteText(path, "old\n");
        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, s =>
        {
            s.Write("half of the n"u8);
            throw new InvalidOperationException("the writer failed");
        }));
        Assert.Equal("old\n", File.ReadAllText(path));
        Assert.Equal(["metrics.jsonl"], Directory.GetFiles(_dir).Select(Path.GetFileName));
    }

    [Fact]
    public void WriteNew_RefusesAnExistingFile_AndLeavesIt()
    {
        var path = Path.Combine(_dir, "model.pt");
        AtomicFile.WriteNew(path, s => s.Write("first"u8));
        var e = Assert.Throws<IOException>(() => AtomicFile.WriteNew(path, s => s.Write("second"u8)));
        Assert.Equal($"{path}: already exists; it was left as it is.", e.Message);
        Assert.Equal("first", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(_dir));
    }

    [Fact]
    public void TwoWritersOfOneFile_NeverShareATemporaryFile()
    {
        // Two resumes of one run once died on a shared fixed "metrics.jsonl.tmp"; every write here ends
        // whole, and the file holds one writer's complete content.
        var path = Path.Combine(_dir, "metrics.jsonl");
        var contents = new[] { new string('a', 100_000), new string('b', 100_000) };
        Parallel.For(0, 2, w =>
        {
            for (var i = 0; i < 50; i++) AtomicFile.WriteText(path, contents[w]);
        });
        Assert.Contains(File.ReadAllText(path, Encoding.UTF8), contents);
        Assert.Single(Directory.GetFiles(_dir));
    }
}
