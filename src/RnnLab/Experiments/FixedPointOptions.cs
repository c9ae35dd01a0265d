using System.Globalization;
using RnnLab.Configuration;

namespace RnnLab.Experiments;

/// <summary>Where the fixed-point search starts.</summary>
public enum FixedPointStarts
{
    /// <summary>States sampled from the network's own noise-free task trajectories, plus Gaussian noise of InitialNoiseStd.</summary>
    Trajectories,
    /// <summary>Uniform in the box Box = [low, high] on every unit (default: the range the trajectories' rates span).</summary>
    Box,
    /// <summary>Every row of the [K, N] array in StartsFile (.npy, or .safetensors holding one tensor or one named "states").</summary>
    File,
}

/// <summary>How the fixed-point search computes q and moves the states: fused (native) or through autograd.</summary>
public enum FixedPointKernel
{
    /// <summary>For rate RNNs: each iteration (q, its gradient, Adam) in one native call over cache-sized tiles of states (other fields fall back to autograd).</summary>
    Fused,
    /// <summary>Autograd through any vector field, with Adam on the states as torch.optim.Adam takes it (the reference).</summary>
    Autograd,
}

/// <summary>
/// Options of the fixed/slow-point search, the config's FixedPoints section (read by `analyze`; numbers
/// start from FixedPointFinder's). q is in the units of F = dr/dt, per ms squared: with tau = 100 ms,
/// q = 1e-14 means |tau F| of about 1.4e-5. With Refine off, set TolQ to FixedTolerance: the descent
/// alone must then reach it.
/// </summary>
public sealed record FixedPointOptions : IValidatedOptions
{
    /// <summary>Where the search starts: trajectories, box or file.</summary>
    public FixedPointStarts Starts { get; init; } = FixedPointStarts.Trajectories;
    /// <summary>Initial states per condition (trajectories and box; a file gives its own).</summary>
    [Allowed(Min = 1)] public int InitialStates { get; init; } = 1024;
    /// <summary>Std of the Gaussian noise added to each state sampled from the trajectories.</summary>
    [Allowed(Min = 0)] public double InitialNoiseStd { get; init; } = 0.05;
    /// <summary>[low, high] of the box (Starts = box); empty: the range of the trajectories' rates.</summary>
    public double[] Box { get; init; } = [];
    /// <summary>The initial states' file (Starts = file): a .npy or .safetensors array [K, units], the same for every condition.</summary>
    public string StartsFile { get; init; } = "";
    /// <summary>Adam's initial learning rate on the states.</summary>
    [Allowed(Min = 0, MinExclusive = true)] public double LearningRate { get; init; } = 0.05;
    /// <summary>Learning rate factor after a step that made mean q worse.</summary>
    [Allowed(Min = 0, MinExclusive = true, Max = 1)] public double LearningRateDecrease { get; init; } = 0.95;
    /// <summary>Learning rate factor after IncreaseAfter better steps in a row.</summary>
    [Allowed(Min = 1)] public double LearningRateIncrease { get; init; } = 1 / 0.95;
    /// <summary>Better steps in a row before the learning rate grows.</summary>
    [Allowed(Min = 1)] public int IncreaseAfter { get; init; } = 5;
    /// <summary>Adam steps per state at most.</summary>
    [Allowed(Min = 1)] public int MaxIterations { get; init; } = 5000;
    /// <summary>A state whose q is below this has converged and leaves the descent.</summary>
    public double TolQ { get; init; } = 1e-10;
    /// <summary>A state whose q changed by less than this in a step has stalled and leaves the descent.</summary>
    public double TolDq { get; init; } = 1e-24;
    /// <summary>Steps over which a state's q must fall to StallRatio of its value at the window's start, or it has stalled and leaves the descent.</summary>
    [Allowed(Min = 1)] public int StallWindow { get; init; } = 50;
    /// <summary>The fall a stall window asks for (see StallWindow); 1 turns the rule off.</summary>
    [Allowed(Min = 0, MinExclusive = true, Max = 1)] public double StallRatio { get; init; } = 0.5;
    /// <summary>q below this: a fixed point.</summary>
    [Allowed(Min = 0, MinExclusive = true)] public double FixedTolerance { get; init; } = 1e-14;
    /// <summary>q below this (and above FixedTolerance): a slow point. Anything slower is dropped.</summary>
    public double SlowTolerance { get; init; } = 1e-8;
    /// <summary>Points closer than this (L2) are one point; the one with the lowest q is kept.</summary>
    [Allowed(Min = 0)] public double UniqueDistance { get; init; } = 1e-3;
    /// <summary>Points farther from the initial states' centroid than this many times their mean distance are dropped.</summary>
    [Allowed(Min = 0, MinExclusive = true)] public double OutlierFactor { get; init; } = 10;
    /// <summary>How q and the Adam steps are computed: fused (native kernels for rate RNNs) or autograd (the reference, and any other field).</summary>
    public FixedPointKernel Kernel { get; init; } = FixedPointKernel.Fused;
    /// <summary>Refine the points the descent reached with Newton's method: fixed points to |F| at rounding level, slow points to the minimum of q.</summary>
    public bool Refine { get; init; } = true;
    /// <summary>Clusters of states the descent left above SlowTolerance that Newton's method also starts from, lowest q first.</summary>
    [Allowed(Min = 0)] public int NewtonStarts { get; init; } = 16;
    /// <summary>Euler steps of the network's own flow that those NewtonStarts clusters Newton could not finish take before Newton tries them again (0: none).</summary>
    [Allowed(Min = 0)] public int FlowSteps { get; init; } = 500;
    /// <summary>Newton steps per point at most.</summary>
    [Allowed(Min = 1)] public int NewtonSteps { get; init; } = 50;
    /// <summary>A point has converged when its full Newton step is below this times max(1, |r|_inf).</summary>
    [Allowed(Min = 0, MinExclusive = true, Max = 1e-3)] public double NewtonTolerance { get; init; } = 1e-10;
    /// <summary>Check that each kept point is a strict local minimum of q: its Hessian positive definite, every eigenvalue above 1e-10 times the largest.</summary>
    public bool CheckMinimum { get; init; } = true;

    /// <summary>Throws a ConfigurationException naming every option out of range (<see cref="OptionsValidator"/>).</summary>
    public void Validate() => OptionsValidator.Ensure(this, "FixedPoints");

    /// <inheritdoc />
    IEnumerable<(string Key, string Message)> IValidatedOptions.Validate()
    {
        static string R(double v) => v.ToString("R", CultureInfo.InvariantCulture);
        if (SlowTolerance < FixedTolerance)
            yield return (nameof(SlowTolerance), $"= {R(SlowTolerance)} is below FixedTolerance; allowed: SlowTolerance >= FixedTolerance.");
        if (Box.Length > 0 && !(Box.Length == 2 && Box[0] < Box[1] && Box.All(double.IsFinite)))
            yield return (nameof(Box), $"= [{string.Join(", ", Box.Select(R))}] is not a box; allowed: two finite values, low < high, or none for the trajectories' range.");
        if (Box.Length > 0 && Starts != FixedPointStarts.Box)
            yield return (nameof(Box), $"is set but Starts is {Name(Starts)}; allowed: Box only with Starts = box.");
        if (Starts == FixedPointStarts.File && StartsFile.Length == 0)
            yield return (nameof(StartsFile), "is missing; allowed: the path of a .npy or .safetensors file of initial states [K, units] when Starts = file.");
        if (StartsFile.Length > 0 && Starts != FixedPointStarts.File)
            yield return (nameof(StartsFile), $"is set but Starts is {Name(Starts)}; allowed: StartsFile only with Starts = file.");
        if (StartsFile.Length > 0 && !(StartsFile.EndsWith(".npy", StringComparison.OrdinalIgnoreCase) || StartsFile.EndsWith(".safetensors", StringComparison.OrdinalIgnoreCase)))
            yield return (nameof(StartsFile), $"= \"{StartsFile}\" is neither .npy nor .safetensors; allowed: a .npy or .safetensors file.");
        else if (StartsFile.Length > 0 && !System.IO.File.Exists(StartsFile))
            yield return (nameof(StartsFile), $"= \"{StartsFile}\": no such file; allowed: an existing .npy or .safetensors file.");
    }

    private static string Name(FixedPointStarts starts) => starts.ToString().ToLowerInvariant();
}
