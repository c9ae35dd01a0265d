using System.Numerics;

namespace RnnLab.Analysis.FixedPoints;

/// <summary>Whether q reached the strict (fixed) or only the loose (slow) tolerance.</summary>
public enum PointKind
{
    /// <summary>q below FixedTolerance: F(r*) = 0 to numerical precision.</summary>
    Fixed,
    /// <summary>q below SlowTolerance: the flow is slow here (Sussillo and Barak's slow point).</summary>
    Slow,
}

/// <summary>Why a state left the descent of q.</summary>
public enum DescentEnd
{
    /// <summary>q fell below TolQ.</summary>
    Converged,
    /// <summary>q changed by less than TolDq in one step.</summary>
    Stalled,
    /// <summary>MaxIterations steps taken.</summary>
    Capped,
    /// <summary>q was not finite.</summary>
    Diverged,
}

/// <summary>How many states of a search left the descent for each reason.</summary>
public sealed record DescentEnds(int Converged, int Stalled, int Capped, int Diverged);

/// <summary>Stability of a point from the continuous-time eigenvalues of dF/dr.</summary>
public enum Stability
{
    /// <summary>Every Re(lambda) &lt; 0.</summary>
    Stable,
    /// <summary>Some but not all Re(lambda) &gt; 0 (UnstableDimensions of them).</summary>
    Saddle,
    /// <summary>Every Re(lambda) &gt; 0.</summary>
    Unstable,
}

/// <summary>
/// One fixed or slow point with its local dynamics. Eigenvalues are given twice and labelled: the
/// continuous-time lambda of dF/dr (stable: Re &lt; 0) and the Euler map's mu = 1 + dt lambda
/// (stable: |mu| &lt; 1). Both are sorted by decreasing real part of lambda (most unstable first).
/// </summary>
public sealed record FixedPoint(
    double[] State,
    double[] Condition,
    double Q,
    double Speed,
    int Iterations,
    PointKind Kind,
    double[,] Jacobian,
    double[,] InputJacobian,
    Complex[] Eigenvalues,
    Complex[,] Eigenvectors,
    Complex[] MapEigenvalues,
    Stability Stability,
    int UnstableDimensions,
    double? HessianMinEigenvalue,
    double? HessianMaxEigenvalue = null)
{
    /// <summary>
    /// The smallest curvature, relative to the largest, that counts as positive: 1e-10, a Jacobian condition
    /// number below 1e5 at a fixed point, where the Hessian of q is JᵀJ.
    /// </summary>
    public const double PositiveCurvature = 1e-10;

    /// <summary>
    /// Whether q has a strict local minimum here: its Hessian is positive definite, every eigenvalue above
    /// <see cref="PositiveCurvature"/> times the largest (null when not checked). Positive semi-definite
    /// is not enough: at a fixed point the Hessian is JᵀJ, which is always semi-definite, and it is
    /// singular exactly where the point is not isolated (a line attractor), which is what the check is for.
    /// </summary>
    public bool? IsLocalMinimumOfQ =>
        HessianMinEigenvalue is { } min && HessianMaxEigenvalue is { } max ? max > 0 && min > PositiveCurvature * max : null;

    /// <summary>Whether Newton's method converged here from where the descent left the point (<see cref="NewtonRefinement"/>); a point it did not refine is where the descent left it.</summary>
    public bool Refined { get; init; }

    /// <summary>The Newton steps taken.</summary>
    public int NewtonSteps { get; init; }
}

/// <summary>
/// The outcome of one search at one condition. Duration is the whole search; Minimization its part
/// spent descending q, Refinement the Newton steps after it, before points are described (Jacobians, eigenvalues).
/// </summary>
public sealed record FixedPointSearch(
    double[] Condition,
    IReadOnlyList<FixedPoint> Points,
    int Candidates,
    int Iterations,
    double FinalLearningRate,
    TimeSpan Duration,
    TimeSpan Minimization)
{
    /// <summary>How many states left the descent for each reason (Iterations is the most steps any took).</summary>
    public DescentEnds Ends { get; init; } = new(0, 0, 0, 0);
    /// <summary>Points the descent reached (one per cluster) that Newton's method refined to a fixed point.</summary>
    public int Refined { get; init; }
    /// <summary>Those it could not refine: they stay where the descent left them.</summary>
    public int NotRefined { get; init; }
    /// <summary>Time spent refining.</summary>
    public TimeSpan Refinement { get; init; }
}
