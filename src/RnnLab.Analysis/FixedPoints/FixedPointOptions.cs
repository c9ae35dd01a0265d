using RnnLab.Configuration;

namespace RnnLab.Analysis.FixedPoints;

/// <summary>
/// Options of the fixed/slow-point search (numbers start from FixedPointFinder's; q is in the units of
/// F = dr/dt, that is per ms squared, so with tau = 100 ms q = 1e-14 means |tau F| of about 1.4e-5).
/// </summary>
public sealed record FixedPointOptions : IValidatedOptions
{
    /// <summary>Initial states, sampled from the network's own trajectories.</summary>
    [Allowed(Min = 1)] public int InitialStates { get; init; } = 1024;
    /// <summary>Std of the Gaussian noise added to each sampled state.</summary>
    [Allowed(Min = 0)] public double InitialNoiseStd { get; init; } = 0.05;
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
    /// <summary>How q and the Adam steps are computed: fused native kernels for rate RNNs (default), or autograd (the reference, and any other field).</summary>
    public FixedPointKernel Kernel { get; init; } = FixedPointKernel.Fused;
    /// <summary>Refine the points the descent reached with Newton's method on F (<see cref="NewtonRefinement"/>), to |F| at rounding level.</summary>
    public bool Refine { get; init; } = true;
    /// <summary>Clusters of states the descent left above SlowTolerance that Newton's method also starts from, lowest q first.</summary>
    [Allowed(Min = 0)] public int NewtonStarts { get; init; } = 16;
    /// <summary>Newton steps per point at most.</summary>
    [Allowed(Min = 1)] public int NewtonSteps { get; init; } = 50;
    /// <summary>A point has converged when its full Newton step is below this times max(1, |r|_inf).</summary>
    [Allowed(Min = 0, MinExclusive = true, Max = 1e-3)] public double NewtonTolerance { get; init; } = 1e-10;
    /// <summary>Check that each kept point is a strict local minimum of q (Hessian positive definite; see FixedPoint.IsLocalMinimumOfQ).</summary>
    public bool CheckMinimum { get; init; } = true;

    /// <summary>Throws a ConfigurationException naming every option out of range (<see cref="OptionsValidator"/>).</summary>
    public void Validate() => OptionsValidator.Ensure(this, "FixedPoints");

    /// <inheritdoc />
    IEnumerable<(string Key, string Message)> IValidatedOptions.Validate()
    {
        if (SlowTolerance < FixedTolerance)
            yield return (nameof(SlowTolerance), $"= {SlowTolerance.ToString("R", System.Globalization.CultureInfo.InvariantCulture)} is below FixedTolerance; allowed: SlowTolerance >= FixedTolerance.");
    }
}
