using RnnLab.Configuration;
using RnnLab.Models;
using RnnLab.Sweeps;

namespace RnnLab.Tests.Sweeps;

public sealed class SweepDefinitionTests : IDisposable
{
    private readonly SweepFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static readonly Dictionary<string, string> NoEnvironment = new();

    [Fact]
    public void EveryCombinationOfEveryConfigIsAPointWithItsValuesApplied()
    {
        var path = _files.Sweep("""
            { "Config": ["../configs/small.json", "../configs/other.json"], "Seeds": 3,
              "Set": { "Model:Activation": "leaky_relu" },
              "Grid": { "Model:Units": [8, 12], "Model:LeakyReluAngle": [0, 0.39] } }
            """);

        var sweep = SweepDefinition.Load(path, ["--Training:Steps=9"], NoEnvironment);

        Assert.Equal(8, sweep.Points.Count);
        Assert.Equal(24, sweep.Networks);
        Assert.Equal(Path.Combine(_files.Folder, "configs", "small.json"), sweep.Configs[0]);   // relative to the sweep file
        // Configs in order, then the grid with its first key slowest.
        Assert.Equal(["small_Model.Units-8_Model.LeakyReluAngle-0", "small_Model.Units-8_Model.LeakyReluAngle-0.39",
            "small_Model.Units-12_Model.LeakyReluAngle-0", "small_Model.Units-12_Model.LeakyReluAngle-0.39",
            "other_Model.Units-8_Model.LeakyReluAngle-0", "other_Model.Units-8_Model.LeakyReluAngle-0.39",
            "other_Model.Units-12_Model.LeakyReluAngle-0", "other_Model.Units-12_Model.LeakyReluAngle-0.39"], sweep.Points.Select(p => p.Name));
        var point = sweep.Points[3];
        Assert.Equal(12, point.Options.Model.Units);
        Assert.Equal(0.39, point.Options.Model.LeakyReluAngle);
        Assert.Equal(Activation.LeakyRelu, point.Options.Model.Activation);   // Set
        Assert.Equal(9, point.Options.Training.Steps);                        // the command line's override
        Assert.Equal("decision", sweep.Points[4].Options.TaskKind);
        Assert.Equal(1, SweepDefinition.Load(_files.Sweep("""{ "Config": "../configs/small.json" }""", "one.json"), null, NoEnvironment).Networks);
    }

    [Fact]
    public void ABadValueNamesThePointTheKeyAndTheRuleAndNothingLoads()
    {
        var path = _files.Sweep("""{ "Config": "../configs/small.json", "Grid": { "Model:Units": [8, 0], "Model:Nonsense": [1] } }""");

        var e = Assert.Throws<ConfigurationException>(() => SweepDefinition.Load(path, null, NoEnvironment));

        Assert.Equal([
            $"{path}: every point: {path} Grid: unknown key Model:Nonsense; allowed in Model: {string.Join(", ", OptionsBinder.Settable(typeof(ModelOptions)).Select(p => p.Name))}.",
            $"{path}: point small_Model.Units-0_Model.Nonsense-1: {path} Grid: Model:Units = 0 is out of range; allowed: an integer from 1 to 100000.",
        ], e.Errors.OrderBy(x => x.Contains("Units = 0")));
    }

    [Theory]
    [InlineData("""{ "Config": "../configs/none.json" }""", "Config \"../configs/none.json\" (resolved: ")]
    [InlineData("""{ "Config": "../configs/small.json", "Seeds": 0 }""", "Seeds = 0 is out of range; allowed: an integer from 1 to 10000")]
    [InlineData("""{ "Config": "../configs/small.json", "Grid": { "Units": [8] } }""", "Grid:Units is not a config key; allowed: Section:Key")]
    [InlineData("""{ "Config": "../configs/small.json", "Grid": { "Model:Units": [] } }""", "Grid:Model:Units is empty; allowed: { \"Section:Key\": [value, ...], ... }, each list non-empty.")]
    [InlineData("""{ "Config": "../configs/small.json", "Grid": { "Model:Units": 8 } }""", "Grid:Model:Units = \"8\" is not a list; allowed: { \"Section:Key\": [value, ...], ... }")]
    [InlineData("""{ "Config": "../configs/small.json", "Grid": { "Model:Units": [8, [9]] } }""", "Grid:Model:Units is not a list of single values; allowed:")]
    [InlineData("""{ "Config": "../configs/small.json", "Grid": [8] }""", "Grid is a list, not a section; allowed: { \"Section:Key\": [value, ...], ... }")]
    [InlineData("""{ "Config": "../configs/small.json", "Set": { "Model:Units": [8] } }""", "Set:Model:Units is a list, not a single value; allowed: { \"Section:Key\": value, ... }")]
    [InlineData("""{ "Config": "../configs/small.json", "Set": { "Units": 8 } }""", "Set:Units is not a config key; allowed: Section:Key")]
    [InlineData("""{ "Config": { "Path": "../configs/small.json" } }""", "Config is not a list of single values; allowed: a list of a string values.")]
    [InlineData("""{ "Config": [] }""", "Config is empty; allowed: a config file path, or a non-empty list of them")]
    [InlineData("""{ "Seeds": 2 }""", "Config is missing; allowed: a config file path, or a non-empty list of them")]
    [InlineData("""{ "Config": "../configs/small.json", "Seeds": "many" }""", "Seeds = \"many\" is not an integer; allowed: an integer from 1 to 10000.")]
    [InlineData("""{ "Config": "../configs/small.json", "Overrides": ["Model:Units=9"] }""", "Overrides has 'Model:Units=9', which is not an override; allowed: --Section:Key=value")]
    [InlineData("""{ "Config": "../configs/small.json", "Grid": { "Model:Units": [8], "model:units": [9] } }""", "is not valid JSON: A duplicate key 'Grid:model:units:0' was found.")]
    [InlineData("""{ "Config": "../configs/small.json", "Grid": { "Model:Units": [8, 8] } }""", "Grid:Model:Units lists a value twice.")]
    [InlineData("""{ "Config": "../configs/small.json", "Grid": { "Model:Units": [8] }, "Overrides": ["--Model:Units=9"] }""", "sets Model:Units, which the Grid varies")]
    [InlineData("""{ "Config": "../configs/small.json", "Slurm": { "Partition": "main; rm -rf ~" } }""", "Slurm:Partition = \"main; rm -rf ~\" is not a Slurm name")]
    [InlineData("""{ "Config": "../configs/small.json", "Slurm": { "TimeLimit": "2 hours" } }""", "Slurm:TimeLimit = \"2 hours\" is not a Slurm time")]
    [InlineData("""{ "Config": "../configs/small.json", "Slurm": { "CpusPerTask": 0 } }""", "Slurm:CpusPerTask = 0 is out of range")]
    [InlineData("""{ "Config": "../configs/small.json", "Sweeps": 3 }""", "unknown key Sweeps; allowed at the top level: Config, Seeds, Grid, Set, Overrides, Slurm.")]
    [InlineData("""{ "Config": "../configs/small.json", """, "is not valid JSON")]
    [InlineData("""[ "../configs/small.json" ]""", "is not valid JSON: Top-level JSON element must be an object")]
    public void EachMistakeInTheSweepFileIsOneLineNamingIt(string json, string expected)
    {
        var path = _files.Sweep(json);

        var e = Assert.Throws<ConfigurationException>(() => SweepDefinition.Load(path, null, NoEnvironment));

        var line = Assert.Single(e.Errors);
        Assert.StartsWith($"{path}: ", line);
        Assert.Contains(expected, line);
    }

    [Fact]
    public void Load_GridBeyondMaxNetworks_IsOneLineWithItsSize_BeforeAnyPointIsExpanded()
    {
        var values = string.Join(", ", Enumerable.Range(1, 1000));
        var path = _files.Sweep($$"""{ "Config": "../configs/small.json", "Seeds": 3, "Grid": { "Model:Units": [{{values}}], "Training:Steps": [{{values}}] } }""");

        var e = Assert.Throws<ConfigurationException>(() => SweepDefinition.Load(path, null, NoEnvironment));

        Assert.Equal([$"{path}: Config, Grid and Seeds make 1 config x 1000 Model:Units values x 1000 Training:Steps values x 3 seeds = 3000000 networks; allowed: at most 10000 networks in one sweep."], e.Errors);
    }

    [Fact]
    public void Load_GridOfExactlyMaxNetworks_Loads()
    {
        var path = _files.Sweep($$"""{ "Config": "../configs/small.json", "Seeds": 100, "Grid": { "Training:Steps": [{{string.Join(", ", Enumerable.Range(1, 100))}}] } }""");
        Assert.Equal(SweepDefinition.MaxNetworks, SweepDefinition.Load(path, null, NoEnvironment).Networks);
    }

    [Fact]
    public void TheEnvironmentMayNotSetAGridKeyAndWhatItSetsIsRecordedInTheResolvedSweep()
    {
        var path = _files.Sweep("""{ "Config": "../configs/small.json", "Grid": { "Model:Units": [8, 12] } }""");

        var e = Assert.Throws<ConfigurationException>(() => SweepDefinition.Load(path, null, new Dictionary<string, string> { ["RNNLAB_Model__Units"] = "64" }));
        var sweep = SweepDefinition.Load(path, null, new Dictionary<string, string> { ["RNNLAB_Model__Tau"] = "50", ["RNNLAB_KERNEL_THREADS"] = "1" });

        Assert.Equal($"{path}: the environment variable RNNLAB_Model__Units sets Model:Units, which the Grid varies; allowed: variables for keys outside the Grid.", Assert.Single(e.Errors));
        Assert.Equal(["--Model:Tau=50"], sweep.Overrides);   // a process setting is not a config key
        Assert.All(sweep.Points, p => Assert.Equal(50, p.Options.Model.Tau));
    }

    [Fact]
    public void APointMayNotTakeTheNameOfTheSweepsOwnEntries()
    {
        File.WriteAllText(Path.Combine(_files.Folder, "configs", "slurm.json"), File.ReadAllText(Path.Combine(_files.Folder, "configs", "small.json")).Replace("\"small\"", "\"slurm\""));
        var path = _files.Sweep("""{ "Config": "../configs/slurm.json" }""");

        var e = Assert.Throws<ConfigurationException>(() => SweepDefinition.Load(path, null, NoEnvironment));

        Assert.Contains("its directory name slurm is one of the sweep's own entries", Assert.Single(e.Errors));
    }

    [Fact]
    public void TwoConfigsWithOneNameAreRefusedBecauseTheirPointsWouldShareADirectory()
    {
        File.WriteAllText(Path.Combine(_files.Folder, "configs", "twin.json"), File.ReadAllText(Path.Combine(_files.Folder, "configs", "small.json")));
        var path = _files.Sweep("""{ "Config": ["../configs/small.json", "../configs/twin.json"] }""");

        var e = Assert.Throws<ConfigurationException>(() => SweepDefinition.Load(path, null, NoEnvironment));

        Assert.Contains("its directory name small is also the name of another point", Assert.Single(e.Errors));
    }

    [Fact]
    public void TheResolvedSweepLoadsAsTheSameSweep()
    {
        var path = _files.Sweep("""
            { "Config": "../configs/small.json", "Seeds": 2, "Set": { "Training:Steps": 4 }, "Grid": { "Model:Units": [8, 12] },
              "Slurm": { "Partition": "main", "TimeLimit": "01:00:00", "MemoryMB": 500 } }
            """);
        var sweep = SweepDefinition.Load(path, ["--Model:Tau=50"], NoEnvironment);
        var resolved = Path.Combine(_files.Folder, "resolved.json");
        File.WriteAllText(resolved, sweep.ToJson());

        var again = SweepDefinition.Load(resolved, null, NoEnvironment);

        Assert.Equal(sweep.ToJson(), again.ToJson());
        Assert.Equal(sweep.Points.Select(p => RnnLab.Experiments.ExperimentConfig.ToJson(p.Options)), again.Points.Select(p => RnnLab.Experiments.ExperimentConfig.ToJson(p.Options)));
        Assert.Equal(50, again.Points[0].Options.Model.Tau);
        Assert.Equal("main", again.Slurm.Partition);
        Assert.Equal(500, again.Slurm.MemoryMB);
    }

    [Fact]
    public void AGridKeyNestedAsSectionsIsTheSameKey_AndBooleansKeepTheirJsonSpelling()
    {
        var flat = SweepDefinition.Load(_files.Sweep("""{ "Config": "../configs/small.json", "Grid": { "Model:Units": [8, 12], "Model:Dale": [true, false] } }"""), null, NoEnvironment);
        var nested = SweepDefinition.Load(_files.Sweep("""{ "Config": "../configs/small.json", "Grid": { "Model": { "Units": [8, 12], "Dale": [true, false] } } }""", "nested.json"), null, NoEnvironment);

        Assert.Equal(["small_Model.Units-8_Model.Dale-true", "small_Model.Units-8_Model.Dale-false", "small_Model.Units-12_Model.Dale-true", "small_Model.Units-12_Model.Dale-false"],
            flat.Points.Select(p => p.Name));
        Assert.Equal(flat.Points.Select(p => p.Name), nested.Points.Select(p => p.Name));
        Assert.True(flat.Points[0].Options.Model.Dale);
        Assert.Contains("\"Model:Dale\": [\n      true,\n      false\n    ]", flat.ToJson().Replace("\r\n", "\n"));
    }

    [Fact]
    public void TheShippedSweepLoads()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "RnnLab.sln"))) root = root.Parent!;
        var path = Path.Combine(root.FullName, "experiments", "sweeps", "seed002.json");

        var sweep = SweepDefinition.Load(path, null, NoEnvironment);

        Assert.Equal([Path.Combine(root.FullName, "experiments", "perception.json"), Path.Combine(root.FullName, "experiments", "decision.json")], sweep.Configs);
        Assert.Equal(60, sweep.Networks);
        Assert.Equal(["Model:LeakyReluAngle"], sweep.Grid.Select(a => a.Key));
        Assert.Equal(["0", "0.39", "0.785"], sweep.Grid[0].Values);
        Assert.All(sweep.Points, p => Assert.Equal(Activation.LeakyRelu, p.Options.Model.Activation));
        Assert.Equal(0.785, sweep.Points[2].Options.Model.LeakyReluAngle);
        Assert.Equal(("", "02:00:00", 1, 2000), (sweep.Slurm.Partition, sweep.Slurm.TimeLimit, sweep.Slurm.CpusPerTask, sweep.Slurm.MemoryMB));
        Assert.Contains("\"Model:LeakyReluAngle\": [\n      0,\n      0.39,\n      0.785\n    ]", sweep.ToJson().Replace("\r\n", "\n"));
    }
}
