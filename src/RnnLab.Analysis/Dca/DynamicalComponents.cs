using TorchSharp;
using static TorchSharp.torch;

namespace RnnLab.Analysis.Dca;

/// <summary>
/// The result of DCA: an orthonormal basis [N, d] of the most predictive subspace found (as d columns), its
/// predictive information (Information, in nats), and every start (<see cref="DcaStart"/>: its PI, subspace,
/// iterations, final gradient and whether it converged), so that how unique the most predictive subspace
/// is can be measured (<see cref="StartAgreement"/>) and a fit whose starts did not converge is seen as such.
/// Rectification is the shift the estimate needed to be positive definite, relative to the units' mean
/// variance (<see cref="PredictiveEstimate.Rectification"/>; 0 when it needed none).
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
    /// the gradient's largest component is at most Tolerance; the best start's subspace is kept. PI comes
    /// from the estimate (<see cref="PredictiveEstimate"/>) with options.NoiseFloor added.
    /// </summary>
    public static DynamicalComponents Fit(PredictiveEstimate estimate, DcaOptions options, Generator generator)
    {
        options.Validate();
        if (estimate.Window != options.Window)
            throw new ArgumentException($"DCA with Window = {options.Window} was given an estimate with window {estimate.Window}.", nameof(estimate));
        var n = estimate.Units;
        var d = options.Dimensions;
        if (d > n) throw new ArgumentException($"DCA option Dimensions = {d}; allowed: at most the number of units, {n}.");
        using var scope = NewDisposeScope();
        var objective = estimate.WithNoiseFloor(options.NoiseFloor);
        // The starts are drawn one after another, then run together: each round evaluates every running start in one batch.
        var origins = Enumerable.Range(0, options.Restarts).Select(_ => linalg.qr(randn([n, d], float64, generator: generator)).Q.contiguous().ToArray<double>()).ToList();
        var ends = Lbfgs.MinimizeAll(points => Objective(objective, points, n, d, options.OrthogonalityPenalty), origins, options.Iterations, options.Tolerance);
        var starts = ends.Select(end =>
        {
            var basis = linalg.qr(tensor(end.Point, [n, d])).Q;
            return new DcaStart(InformationOrNaN(objective, basis), ColumnsOf(basis, d), end.Iterations, end.GradientNorm, end.Converged);
        }).ToList();
        var best = starts.MaxBy(s => double.IsNaN(s.Information) ? double.NegativeInfinity : s.Information)!;
        return new DynamicalComponents(best.Columns, best.Information, starts, estimate.Rectification);
    }

    /// <summary>
    /// <see cref="Fit(PredictiveEstimate, DcaOptions, Generator)"/> on the reference's estimate from lagged
    /// covariances P_0 .. P_(2T-1) [2T, N, N] (<see cref="LaggedCovariances"/>; 2T = 2 x options.Window).
    /// </summary>
    public static DynamicalComponents Fit(Tensor covariances, DcaOptions options, Generator generator, double rectification = 0)
    {
        if (covariances.size(0) != 2L * options.Window)
            throw new ArgumentException($"DCA with Window = {options.Window} needs {2 * options.Window} lagged covariances; got {covariances.size(0)}.", nameof(covariances));
        return Fit(PredictiveEstimate.FromLagged(covariances, rectification), options, generator);
    }

    // A projection whose window covariance is singular moves deterministically: PI is undefined there (NaN), not a number.
    private static double InformationOrNaN(PredictiveEstimate estimate, Tensor basis)
    {
        try
        {
            return estimate.Information(basis).ToDouble();
        }
        catch (NotPositiveDefiniteException)
        {
            return double.NaN;
        }
    }

    private static double[][] ColumnsOf(Tensor basis, int d) => Enumerable.Range(0, d).Select(k => basis.select(1, k).contiguous().ToArray<double>()).ToArray();

    // -PI(V) + lambda |V^T V - I|_F^2 and its gradient at each flat frame; +infinity where a projected covariance
    // is not positive definite (a frame that lost rank), which the line search steps back from.
    private static (double Value, double[] Gradient)[] Objective(PredictiveEstimate estimate, IReadOnlyList<double[]> points, long n, int d, double penalty)
    {
        using var scope = NewDisposeScope();
        var v = tensor(points.SelectMany(p => p).ToArray(), [points.Count, n, d]);
        var (pi, piGradient) = estimate.Batch(v);
        var off = v.transpose(1, 2).matmul(v) - eye(d, dtype: float64);                      // V^T V - I, symmetric
        var gradients = (-piGradient + v.matmul(off) * (4 * penalty)).contiguous().ToArray<double>();
        var penalties = off.square().sum([1, 2]).ToArray<double>();
        var size = (int)(n * d);
        return [.. points.Select((_, s) => double.IsNaN(pi[s])
            ? (double.PositiveInfinity, new double[size])
            : (-pi[s] + penalties[s] * penalty, gradients[(s * size)..((s + 1) * size)]))];
    }
}
