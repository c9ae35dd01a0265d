namespace RnnLab.Cli.Tests;

/// <summary>The smallest experiment config the CLI tests train: 8 units on the perception task, a few steps.</summary>
internal static class TinyConfig
{
    /// <summary>Writes dir/tiny.json and returns its path.</summary>
    public static string Write(string dir)
    {
        var path = Path.Combine(dir, "tiny.json");
        File.WriteAllText(path, """
            { "Name": "tiny", "Seed": 2, "Model": { "Units": 8 }, "Task": { "Kind": "perception", "Steps": 20, "GraceSteps": 2 },
              "Training": { "Steps": 3, "BatchSize": 4, "EvaluateEvery": 3, "EvaluationBatchSize": 8, "CheckpointEvery": 3 } }
            """);
        return path;
    }
}
