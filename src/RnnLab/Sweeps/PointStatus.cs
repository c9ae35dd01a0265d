namespace RnnLab.Sweeps;

/// <summary>
/// One point of a sweep now: its networks by state, the mean of their last evaluation (loss and accuracy,
/// over the networks that have evaluated; null before any has) and the Slurm states of its array tasks
/// (empty when Slurm did not run it or no longer remembers it).
/// </summary>
public sealed record PointStatus(string Point, int Done, int Running, int Waiting, int Failed, double? EvalLoss, double? Accuracy,
    IReadOnlyDictionary<string, int> SlurmStates);
