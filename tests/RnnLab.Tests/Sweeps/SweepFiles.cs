namespace RnnLab.Tests.Sweeps;

/// <summary>A small config and sweep files beside it, in a temporary folder.</summary>
internal sealed class SweepFiles : IDisposable
{
    public string Folder { get; } = TestSupport.TempDirectory();

    public SweepFiles()
    {
        Directory.CreateDirectory(Path.Combine(Folder, "configs"));
        File.WriteAllText(Path.Combine(Folder, "configs", "small.json"), """
            { "Name": "small", "Seed": 4, "Model": { "Units": 8 }, "Task": { "Kind": "perception", "Steps": 20, "GraceSteps": 5 },
              "Training": { "Steps": 6, "BatchSize": 4, "EvaluateEvery": 3, "EvaluationBatchSize": 4, "CheckpointEvery": 3 } }
            """);
        File.WriteAllText(Path.Combine(Folder, "configs", "other.json"), """
            { "Name": "other", "Seed": 9, "Model": { "Units": 8 }, "Task": { "Kind": "decision", "Steps": 20, "GraceSteps": 5 },
              "Training": { "Steps": 6, "BatchSize": 4, "EvaluateEvery": 3, "EvaluationBatchSize": 4, "CheckpointEvery": 3 } }
            """);
    }

    /// <summary>Writes a sweep file (in a folder of its own, so Config paths are relative to it) and returns its path.</summary>
    public string Sweep(string json, string name = "sweep.json")
    {
        var dir = Path.Combine(Folder, "sweeps");
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, name);
        File.WriteAllText(path, json);
        return path;
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
