namespace RnnLab.Analysis.Dca;

/// <summary>
/// Options of Dynamical Components Analysis (Clark et al. 2019): the projection's dimension d, the
/// half-window T (in time steps: past and future each span T steps), and the optimizer's budget.
/// </summary>
public sealed record DcaOptions
{
    /// <summary>Dimension d of the projection.</summary>
    public int Dimensions { get; init; } = 3;
    /// <summary>Half-window T in time steps; the lagged covariances C_0 .. C_{2T-1} are used.</summary>
    public int Window { get; init; } = 5;
    /// <summary>Gradient-ascent iterations per start (at most; a start stops earlier once its gradient vanishes).</summary>
    public int Iterations { get; init; } = 300;
    /// <summary>Starts: the first from the most autocorrelated directions, the others random orthonormal.</summary>
    public int Restarts { get; init; } = 5;
    /// <summary>A start stops when the norm of PI's gradient along the orthonormal frames falls below this.</summary>
    public double Tolerance { get; init; } = 1e-6;

    /// <summary>
    /// White observation noise added to the data, as a fraction of its mean variance per unit: it bounds
    /// PI along directions with almost no variance, where the problem is otherwise ill-posed. 0 disables it.
    /// </summary>
    public double NoiseFloor { get; init; } = 1e-2;

    /// <summary>Throws naming the first option out of range.</summary>
    public void Validate()
    {
        static void Require(bool ok, string key, object value, string rule)
        {
            if (!ok) throw new ArgumentException($"DCA option {key} = {value}; allowed: {rule}.");
        }
        Require(Dimensions >= 1, nameof(Dimensions), Dimensions, "an integer >= 1");
        Require(Window >= 1, nameof(Window), Window, "an integer >= 1");
        Require(Iterations >= 0, nameof(Iterations), Iterations, "an integer >= 0");
        Require(Restarts >= 1, nameof(Restarts), Restarts, "an integer >= 1");
        Require(NoiseFloor >= 0, nameof(NoiseFloor), NoiseFloor, "a number >= 0");
        Require(Tolerance >= 0, nameof(Tolerance), Tolerance, "a number >= 0");
    }
}
