using System.Text.Json;

namespace RnnLab.Cli.Tests;

/// <summary>The rnnlab program runs without background GC (Directory.Build.props; docs/engine.md says why).</summary>
public sealed class BackgroundGcTests
{
    [Fact]
    public void TheRnnlabProgramIsBuiltWithoutBackgroundGc()
    {
        // The CLI's own runtimeconfig, copied beside this test assembly with the program it references.
        var config = Path.Combine(AppContext.BaseDirectory, "RnnLab.Cli.runtimeconfig.json");
        using var json = JsonDocument.Parse(File.ReadAllText(config));
        Assert.False(json.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties").GetProperty("System.GC.Concurrent").GetBoolean());
    }
}
