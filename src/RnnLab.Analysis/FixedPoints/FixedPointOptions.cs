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
    /// <summary>Iteration cap.</summary>
    [Allowed(Min = 1)] public int MaxIterations { get; init; } = 5000;
    /// <summary>Stop when every state's q is below this.</summary>
    public double TolQ { get; init; } = 1e-14;
    /// <summary>Stop when no state's q changed by more than this in an iteration.</summary>
    public double TolDq { get; init; } = 1e-24;
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
    /// <summary>
    /// Minimize the states that ended as slow points again, on their own with a fresh learning rate (the
    /// joint search's rate follows mean q, which states far from any slow point can drive down before the
    /// others reach a fixed point).
    /// </summary>
    public bool RerunSlowPoints { get; init; } = true;
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
