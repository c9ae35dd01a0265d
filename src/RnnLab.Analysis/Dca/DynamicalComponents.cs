using TorchSharp;
using static TorchSharp.torch;

namespace RnnLab.Analysis.Dca;

/// <summary>
/// The result of DCA: an orthonormal basis [N, d] of the most predictive subspace found (as d columns), its
/// predictive information (Information, in nats), and every start (<see cref="DcaStart"/>: its PI, subspace,
/// iterations, final gradient and whether it converged), so that how unique the most predictive subspace
/// is can be measured (<see cref="StartAgreement"/>) and a fit whose starts did not converge is seen as such.
/// Rectification is the shift rectify_spectrum added to P_0, relative to the units' mean variance
/// (<see cref="LaggedCovariances.RelativeShift"/>; 0 when the estimate needed none or it was not given).
/// </summary>
public sealed record DynamicalComponents(double[][] Columns, double Information, IReadOnlyList<DcaStart> Starts, double Rectification = 0)
{
    /// <summary>Dimension of the subspace.</summary>
    public int Dimensions => Columns.Length;

    /// <summary>How many starts converged.</summary>
    public int ConvergedStarts => Starts.Count(s => s.Converged);

    /// <summary>The basis as a float64 tensor [N, d].</summary>
    public Tensor Basis() => tensor(Columns.SelectMany(c => c).ToArray(), [Columns.Length, Columns[0].Length]).t();

    /// <summary>
    /// Dynamical Components Analysis (Clark et al. 2019), as its reference implementation fits it: from
    /// Restarts random orthonormal starts, L-BFGS minimizes -PI(V) + lambda |V^T V - I|^2 over raw N x d
    /// frames V (PI depends on span(V) only, so the penalty picks a frame without moving the optimum) until
    /// the gradient's largest component is at most Tolerance; the best start's subspace is kept.
    /// covariances are P_0 .. P_(2T-1) [2T, N, N] (<see cref="LaggedCovariances"/>; 2T = 2 x options.Window).
    /// </summary>
    public static DynamicalComponents Fit(Tensor covariances, DcaOptions options, Generator generator, double rectification = 0)
    {
        options.Validate();
        if (covariances.size(0) != 2L * options.Window)
            throw new ArgumentException($"DCA with Window = {options.Window} needs {2 * options.Window} lagged covariances; got {covariances.size(0)}.", nameof(covariances));
        var n = covariances.size(1);
        var d = options.Dimensions;
        if (d > n) throw new ArgumentException($"DCA option Dimensions = {d}; allowed: at most the number of units, {n}.");
        using var scope = NewDisposeScope();
        var c = WithNoiseFloor(covariances.to(float64).detach(), options.NoiseFloor);
        var stacked = cat([c, c.transpose(1, 2)]).contiguous();

        var starts = new List<DcaStart>();
        for (var start = 0; start < options.Restarts; start++)
        {
            var v0 = linalg.qr(randn([n, d], float64, generator: generator)).Q.contiguous().ToArray<double>();
            var end = Lbfgs.Minimize(x => Objective(stacked, x, n, d, options.OrthogonalityPenalty), v0, options.Iterations, options.Tolerance);
            var basis = linalg.qr(tensor(end.Point, [n, d])).Q;
            starts.Add(new DcaStart(PredictiveInformation.Of(c, basis).ToDouble(), ColumnsOf(basis, d), end.Iterations, end.GradientNorm, end.Converged));
        }
        var best = starts.MaxBy(s => double.IsNaN(s.Information) ? double.NegativeInfinity : s.Information)!;
        return new DynamicalComponents(best.Columns, best.Information, starts, rectification);
    }

    private static double[][] ColumnsOf(Tensor basis, int d) => Enumerable.Range(0, d).Select(k => basis.select(1, k).contiguous().ToArray<double>()).ToArray();

    // -PI(V) + lambda |V^T V - I|_F^2 and its gradient at the flat frame x (stacked: P and its transposes, see
    // PredictiveInformation.WithGradient); +infinity where a projected covariance is not positive definite (a
    // frame that lost rank), which the line search steps back from.
    private static (double Value, double[] Gradient) Objective(Tensor stacked, double[] x, long n, int d, double penalty)
    {
        using var scope = NewDisposeScope();
        var v = tensor(x, [n, d]);
        double pi;
        Tensor piGradient;
        try
        {
            (pi, piGradient) = PredictiveInformation.WithGradient(stacked, v);
        }
        catch (NotPositiveDefiniteException)
        {
            return (double.PositiveInfinity, new double[x.Length]);
        }
        var off = v.t().matmul(v) - eye(d, dtype: float64);                                    // V^T V - I, symmetric
        var gradient = -piGradient + v.matmul(off) * (4 * penalty);
        return (-pi + off.square().sum().ToDouble() * penalty, gradient.contiguous().ToArray<double>());
    }

    // C_0 + floor * mean variance * I: white observation noise at a fixed fraction of the data's variance.
    // Without it PI is unbounded along directions the data barely moves in but moves in almost
    // deterministically (silent units, a noise-free transient), and the search ends on whichever of those it meets first.
    private static Tensor WithNoiseFloor(Tensor c, double floor)
    {
        var n = c.size(1);
        var level = c[0].diagonal().mean().ToDouble() * floor;
        var shift = zeros_like(c);
        shift[0] = eye(n, dtype: float64) * level;
        return c + shift;
    }
}
