using RnnLab.Artifacts;
using RnnLab.Experiments;
using RnnLab.IO;

namespace RnnLab.Sweeps;

/// <summary>
/// A sweep's output: sweep.json (the resolved sweep, <see cref="SweepDefinition.ToJson"/>), index.json
/// (<see cref="SweepIndexFile"/>), slurm/ (scripts, logs and submitted jobs, when Slurm ran it) and one run
/// directory per point, laid out as `train --seeds K` lays a run (config.json, run.json, seed-k/). Every
/// writer of a network holds that network's lock, so the same sweep can be continued by any number of
/// commands without two of them training one network.
/// </summary>
public sealed class SweepDirectory
{
    private SweepDirectory(string path, SweepIndexFile index, IReadOnlyList<RunDirectory> runs)
    {
        Path = path;
        Index = index;
        Runs = runs;
    }

    /// <summary>The sweep directory.</summary>
    public string Path { get; }

    /// <summary>The points and networks per point.</summary>
    public SweepIndexFile Index { get; }

    /// <summary>The run directory of each point, in index order.</summary>
    public IReadOnlyList<RunDirectory> Runs { get; }

    // The sweep command's lock and its owner note (OutputLock.SweepPath), taken before the directory is created or continued.
    private static readonly string[] LockFiles = [System.IO.Path.GetFileName(OutputLock.SweepPath(".")), System.IO.Path.GetFileName(OutputLock.SweepPath(".")) + ".owner"];

    /// <summary>Names of the sweep's own entries, which no point may take.</summary>
    public static readonly IReadOnlySet<string> ReservedNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "sweep.json", "index.json", "slurm", LockFiles[0], LockFiles[1],
        // A study is a sweep directory with these beside its points.
        "study.json", "steps", "results",
    };

    /// <summary>The resolved sweep file of a sweep directory.</summary>
    public static string ResolvedSweepPath(string sweep) => System.IO.Path.Combine(sweep, "sweep.json");

    /// <summary>The index file of a sweep directory.</summary>
    public static string IndexPath(string sweep) => System.IO.Path.Combine(sweep, "index.json");

    /// <summary>Where Slurm's script, logs and job list go.</summary>
    public string SlurmFolder => System.IO.Path.Combine(Path, "slurm");

    /// <summary>Networks in all.</summary>
    public int Tasks => Index.Points.Count * Index.Seeds;

    /// <summary>Every network, in task order.</summary>
    public IReadOnlyList<SweepNetwork> Networks =>
        Enumerable.Range(0, Tasks).Select(Network).ToList();

    /// <summary>Network task (point task / Seeds, seed task % Seeds).</summary>
    public SweepNetwork Network(int task)
    {
        if (task < 0 || task >= Tasks) throw new ArgumentOutOfRangeException(nameof(task), task, $"a task index of {Path} is 0 to {Tasks - 1}.");
        var run = Runs[task / Index.Seeds];
        return new SweepNetwork(task, Index.Points[task / Index.Seeds].Name, run, run.Networks[task % Index.Seeds]);
    }

    /// <summary>
    /// Creates the sweep directory for a sweep, or continues it when it already holds the same sweep (the
    /// same points, seeds and resolved configs): points not created yet are created, nothing else is
    /// touched. A directory holding anything else is refused in one line, and nothing in it changes.
    /// </summary>
    public static SweepDirectory CreateOrContinue(string path, SweepDefinition sweep)
    {
        var index = new SweepIndexFile(sweep.File, sweep.Seeds, sweep.Points.Select(p => new SweepIndexPoint(p.Name, p.Name,
            p.Values.ToDictionary(v => v.Key, v => v.Value), p.Config)).ToList());
        var indexPath = IndexPath(path);
        if (File.Exists(indexPath))
        {
            var there = ReadIndex(path);
            if (Describe(there) != Describe(index))
                throw new SweepConflictException(path, $"{path} holds another sweep ({Describe(there)}), not this one ({Describe(index)})");
        }
        else if (Directory.Exists(path) && Directory.EnumerateFileSystemEntries(path).Any(e => !LockFiles.Contains(System.IO.Path.GetFileName(e))))
        {
            throw new SweepConflictException(path, $"{path} exists and is not a sweep directory (it has no index.json)");
        }
        // Every point that exists is checked before anything is written, so a refused sweep changes nothing.
        var existing = new Dictionary<string, RunDirectory>();
        foreach (var point in sweep.Points)
        {
            var folder = System.IO.Path.Combine(path, point.Name);
            if (File.Exists(System.IO.Path.Combine(folder, "run.json")))
            {
                var run = RunDirectory.Open(folder);
                if (ExperimentConfig.ToJson(run.Options) != ExperimentConfig.ToJson(point.Options) || run.Seeds != sweep.Seeds)
                    throw new SweepConflictException(folder, $"{folder}: its config.json differs from what the sweep resolves for point {point.Name}");
                existing[point.Name] = run;
            }
            else if (Directory.Exists(folder) && Directory.EnumerateDirectories(folder, "seed-*").Any())
            {
                throw new IOException($"{folder}: has networks but no run.json; move it away to continue the sweep.");
            }
        }

        Directory.CreateDirectory(path);
        if (!File.Exists(indexPath)) ArtifactFile.Write(indexPath, index, ArtifactJson.Default.SweepIndexFile);
        // The resolved sweep follows the latest command (its Slurm settings may change between submissions); the points may not.
        AtomicFile.WriteText(ResolvedSweepPath(path), sweep.ToJson());
        // A point left half-made by an interrupted creation (config.json without run.json, and no network,
        // since none trains before every point exists) is made again from the start.
        var runs = sweep.Points.Select(point => existing.TryGetValue(point.Name, out var run)
            ? run
            : RunDirectory.Create(System.IO.Path.Combine(path, point.Name), point.Options, sweep.Seeds, replace: true)).ToList();
        return new SweepDirectory(path, index, runs);
    }

    /// <summary>Opens a sweep directory (for sweep status and the tasks that train its networks).</summary>
    public static SweepDirectory Open(string path)
    {
        if (!Directory.Exists(path)) throw new IOException($"{path}: no such sweep directory.");
        if (!File.Exists(IndexPath(path))) throw new IOException($"{path}: not a sweep directory (it has no index.json).");
        var index = ReadIndex(path);
        var runs = index.Points.Select(p => RunDirectory.Open(System.IO.Path.Combine(path, CheckedRun(path, p)))).ToList();
        return new SweepDirectory(path, index, runs);
    }

    private static SweepIndexFile ReadIndex(string path) =>
        ArtifactFile.Read(IndexPath(path), ArtifactJson.Default.SweepIndexFile, f => f.SchemaVersion, SweepIndexFile.CurrentSchema);

    // index.json is data: a run directory it names must be one component inside the sweep (DESIGN §7).
    private static string CheckedRun(string path, SweepIndexPoint point)
    {
        if (point.Run.Length == 0 || point.Run is "." or ".." || point.Run.IndexOfAny(['/', '\\']) >= 0)
            throw new IOException($"{IndexPath(path)}: key 'run' of point '{point.Name}' is '{point.Run}'; allowed: a directory name inside the sweep (no separators, not . or ..).");
        return point.Run;
    }

    private static string Describe(SweepIndexFile index) =>
        $"{index.Points.Count} point(s) × {index.Seeds} seed(s): {string.Join(", ", index.Points.Select(p => p.Name))}";
}
