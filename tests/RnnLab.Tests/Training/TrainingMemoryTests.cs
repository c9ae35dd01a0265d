using RnnLab.Configuration;
using RnnLab.Experiments;
using RnnLab.Models;
using RnnLab.Tasks;
using RnnLab.Training;

namespace RnnLab.Tests.Training;

public sealed class TrainingMemoryTests
{
    // Perception: 1 input, 1 output; T = 100 steps, B = 64, evaluation batch 256.
    private static ExperimentOptions Perception(int units, string[]? train = null, int evaluationBatch = 256) => TestSupport.Experiment(
        model: new ModelOptions { Units = units, Train = train ?? ["W_rec"] },
        task: new PerceptionTaskOptions { Steps = 100, GraceSteps = 5 },
        training: new TrainingOptions { BatchSize = 64, EvaluationBatchSize = evaluationBatch });

    [Fact]
    public void Of_TrainedRecurrentWeights_CountsEightMatricesAndTheLargerTrajectory()
    {
        var memory = TrainingMemory.Of(Perception(1000));
        // 4 bytes x (8 x 1000^2 + 4 x (1000 x (1 + 1 + 2) + 1)) = 32,064,016
        Assert.Equal(32_064_016, memory.WeightBytes);
        // 4 bytes x max(8 x 100 x 64 x 1000, 4 x 100 x 256 x 1000) = 4 x 102,400,000: the evaluation batch is the larger
        Assert.Equal(409_600_000, memory.TrajectoryBytes);
        Assert.Equal(441_664_016, memory.Bytes);
        Assert.Equal(("Training:EvaluationBatchSize", 256), (memory.Key, memory.Value));
    }

    [Fact]
    public void Of_FrozenRecurrentWeights_CountsFourMatrices()
    {
        var memory = TrainingMemory.Of(Perception(1000, train: ["W_out"]));
        Assert.Equal(4L * (4 * 1000 * 1000 + 4 * (1000 * 4 + 1)), memory.WeightBytes);
    }

    [Fact]
    public void Of_HugeUnits_BlamesUnits_AndRefusalNamesTheSizes()
    {
        var memory = TrainingMemory.Of(Perception(100_000, evaluationBatch: 64));
        Assert.Equal("Model:Units", memory.Key);
        Assert.Null(memory.Refusal(memory.Bytes));
        var (key, message) = memory.Refusal(24L << 30)!.Value;
        Assert.Equal("Model:Units", key);
        Assert.Equal("Model:Units = 100000 needs about 317.1 GB to train a network (298 GB of weights, gradients and Adam's moments for 100000 units, " +
            "19.1 GB of trajectories); this machine has 24 GB; allowed: Units, batch sizes and trial steps whose training fits in memory.", message);
    }

    [Fact]
    public void ExperimentConfigLoad_TrainingMemoryTooSmall_NamesTheKeyWhereItWasSet()
    {
        var dir = TestSupport.TempDirectory();
        try
        {
            var path = Path.Combine(dir, "exp.json");
            File.WriteAllText(path, """{ "Name": "p", "Model": { "Units": 1000 }, "Task": { "Kind": "perception", "Steps": 100 }, "Training": { "BatchSize": 64 } }""");
            var errors = Assert.Throws<ConfigurationException>(() =>
                ExperimentConfig.Load(path, ["--Training:EvaluationBatchSize=256"], new Dictionary<string, string>(), trainingMemory: 400_000_000)).Errors;
            Assert.Equal(["command line: Training:EvaluationBatchSize = 256 needs about 421.2 MB to train a network (30.6 MB of weights, gradients and Adam's moments for 1000 units, " +
                "390.6 MB of trajectories); this machine has 381.5 MB; allowed: Units, batch sizes and trial steps whose training fits in memory."], errors);
            Assert.Equal(1000, ExperimentConfig.Load(path, [], new Dictionary<string, string>(), trainingMemory: 500_000_000).Model.Units);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
