using RnnLab.Configuration;
using RnnLab.Experiments;
using RnnLab.Models;
using RnnLab.Tasks;

namespace RnnLab.Tests.Experiments;

public sealed class ExperimentConfigTests : IDisposable
{
    private readonly string _dir = TestSupport.TempDirectory();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Config(string json)
    {
        var path = Path.Combine(_dir, "exp.json");
        File.WriteAllText(path, json);
        return path;
    }

    private const string Valid = """
        { "Name": "p", "Seed": 4, "Model": { "Units": 32 }, "Task": { "Kind": "perception", "Steps": 50 }, "Training": { "Steps": 10 } }
        """;

    private static readonly Dictionary<string, string> NoEnvironment = new();

    private string[] Errors(string json, string[]? overrides = null, Dictionary<string, string>? environment = null) =>
        Assert.Throws<ConfigurationException>(() => ExperimentConfig.Load(Config(json), overrides, environment ?? NoEnvironment)).Errors.ToArray();

    [Fact]
    public void ValidConfig_BindsWithDefaultsForMissingKeys()
    {
        var o = ExperimentConfig.Load(Config(Valid), [], NoEnvironment);
        Assert.Equal("p", o.Name);
        Assert.Equal(4, o.Seed);
        Assert.Equal(32, o.Model.Units);
        Assert.Equal(100, o.Model.Tau);
        Assert.Equal(["W_rec"], o.Model.Train);
        Assert.Equal(50, Assert.IsType<PerceptionTaskOptions>(o.Task).Steps);
        Assert.Equal(0.5, ((PerceptionTaskOptions)o.Task).SwitchProbability);
        Assert.Equal(10, o.Training.Steps);
        Assert.Equal(1e-3, o.Training.LearningRate);
    }

    [Fact]
    public void CommandLineAndEnvironment_OverrideTheFile_CommandLineLast()
    {
        var env = new Dictionary<string, string> { ["RNNLAB_Model__Units"] = "48", ["RNNLAB_Training__BatchSize"] = "7", ["RNNLAB_KERNEL_THREADS"] = "1" };
        var o = ExperimentConfig.Load(Config(Valid), ["--Model:Units=64", "--Model:Activation=leaky_relu", "--Model:LeakyReluAngle=0.5"], env);
        Assert.Equal(64, o.Model.Units);
        Assert.Equal(7, o.Training.BatchSize);
        Assert.Equal(Activation.LeakyRelu, o.Model.Activation);
    }

    [Fact]
    public void UnknownKey_NamesFileKeyAndAllowedKeys()
    {
        var e = Errors(Valid.Replace("\"Units\": 32", "\"Unit\": 32"));
        Assert.Equal([$"{_dir}/exp.json: unknown key Model:Unit; allowed in Model: Units, Tau, Dt, NoiseStd, InputNoiseStd, Activation, LeakyReluAngle, Train, SelfConnections, Connectivity, Density, LayerSizes, Dale, ExcitatoryFraction, Gain, InputStd, BiasStd, OutputGain, OutputBias, InitialState, InitialStateStd, TimeLoop."], e);
    }

    [Fact]
    public void FixedPointsSection_Binds_IsWrittenToConfigJson_AndItsMistakesAreNamed()
    {
        var json = Valid.Replace("\"Training\": { \"Steps\": 10 }", "\"Training\": { \"Steps\": 10 }, \"FixedPoints\": { \"Starts\": \"box\", \"Box\": [0, 2], \"InitialStates\": 64 }");
        var o = ExperimentConfig.Load(Config(json), ["--FixedPoints:MaxIterations=300"], NoEnvironment);
        Assert.Equal(FixedPointStarts.Box, o.FixedPoints.Starts);
        Assert.Equal([0.0, 2.0], o.FixedPoints.Box);
        Assert.Equal(64, o.FixedPoints.InitialStates);
        Assert.Equal(300, o.FixedPoints.MaxIterations);
        // config.json holds the section, and reads back as the same options.
        var again = ExperimentConfig.Load(Config(ExperimentConfig.ToJson(o)), [], NoEnvironment);
        Assert.Equal(ExperimentConfig.ToJson(o), ExperimentConfig.ToJson(again));
        Assert.Equal([0.0, 2.0], again.FixedPoints.Box);

        Assert.Equal([$"{_dir}/exp.json: FixedPoints:Box is set but Starts is trajectories; allowed: Box only with Starts = box."],
            Errors(json.Replace("\"Starts\": \"box\", ", "")));
        Assert.Equal([$"{_dir}/exp.json: FixedPoints:Box = [2, 0] is not a box; allowed: two finite values, low < high, or none for the trajectories' range."],
            Errors(json.Replace("[0, 2]", "[2, 0]")));
        Assert.Equal(["command line: FixedPoints:StartsFile = \"states.csv\" is neither .npy nor .safetensors; allowed: a .npy or .safetensors file."],
            Errors(Valid, ["--FixedPoints:Starts=file", "--FixedPoints:StartsFile=states.csv"]));
        Assert.Equal(["command line: FixedPoints:StallRatio = 0 is out of range; allowed: a number greater than 0 and at most 1."],
            Errors(Valid, ["--FixedPoints:StallRatio=0"]));
    }

    [Fact]
    public void WrongType_NamesTheValueAndWhatIsAllowed()
    {
        Assert.Equal([$"{_dir}/exp.json: Model:Units = \"many\" is not an integer; allowed: an integer from 1 to 100000."],
            Errors(Valid.Replace("\"Units\": 32", "\"Units\": \"many\"")));
        Assert.Equal([$"{_dir}/exp.json: Model:SelfConnections = \"sometimes\" is not true or false; allowed: true or false."],
            Errors(Valid.Replace("\"Units\": 32", "\"Units\": 32, \"SelfConnections\": \"sometimes\"")));
    }

    [Fact]
    public void OutOfRange_NamesTheRange()
    {
        Assert.Equal([$"{_dir}/exp.json: Model:Units = 0 is out of range; allowed: an integer from 1 to 100000."],
            Errors(Valid.Replace("\"Units\": 32", "\"Units\": 0")));
        Assert.Equal([$"{_dir}/exp.json: Training:LearningRate = -0.1 is out of range; allowed: a number greater than 0 and at most 1."],
            Errors(Valid.Replace("\"Steps\": 10", "\"Steps\": 10, \"LearningRate\": -0.1")));
    }

    [Fact]
    public void UnknownEnumValue_ListsTheAllowedValues()
    {
        Assert.Equal(["command line: Model:Activation = \"sigmoid\" is not one of relu, tanh, leaky_relu, softplus, linear; allowed: one of relu, tanh, leaky_relu, softplus, linear."],
            Errors(Valid, ["--Model:Activation=sigmoid"]));
    }

    [Fact]
    public void AlphaAboveOne_IsRejected_NamingTheSource()
    {
        Assert.Equal(["command line: Model:Dt = 200 with Tau = 100 gives alpha = Dt/Tau = 2; allowed: alpha in (0, 1], that is 0 < Dt <= Tau."],
            Errors(Valid, ["--Model:Dt=200"]));
    }

    [Fact]
    public void UnknownTaskKind_ListsTheTasks()
    {
        Assert.Equal([$"{_dir}/exp.json: Task:Kind = \"juggling\" is not a known task; allowed: perception, decision, flipflop, integrator, sine_frequency, sine_compare, sine_generate, distance, farther."],
            Errors(Valid.Replace("\"perception\"", "\"juggling\"")));
    }

    [Fact]
    public void TaskSpecificKeys_AreCheckedAgainstTheChosenTask()
    {
        Assert.Equal([$"{_dir}/exp.json: unknown key Task:Channels; allowed in Task: Kind, Steps, StimulusNoise, GraceSteps, LowLevel, HighLevel, SwitchProbability."],
            Errors(Valid.Replace("\"Steps\": 50", "\"Steps\": 50, \"Channels\": 3")));
    }

    [Fact]
    public void EnvironmentValue_IsAttributedToTheEnvironment()
    {
        Assert.Equal(["environment: Training:BatchSize = \"big\" is not an integer; allowed: an integer from 1 to 65536."],
            Errors(Valid, environment: new() { ["RNNLAB_Training__BatchSize"] = "big" }));
    }

    [Fact]
    public void SeveralProblems_AreAllReported()
    {
        var e = Errors(Valid.Replace("\"Units\": 32", "\"Units\": -1, \"Tau\": 0").Replace("\"Name\": \"p\"", "\"Name\": \"a b\""));
        Assert.Equal(3, e.Length);
        Assert.Contains(e, m => m.EndsWith("Name = \"a b\" is not a valid run name; allowed: letters, digits, '.', '_' and '-'.", StringComparison.Ordinal));
    }

    [Fact]
    public void InconsistentKeys_AreRejected()
    {
        Assert.Equal([$"{_dir}/exp.json: Model:Train includes b_out but OutputBias is false; allowed: b_out only with OutputBias = true."],
            Errors(Valid.Replace("\"Units\": 32", "\"Units\": 32, \"Train\": [\"W_rec\", \"b_out\"]")));
        Assert.Equal([$"{_dir}/exp.json: Model:LayerSizes = [2, 2] adds up to 4; allowed: layer sizes that add up to Units = 32."],
            Errors(Valid.Replace("\"Units\": 32", "\"Units\": 32, \"Connectivity\": \"feed_forward\", \"LayerSizes\": [2, 2]")));
    }

    [Fact]
    public void MalformedJsonAndBadOverrides_AreReported()
    {
        var e = Errors("{ \"Name\": ");
        Assert.Single(e);
        Assert.StartsWith($"{Path.Combine(_dir, "exp.json")}: is not valid JSON", e[0]);
        Assert.Equal(["command line: '--units' is not an override; allowed: --Section:Key=value, for example --Model:Units=64."],
            Errors(Valid, ["--units"]));
    }

    [Fact]
    public void ResolvedConfig_RoundTripsThroughConfigJson()
    {
        var o = ExperimentConfig.Load(Config(Valid), ["--Model:Train=W_rec,W_out", "--Model:Activation=tanh"], NoEnvironment);
        var again = ExperimentConfig.Load(Config(ExperimentConfig.ToJson(o)), [], NoEnvironment);
        Assert.Equal(ExperimentConfig.ToJson(o), ExperimentConfig.ToJson(again));
        Assert.Equal(["W_rec", "W_out"], again.Model.Train);
    }

    [Fact]
    public void ShippedConfigs_AllLoad()
    {
        var root = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../experiments"));
        var configs = Directory.GetFiles(root, "*.json");
        Assert.True(configs.Length >= 9, $"expected one config per task in {root}");
        foreach (var path in configs)
        {
            var o = ExperimentConfig.Load(path, [], NoEnvironment);
            Assert.Equal(Path.GetFileNameWithoutExtension(path), o.Name);
        }
    }
}
