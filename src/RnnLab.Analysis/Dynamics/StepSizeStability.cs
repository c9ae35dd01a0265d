using System.Numerics;

namespace RnnLab.Analysis.Dynamics;

/// <summary>
/// Whether an Euler step dt keeps a stable linear mode stable: |1 + dt lambda| &lt; 1, that is
/// dt &lt; -2 Re(lambda) / |lambda|^2 for Re(lambda) &lt; 0 (seed 000). A mode that is unstable in
/// continuous time is unstable for every dt.
/// </summary>
public sealed record StepSizeStability(double Dt, double LargestMapModulus, double LargestStableDt, int ModesMadeUnstableByTheStep)
{
    /// <summary>Evaluates the bound for continuous-time eigenvalues lambda at step dt.</summary>
    public static StepSizeStability For(IEnumerable<Complex> lambdas, double dt)
    {
        var list = lambdas.ToList();
        var largest = list.Count == 0 ? 0 : list.Max(l => Complex.Abs(1 + dt * l));
        var stable = list.Where(l => l.Real < 0).ToList();
        var bound = stable.Count == 0 ? double.PositiveInfinity : stable.Min(l => -2 * l.Real / (l.Magnitude * l.Magnitude));
        var broken = stable.Count(l => Complex.Abs(1 + dt * l) >= 1);
        return new StepSizeStability(dt, largest, bound, broken);
    }
}
