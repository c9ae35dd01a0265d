using static RnnLab.Cli.Tests.CliRunner;

namespace RnnLab.Cli.Tests.Commands;

/// <summary>
/// Files are checked against their run before use, as a user meets them: weights of another config are
/// refused in one line naming the file and the tensor (analyze, compare) or skipped for an older intact
/// checkpoint (resume); final weights that do not read back are no finished network.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class ArtifactCheckTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rnnlab-artifacts-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Train(string name, params string[] overrides)
    {
        var run = Path.Combine(_dir, name);
        var (code, _, error) = Run(["train", TinyConfig.Write(_dir), "--out", run, "--quiet", .. overrides]);
        Assert.True(code == 0, error);
        return run;
    }

    [Fact]
    public void AnalyzeAndCompare_OfASnapshotOfAnotherConfig_AreOneLineNamingTheFileAndTensor()
    {
        var run = Train("small");
        var large = Train("large", "--Model:Units=16");
        var final = Path.Combine(run, "final", "model.safetensors");
        File.Copy(Path.Combine(large, "final", "model.safetensors"), final, overwrite: true);
        var expected = $"{final}: does not fit this run's config: 'W_rec' is float32 [16, 16]; the config's network has float32 [8, 8].";

        var (code, _, error) = Run("analyze", run, "--states", "16", "--max-iterations", "50", "--conditions", "0.5");
        Assert.Equal(1, code);
        Assert.Equal($"rnnlab analyze: {expected}", error.Trim());

        var (compared, _, refusal) = Run("compare", run);
        Assert.Equal(1, compared);
        Assert.Equal($"rnnlab compare: {expected}", refusal.Trim());
    }

    [Fact]
    public void Resume_PastANewestCheckpointOfAnotherConfig_ContinuesFromTheOlderOne_ToTheSameWeights()
    {
        var straight = Train("straight", "--Training:Steps=6");
        var run = Path.Combine(_dir, "mixed");
        Assert.Equal(0, Run("train", TinyConfig.Write(_dir), "--out", run, "--quiet", "--Training:Steps=6").code);
        var large = Train("large", "--Model:Units=16", "--Training:Steps=6");
        File.Delete(Path.Combine(run, "final", "model.safetensors"));
        var newest = Path.Combine(run, "checkpoints", "step-00000006.safetensors");
        File.Copy(Path.Combine(large, "checkpoints", "step-00000006.safetensors"), newest, overwrite: true);

        var (code, output, error) = Run("resume", run, "--quiet");

        Assert.True(code == 0, error);
        Assert.Equal($"rnnlab resume: skipping checkpoint {newest}: does not fit this run's config: 'W_rec' is float32 [16, 16]; the config's network has float32 [8, 8].", error.Trim());
        Assert.Contains($"{run}: resuming at step 3.", output);
        Assert.Equal(File.ReadAllBytes(Path.Combine(straight, "final", "model.safetensors")), File.ReadAllBytes(Path.Combine(run, "final", "model.safetensors")));
    }

    [Fact]
    public void Resume_OfATruncatedFinalModel_TrainsItAgainFromItsCheckpoint_ToTheSameBytes()
    {
        var run = Train("truncated");
        var final = Path.Combine(run, "final", "model.safetensors");
        var bytes = File.ReadAllBytes(final);
        File.WriteAllBytes(final, bytes[..(bytes.Length / 2)]);

        var (code, output, error) = Run("resume", run, "--quiet");

        Assert.True(code == 0, error);
        Assert.StartsWith($"rnnlab resume: {final}: ", error.Trim());
        Assert.EndsWith("Training it again from its newest checkpoint.", error.Trim());
        Assert.DoesNotContain("already finished", output);
        Assert.Equal(bytes, File.ReadAllBytes(final));
        Assert.Contains("already finished", Run("resume", run).output);
    }
}
