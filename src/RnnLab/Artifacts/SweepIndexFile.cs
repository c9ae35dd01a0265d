namespace RnnLab.Artifacts;

/// <summary>
/// index.json of a sweep directory: the points, in order, and the networks per point. Network k of point
/// p is task p × Seeds + k, the Slurm array index that trains it. Sweep is the sweep file as given.
/// </summary>
public sealed record SweepIndexFile(string Sweep, int Seeds, IReadOnlyList<SweepIndexPoint> Points, int SchemaVersion = SweepIndexFile.CurrentSchema)
{
    /// <summary>The version of this file's layout that this RnnLab writes and reads.</summary>
    public const int CurrentSchema = 1;
}

/// <summary>A point: its run directory (relative to the sweep directory), its grid values and its base config.</summary>
public sealed record SweepIndexPoint(string Name, string Run, IReadOnlyDictionary<string, string> Values, string Config);
