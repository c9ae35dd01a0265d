using RnnLab.Configuration;

namespace RnnLab.Analysis.Dca;

/// <summary>
/// Options of Dynamical Components Analysis (Clark et al. 2019): the projection's dimension d, the
/// half-window T (in time steps: past and future each span T steps), and the optimizer's budget and
/// tolerance (L-BFGS from random orthonormal starts, as DCA's reference implementation fits it).
/// </summary>
public sealed record DcaOptions
{
    /// <summary>
    /// How PI is estimated from trials: windows (the covariance of every 2T-step window as it is; valid for
    /// trials that are not stationary, such as task trials starting at rest) or toeplitz (the reference
    /// implementation's, which assumes stationarity). docs/dca.md says why windows is the default.
    /// </summary>
    public DcaEstimator Estimator { get; init; } = DcaEstimator.Windows;
    /// <summary>Dimension d of the projection.</summary>
    [Allowed(Min = 1)] public int Dimensions { get; init; } = 3;
    /// <summary>Half-window T in time steps; the lagged covariances C_0 .. C_{2T-1} are used.</summary>
    [Allowed(Min = 1)] public int Window { get; init; } = 5;
    /// <summary>L-BFGS iterations per start at most; a start that reaches them without meeting Tolerance has not converged.</summary>
    [Allowed(Min = 0)] public int Iterations { get; init; } = 1000;
    /// <summary>Random orthonormal starts; the most predictive subspace any of them reaches is kept.</summary>
    [Allowed(Min = 1)] public int Restarts { get; init; } = 5;
    /// <summary>A start has converged when the largest component of its objective's gradient is at most this (scipy's gtol default).</summary>
    [Allowed(Min = 0)] public double Tolerance { get; init; } = 1e-5;
    /// <summary>lambda of the penalty lambda |V^T V - I|^2 that keeps the frame orthonormal (the reference's ortho_lambda).</summary>
    [Allowed(Min = 0)] public double OrthogonalityPenalty { get; init; } = 10;

    /// <summary>
    /// White observation noise added to the data, as a fraction of its mean variance per unit: it bounds
    /// PI along directions with almost no variance, where the problem is otherwise ill-posed. 0 disables it.
    /// </summary>
    [Allowed(Min = 0)] public double NoiseFloor { get; init; } = 1e-2;

    /// <summary>Throws a ConfigurationException naming every option out of range (<see cref="OptionsValidator"/>).</summary>
    public void Validate() => OptionsValidator.Ensure(this, "Dca");
}
