using RnnLab.Experiments;

namespace RnnLab.Sweeps;

/// <summary>
/// One network of a sweep: Task is its index over the whole sweep (point × Seeds + seed, the Slurm array
/// index that trains it), Run the point's run directory and Network the network's directory in it.
/// </summary>
public sealed record SweepNetwork(int Task, string Point, RunDirectory Run, NetworkDirectory Network)
{
    /// <summary>"point seed-k", for progress and messages.</summary>
    public string Label => $"{Point} seed-{Network.Index}";
}
