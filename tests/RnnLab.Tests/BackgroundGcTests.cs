using System.Runtime;
using System.Text.Json;

namespace RnnLab.Tests;

/// <summary>
/// Background GC stays off (Directory.Build.props): its thread could finish a collection while TorchSharp
/// reads an implicitly converted Scalar in a native call, and free it (see TorchThreads).
/// </summary>
public sealed class BackgroundGcTests
{
    [Fact]
    public void ThisProcessCollectsWithoutABackgroundThread() =>
        Assert.Equal(GCLatencyMode.Batch, GCSettings.LatencyMode);   // Interactive when background GC is on

    [Fact]
    public void TheRnnlabProgramIsBuiltWithoutBackgroundGc()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "RnnLab.sln"))) root = Path.GetDirectoryName(root)!;
        var config = Path.Combine(root, "src", "RnnLab.Cli", "bin", "Release", "net10.0", "RnnLab.Cli.runtimeconfig.json");
        Assert.True(File.Exists(config), $"{config} is missing; build the CLI (Release) first.");
        using var json = JsonDocument.Parse(File.ReadAllText(config));
        Assert.False(json.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties").GetProperty("System.GC.Concurrent").GetBoolean());
    }
}
