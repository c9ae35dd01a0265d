using RnnLab.Sweeps;

namespace RnnLab.Tests.Sweeps;

public sealed class SweepDirectoryTests : IDisposable
{
    private readonly SweepFiles _files = new();

    public void Dispose() => _files.Dispose();

    private SweepDefinition Load(string grid, int seeds = 2, params string[] overrides) =>
        SweepDefinition.Load(_files.Sweep($$"""{ "Config": "../configs/small.json", "Seeds": {{seeds}}, "Grid": { "Model:Units": {{grid}} } }"""), overrides,
            new Dictionary<string, string>());

    [Fact]
    public void EachPointIsARunLaidOutAsTrainSeedsLaysIt()
    {
        var output = Path.Combine(_files.Folder, "out");

        var sweep = SweepDirectory.CreateOrContinue(output, Load("[8, 12]"));

        Assert.True(File.Exists(Path.Combine(output, "sweep.json")));
        Assert.True(File.Exists(Path.Combine(output, "index.json")));
        Assert.Equal(4, sweep.Tasks);
        var network = sweep.Network(3);   // point 1, seed 1
        Assert.Equal("small_Model.Units-12", network.Point);
        Assert.Equal(Path.Combine(output, "small_Model.Units-12", "seed-1"), network.Network.Path);
        Assert.Equal(4 + 1, network.Network.Seed);   // the config's Seed + k, as train --seeds
        Assert.Equal(12, network.Run.Options.Model.Units);
        Assert.Equal(2, network.Run.Seeds);
        var reopened = SweepDirectory.Open(output);
        Assert.Equal(sweep.Networks.Select(n => n.Network), reopened.Networks.Select(n => n.Network));
    }

    [Fact]
    public void TheSameSweepContinuesAndAnotherIsRefusedWithoutTouchingAnything()
    {
        var output = Path.Combine(_files.Folder, "out");
        SweepDirectory.CreateOrContinue(output, Load("[8, 12]"));
        var marker = Path.Combine(output, "small_Model.Units-8", "seed-0", "kept");
        Directory.CreateDirectory(Path.GetDirectoryName(marker)!);
        File.WriteAllText(marker, "x");
        var index = File.ReadAllText(Path.Combine(output, "index.json"));
        var resolved = File.ReadAllText(Path.Combine(output, "sweep.json"));

        SweepDirectory.CreateOrContinue(output, Load("[8, 12]"));
        var otherConfig = Assert.Throws<SweepConflictException>(() => SweepDirectory.CreateOrContinue(output, Load("[8, 12]", 2, "--Training:Steps=99")));
        var other = Assert.Throws<SweepConflictException>(() => SweepDirectory.CreateOrContinue(output, Load("[8, 16]")));
        var moreSeeds = Assert.Throws<SweepConflictException>(() => SweepDirectory.CreateOrContinue(output, Load("[8, 12]", seeds: 3)));

        Assert.StartsWith($"{output} holds another sweep (2 point(s) × 2 seed(s): small_Model.Units-8, small_Model.Units-12), not this one", other.Message);
        Assert.StartsWith($"{output} holds another sweep (2 point(s) × 2 seed(s)", moreSeeds.Message);
        Assert.Equal(output, moreSeeds.Path);
        Assert.Equal($"{Path.Combine(output, "small_Model.Units-8")}: its config.json differs from what the sweep resolves for point small_Model.Units-8", otherConfig.Message);
        Assert.Equal(Path.Combine(output, "small_Model.Units-8"), otherConfig.Path);
        Assert.Equal(resolved, File.ReadAllText(Path.Combine(output, "sweep.json")));   // a refused sweep wrote nothing
        Assert.True(File.Exists(marker));
        Assert.Equal(index, File.ReadAllText(Path.Combine(output, "index.json")));
        Assert.False(Directory.Exists(Path.Combine(output, "small_Model.Units-16")));
    }

    [Fact]
    public void AFolderThatIsNotASweepIsNotUsed()
    {
        var output = Path.Combine(_files.Folder, "busy");
        Directory.CreateDirectory(output);
        File.WriteAllText(Path.Combine(output, "notes.txt"), "mine");

        var e = Assert.Throws<SweepConflictException>(() => SweepDirectory.CreateOrContinue(output, Load("[8]")));

        Assert.Equal($"{output} exists and is not a sweep directory (it has no index.json)", e.Message);
        Assert.Equal(["notes.txt"], Directory.GetFileSystemEntries(output).Select(Path.GetFileName));
    }

    [Fact]
    public void AnIndexNamingADirectoryOutsideTheSweepIsRefused()
    {
        var output = Path.Combine(_files.Folder, "out");
        SweepDirectory.CreateOrContinue(output, Load("[8]"));
        var index = Path.Combine(output, "index.json");
        File.WriteAllText(index, File.ReadAllText(index).Replace("\"run\":\"small_Model.Units-8\"", "\"run\":\"..\""));

        var e = Assert.Throws<IOException>(() => SweepDirectory.Open(output));

        Assert.Equal($"{index}: key 'run' of point 'small_Model.Units-8' is '..'; allowed: a directory name inside the sweep (no separators, not . or ..).", e.Message);
    }
}
