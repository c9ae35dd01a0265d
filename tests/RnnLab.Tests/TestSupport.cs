using RnnLab.Experiments;
using RnnLab.Models;
using RnnLab.Tasks;
using RnnLab.Training;

namespace RnnLab.Tests;

/// <summary>Small experiments built in code, and temporary folders.</summary>
internal static class TestSupport
{
    public static ExperimentOptions Experiment(ModelOptions? model = null, TaskOptions? task = null, TrainingOptions? training = null, string kind = "perception", long seed = 3) => new()
    {
        Name = "test",
        Seed = seed,
        TaskKind = kind,
        Model = model ?? new ModelOptions { Units = 16 },
        Task = task ?? new PerceptionTaskOptions { Steps = 30, GraceSteps = 5 },
        Training = training ?? new TrainingOptions { Steps = 20, BatchSize = 8, EvaluateEvery = 5, EvaluationBatchSize = 16, CheckpointEvery = 5 },
    };

    public static string TempDirectory() => Directory.CreateTempSubdirectory("rnnlab-test-").FullName;
}
