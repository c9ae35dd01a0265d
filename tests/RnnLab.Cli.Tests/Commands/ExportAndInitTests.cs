using RnnLab.Safetensors;
using static RnnLab.Cli.Tests.CliRunner;

namespace RnnLab.Cli.Tests.Commands;

/// <summary>Weights out to PyTorch users (export) and back in (train --init), end to end.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ExportAndInitTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rnnlab-export-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Config(string units = "8")
    {
        var path = Path.Combine(_dir, $"tiny-{units}.json");
        File.WriteAllText(path, $$"""
            { "Name": "tiny", "Seed": 2, "Model": { "Units": {{units}} }, "Task": { "Kind": "perception", "Steps": 20, "GraceSteps": 2 },
              "Training": { "Steps": 4, "BatchSize": 4, "EvaluateEvery": 2, "EvaluationBatchSize": 8, "CheckpointEvery": 2 } }
            """);
        return path;
    }

    private static bool SameTensors(string a, string b)
    {
        using var x = SafetensorsFile.Load(a);
        using var y = SafetensorsFile.Load(b);
        return x.Tensors.Keys.Order().SequenceEqual(y.Tensors.Keys.Order())
            && x.Tensors.All(kv => kv.Value.equal(y.Tensors[kv.Key]).all().item<bool>());
    }

    [Theory]
    [InlineData("pytorch", "model.pt")]
    [InlineData("safetensors", "model.safetensors")]
    public void TrainedWeights_ExportedAndHandedBack_AreWhereTheNextRunStarts(string format, string file)
    {
        var first = Path.Combine(_dir, "first");
        Assert.Equal(0, Run("train", Config(), "--out", first, "--quiet").code);
        var (code, output, error) = Run("export", first, "--format", format);
        Assert.True(code == 0, error);
        var exported = Path.Combine(first, "export", file);
        Assert.Contains($"-> {exported}", output);

        var second = Path.Combine(_dir, "second");
        (code, output, error) = Run("train", Config(), "--out", second, "--init", exported, "--quiet");
        Assert.True(code == 0, error);
        Assert.Contains($"every network starts from {exported}", output);
        Assert.True(SameTensors(Path.Combine(first, "final", "model.safetensors"), Path.Combine(second, "init", "model.safetensors")));
        Assert.True(File.Exists(Path.Combine(second, "start", "model.safetensors")));
        Assert.Contains("\"init\"", File.ReadAllText(Path.Combine(second, "run.json")));
    }

    [Fact]
    public void HandedOverWeights_SurviveAResumeThatStartsNetworksAgain()
    {
        var first = Path.Combine(_dir, "source");
        Assert.Equal(0, Run("train", Config(), "--out", first, "--quiet").code);
        Assert.Equal(0, Run("export", first, "--format", "pytorch").code);
        var exported = Path.Combine(first, "export", "model.pt");

        // Two networks from the same weights; network 1 loses its files and is started again by resume,
        // which must take the run's copy of the weights even after the handed-over file is gone.
        var run = Path.Combine(_dir, "seeds");
        Assert.Equal(0, Run("train", Config(), "--out", run, "--seeds", "2", "--jobs", "1", "--init", exported, "--quiet").code);
        File.Delete(exported);
        var seed1 = Path.Combine(run, "seed-1");
        var finalBefore = File.ReadAllBytes(Path.Combine(seed1, "final", "model.safetensors"));
        foreach (var entry in Directory.EnumerateFileSystemEntries(seed1)) { if (Directory.Exists(entry)) Directory.Delete(entry, true); else File.Delete(entry); }
        var (code, _, error) = Run("resume", run, "--network", "1", "--quiet");
        Assert.True(code == 0, error);
        Assert.True(SameTensors(Path.Combine(first, "final", "model.safetensors"), Path.Combine(seed1, "init", "model.safetensors")));
        Assert.Equal(finalBefore, File.ReadAllBytes(Path.Combine(seed1, "final", "model.safetensors")));
    }

    [Fact]
    public void WeightsThatDoNotFit_AreRefusedInOneLine_AndNoRunIsCreated()
    {
        var first = Path.Combine(_dir, "eight");
        Assert.Equal(0, Run("train", Config("8"), "--out", first, "--quiet").code);
        Assert.Equal(0, Run("export", first, "--format", "pytorch").code);
        var exported = Path.Combine(first, "export", "model.pt");

        var run = Path.Combine(_dir, "sixteen");
        var (code, _, error) = Run("train", Config("16"), "--out", run, "--init", exported, "--quiet");
        Assert.Equal(1, code);
        Assert.Equal($"rnnlab train: {exported}: 'W_rec' has shape [8, 8]; this network needs [16, 16] (config Model:Units 16, 1 input(s), 1 output(s)).", error.Trim());
        Assert.False(Directory.Exists(run));

        (code, _, error) = Run("train", Config(), "--out", run, "--init", Path.Combine(_dir, "nowhere.pt"));
        Assert.Equal(2, code);
        Assert.StartsWith($"rnnlab train: --init {Path.Combine(_dir, "nowhere.pt")}: no such file", error.Trim());
        Assert.False(Directory.Exists(run));
    }

    [Fact]
    public void TrainInit_OfADamagedPtFile_IsRefusedInOneLineNamingTheEntry_AndNoRunIsCreated()
    {
        // A file as torch.save writes it: its entries are stored, so a byte of a tensor can be flipped in place (RnnLab's export deflates them).
        var exported = Path.Combine(_dir, "handed-over.pt");
        File.Copy(Path.Combine(RepositoryRoot(), "tests", "RnnLab.Tests", "Interop", "Fixtures", "state_dict.pt"), exported);
        var entry = RnnLab.TestSupport.ZipDamage.FlipDataByte(exported, "/data/0");
        var (data, recorded) = RnnLab.TestSupport.ZipDamage.Crcs(exported, entry);

        var run = Path.Combine(_dir, "from-damaged");
        var (code, _, error) = Run("train", Config(), "--out", run, "--init", exported, "--quiet");

        Assert.Equal(1, code);
        Assert.Equal($"rnnlab train: {exported}: entry '{entry}' is damaged: its data has CRC-32 {data:x8}, the archive records {recorded:x8}; " +
            "the file changed after it was written (copy it again, or save it again with torch.save).", error.Trim());
        Assert.False(Directory.Exists(run));
    }

    [Fact]
    public void Export_RefusesToOverwrite_AndNamesWhatIsMissing()
    {
        var run = Path.Combine(_dir, "run");
        Assert.Equal(0, Run("train", Config(), "--out", run, "--seeds", "2", "--jobs", "1", "--quiet").code);
        Assert.Equal(0, Run("export", run, "--format", "pytorch").code);
        var target = Path.Combine(run, "export", "seed-0.pt");
        var before = File.ReadAllBytes(target);

        var (code, _, error) = Run("export", run, "--format", "pytorch");
        Assert.Equal(1, code);
        Assert.Equal($"rnnlab export: {target}: already exists; pass --force to replace it, or choose another --out DIR.", error.Trim());
        Assert.Equal(before, File.ReadAllBytes(target));
        Assert.Equal(0, Run("export", run, "--format", "pytorch", "--force").code);
        Assert.Equal(0, Run("export", run, "--format", "pytorch", "--snapshot", "init").code);
        Assert.True(File.Exists(Path.Combine(run, "export", "seed-1.init.pt")));

        File.Delete(Path.Combine(run, "seed-1", "final", "model.safetensors"));
        (code, _, error) = Run("export", run, "--format", "safetensors");
        Assert.Equal(1, code);
        Assert.Contains("seed-1: has no final weights", error);
        Assert.False(File.Exists(Path.Combine(run, "export", "seed-0.safetensors")));   // nothing written when one network cannot be

        (code, _, error) = Run("export", run, "--format", "onnx");
        Assert.Equal(2, code);
        Assert.Equal("rnnlab export: --format 'onnx' is not allowed; allowed: pytorch, safetensors.", error.Trim());
    }
}
