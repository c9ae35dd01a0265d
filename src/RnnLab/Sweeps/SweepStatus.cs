using RnnLab.Experiments;
using RnnLab.Slurm;

namespace RnnLab.Sweeps;

/// <summary>
/// Where a sweep stands, read from its files, the networks' locks (tried and let go at once, which never
/// refuses a writer; see <see cref="NetworkLock.IsHeld"/>) and, when Slurm ran it, the states of its array tasks.
/// </summary>
public static class SweepStatus
{
    /// <summary>The state of one network; slurmState is its array task's state, when Slurm knows one.</summary>
    public static NetworkState Of(NetworkDirectory network, string? slurmState)
    {
        if (network.Finished) return NetworkState.Done;
        // A process holding the network's lock trains it, whatever an earlier task left behind (a task refused
        // because this one holds the lock ends FAILED in Slurm's eyes).
        if (slurmState is not null && SlurmStates.IsRunning(slurmState) || NetworkLock.IsHeld(network.Path)) return NetworkState.Running;
        if (slurmState is not null && SlurmStates.IsWaiting(slurmState)) return NetworkState.Waiting;
        if (slurmState is not null && SlurmStates.IsFailure(slurmState) || File.Exists(network.Failure)) return NetworkState.Failed;
        return NetworkState.Waiting;
    }

    /// <summary>One status per point, in index order; slurmStates maps task index to its Slurm state.</summary>
    public static IReadOnlyList<PointStatus> Of(SweepDirectory sweep, IReadOnlyDictionary<int, string> slurmStates)
    {
        return sweep.Networks.GroupBy(n => n.Point).Select(point =>
        {
            var states = point.Select(n => Of(n.Network, slurmStates.GetValueOrDefault(n.Task))).ToList();
            var last = point.Select(n => n.Network.ReadMetrics().LastOrDefault()).Where(m => m is not null).ToList();
            var slurm = point.Select(n => slurmStates.GetValueOrDefault(n.Task)).OfType<string>()
                .GroupBy(s => s).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count());
            return new PointStatus(point.Key,
                states.Count(s => s == NetworkState.Done), states.Count(s => s == NetworkState.Running),
                states.Count(s => s == NetworkState.Waiting), states.Count(s => s == NetworkState.Failed),
                last.Count > 0 ? last.Average(m => m!.EvalLoss) : null, last.Count > 0 ? last.Average(m => m!.Accuracy) : null, slurm);
        }).ToList();
    }
}
