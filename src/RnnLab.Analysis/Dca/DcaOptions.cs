using RnnLab.Configuration;

namespace RnnLab.Analysis.Dca;

/// <summary>
/// Options of Dynamical Components Analysis (Clark et al. 2019): the projection's dimension d, the
/// half-window T (in time steps: past and future each span T steps), and the optimizer's budget.
/// </summary>
public sealed record DcaOptions
{
    /// <summary>Dimension d of the projection.</summary>
    [Allowed(Min = 1)] public int Dimensions { get; init; } = 3;
    /// <summary>Half-window T in time steps; the lagged covariances C_0 .. C_{2T-1} are used.</summary>
    [Allowed(Min = 1)] public int Window { get; init; } = 5;
    /// <summary>Gradient-ascent iterations per start (at most; a start stops earlier once its gradient vanishes).</summary>
    [Allowed(Min = 0)] public int Iterations { get; init; } = 300;
    /// <summary>Starts: the first from the most autocorrelated directions, the others random orthonormal.</summary>
    [Allowed(Min = 1)] public int Restarts { get; init; } = 5;
    /// <summary>A start stops when the norm of PI's gradient along the orthonormal frames falls below this.</summary>
    [Allowed(Min = 0)] public double Tolerance { get; init; } = 1e-6;

    /// <summary>
    /// White observation noise added to the data, as a fraction of its mean variance per unit: it bounds
    /// PI along directions with almost no variance, where the problem is otherwise ill-posed. 0 disables it.
    /// </summary>
    [Allowed(Min = 0)] public double NoiseFloor { get; init; } = 1e-2;

    /// <summary>Throws a ConfigurationException naming every option out of range (<see cref="OptionsValidator"/>).</summary>
    public void Validate() => OptionsValidator.Ensure(this, "Dca");
}
