using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json;
using RnnLab.Interop;

namespace RnnLab.Tests.Interop;

public sealed class PyTorchStateDictTests : IDisposable
{
    private readonly string _dir = TestSupport.TempDirectory();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("state_dict.pt", ScalarType.Float32, 1e-7)]
    [InlineData("state_dict_protocol4.pt", ScalarType.Float32, 1e-7)]
    [InlineData("state_dict_float64.pt", ScalarType.Float64, 1e-15)]
    public void Load_ReadsWhatPyTorchSaved(string file, ScalarType dtype, double tolerance)
    {
        var tensors = PyTorchStateDict.Load(Fixtures.Path(file));
        try
        {
            Assert.Equal(Fixtures.Tensors.Keys.Order(), tensors.Keys.Order());
            foreach (var (name, (shape, _)) in Fixtures.Tensors)
            {
                Assert.Equal(shape, tensors[name].shape);
                Assert.Equal(dtype, tensors[name].dtype);
                var values = TensorData.ToArray<double>(tensors[name]);
                var expected = Fixtures.Values(name);
                for (var i = 0; i < expected.Length; i++) Assert.Equal(expected[i], values[i], tolerance);
            }
        }
        finally
        {
            foreach (var t in tensors.Values) t.Dispose();
        }
    }

    [Fact]
    public void Load_OfAFileWithAFlippedDataByte_IsRefused_NamingTheEntry()
    {
        // ZipArchive reads a stored entry without comparing it with its CRC-32: the flipped byte would load as a weight.
        var path = Path.Combine(_dir, "damaged.pt");
        File.Copy(Fixtures.Path("state_dict.pt"), path);
        var entry = RnnLab.TestSupport.ZipDamage.FlipDataByte(path, "/data/0");
        var (data, recorded) = RnnLab.TestSupport.ZipDamage.Crcs(path, entry);

        var e = Assert.Throws<WeightsFileException>(() => PyTorchStateDict.Load(path));

        Assert.Equal($"{path}: entry 'state_dict/data/0' is damaged: its data has CRC-32 {data:x8}, the archive records {recorded:x8}; " +
            "the file changed after it was written (copy it again, or save it again with torch.save).", e.Message);
    }

    [Fact]
    public void Load_OfAWholeModel_IsRefused_NamingTheGlobal()
    {
        var path = Fixtures.Path("whole_model.pt");
        var e = Assert.Throws<WeightsFileException>(() => PyTorchStateDict.Load(path));
        Assert.StartsWith($"{path}: refused: its pickle names the global '", e.Message);
        Assert.Contains("save model.state_dict() instead", e.Message);
    }

    [Fact]
    public void Load_OfAFileThatWouldCallAFunction_IsRefused_BeforeAnythingIsUnpickled()
    {
        // A torch.save-shaped archive whose pickle calls os.system("echo") (Python's protocol 2 bytes).
        var path = Path.Combine(_dir, "evil.pt");
        using (var archive = ZipFile.Open(path, ZipArchiveMode.Create))
        using (var entry = archive.CreateEntry("evil/data.pkl").Open())
            entry.Write(System.Text.Encoding.Latin1.GetBytes("\u0080\u0002cposix\nsystem\nq\u0000X\u0004\u0000\u0000\u0000echoq\u0001\u0085q\u0002Rq\u0003."));
        var e = Assert.Throws<WeightsFileException>(() => PyTorchStateDict.Load(path));
        Assert.Contains("names the global 'posix.system'", e.Message);
        Assert.Contains("Allowed: collections.OrderedDict, torch._utils._rebuild_tensor", e.Message);
    }

    [Fact]
    public void Load_OfATruncatedOrForeignFile_NamesTheFile()
    {
        var truncated = Path.Combine(_dir, "truncated.pt");
        var bytes = File.ReadAllBytes(Fixtures.Path("state_dict.pt"));
        File.WriteAllBytes(truncated, bytes[..(bytes.Length / 2)]);
        var e = Assert.Throws<WeightsFileException>(() => PyTorchStateDict.Load(truncated));
        Assert.StartsWith($"{truncated}: ", e.Message);

        var text = Path.Combine(_dir, "notes.pt");
        File.WriteAllText(text, "PK\u0003\u0004 but not a zip archive");
        e = Assert.Throws<WeightsFileException>(() => PyTorchStateDict.Load(text));
        Assert.StartsWith($"{text}: is not a zip archive", e.Message);
    }

    [Fact]
    public void Save_WritesWhatPythonReads_CheckedByAStandardLibraryReader()
    {
        var path = Path.Combine(_dir, "export.pt");
        using var a = arange(12, dtype: ScalarType.Float32).reshape(3, 4).mul(0.25).sub(1);
        using var transposed = arange(6, dtype: ScalarType.Float64).reshape(2, 3).t();   // not contiguous
        using var step = tensor(7L);
        PyTorchStateDict.Save(path, new Dictionary<string, Tensor> { ["W_rec"] = a, ["W_in"] = transposed, ["step"] = step });

        using var json = JsonDocument.Parse(Python("read_state_dict.py", path));
        var root = json.RootElement;
        Assert.Equal(["W_in", "W_rec", "step"], root.EnumerateObject().Select(p => p.Name));   // sorted, as written
        Assert.Equal("float32", root.GetProperty("W_rec").GetProperty("dtype").GetString());
        Assert.Equal([3, 4], root.GetProperty("W_rec").GetProperty("shape").EnumerateArray().Select(v => v.GetInt32()));
        Assert.Equal(Enumerable.Range(0, 12).Select(i => i * 0.25 - 1), root.GetProperty("W_rec").GetProperty("values").EnumerateArray().Select(v => v.GetDouble()));
        Assert.Equal("float64", root.GetProperty("W_in").GetProperty("dtype").GetString());
        Assert.Equal([3, 2], root.GetProperty("W_in").GetProperty("shape").EnumerateArray().Select(v => v.GetInt32()));
        Assert.Equal([0.0, 3, 1, 4, 2, 5], root.GetProperty("W_in").GetProperty("values").EnumerateArray().Select(v => v.GetDouble()));
        Assert.Equal(7, root.GetProperty("step").GetProperty("values")[0].GetInt64());
        Assert.Equal(["export.pt"], Directory.GetFiles(_dir).Select(Path.GetFileName));   // no temporary file left
    }

    [Fact]
    public void Save_ThenLoad_GivesTheSameTensors()
    {
        var path = Path.Combine(_dir, "roundtrip.pt");
        using var w = randn(5, 3, dtype: ScalarType.Float64);
        PyTorchStateDict.Save(path, new Dictionary<string, Tensor> { ["W"] = w });
        var back = PyTorchStateDict.Load(path);
        Assert.True(back["W"].equal(w).all().item<bool>());
        back["W"].Dispose();
    }

    private static string Python(string script, string argument)
    {
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Fixtures.Path(script));
        start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, error);
        return output.Result;
    }
}
