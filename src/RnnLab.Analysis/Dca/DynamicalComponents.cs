using TorchSharp;
using static TorchSharp.torch;

namespace RnnLab.Analysis.Dca;

/// <summary>
/// The result of DCA: an orthonormal basis [N, d] of the most predictive subspace found (as d columns),
/// its predictive information (Information, in nats), and the PI and basis each start reached (kept, so
/// that how unique the most predictive subspace is can be measured: <see cref="StartAgreement"/>).
/// </summary>
public sealed record DynamicalComponents(double[][] Columns, double Information, double[] InformationByStart, double[][][] ColumnsByStart)
{
    /// <summary>Dimension of the subspace.</summary>
    public int Dimensions => Columns.Length;

    /// <summary>The basis as a float64 tensor [N, d].</summary>
    public Tensor Basis() => tensor(Columns.SelectMany(c => c).ToArray(), [Columns.Length, Columns[0].Length]).t();

    /// <summary>
    /// Dynamical Components Analysis (Clark et al. 2019): maximizes the predictive information of a
    /// d-dimensional projection by gradient ascent (autograd) over orthonormal frames, in whitened
    /// coordinates, from the most autocorrelated directions and from random orthonormal starts, and keeps the best. covariances are C_0 .. C_(2T-1) [2T, N, N]
    /// (<see cref="LaggedCovariances"/>; 2T = 2 x options.Window).
    /// </summary>
    public static DynamicalComponents Fit(Tensor covariances, DcaOptions options, Generator generator)
    {
        options.Validate();
        if (covariances.size(0) != 2L * options.Window)
            throw new ArgumentException($"DCA with Window = {options.Window} needs {2 * options.Window} lagged covariances; got {covariances.size(0)}.", nameof(covariances));
        var n = covariances.size(1);
        var d = options.Dimensions;
        if (d > n) throw new ArgumentException($"DCA option Dimensions = {d}; allowed: at most the number of units, {n}.");
        using var scope = NewDisposeScope();
        var regularized = WithNoiseFloor(covariances.to(float64).detach(), options.NoiseFloor);
        var (c, unwhiten) = Whiten(regularized);

        var results = new List<(double pi, Tensor basis)>();
        for (var start = 0; start < options.Restarts; start++)
        {
            var w0 = start == 0 ? MostAutocorrelated(c, d) : linalg.qr(randn([n, d], float64, generator: generator)).Q;
            var w = Maximize(c, w0.contiguous(), options);
            // Back to the units' coordinates: the projection W^T y of whitened data y = S^(-1/2) x is (S^(-1/2) W)^T x.
            var basis = linalg.qr(unwhiten.matmul(w)).Q;
            results.Add((PredictiveInformation.Of(regularized, basis).ToDouble(), basis));
        }
        var best = results.MaxBy(r => double.IsNaN(r.pi) ? double.NegativeInfinity : r.pi);
        double[][] Columns(Tensor basis) => Enumerable.Range(0, d).Select(k => basis.select(1, k).contiguous().ToArray<double>()).ToArray();
        return new DynamicalComponents(Columns(best.basis), best.pi, results.Select(r => r.pi).ToArray(), results.Select(r => Columns(r.basis)).ToArray());
    }

    // C_0 + floor * mean variance * I: white observation noise at a fixed fraction of the data's variance.
    // Without it PI is unbounded along directions the data barely moves in but moves in almost
    // deterministically (silent units, the noise-free transient from r = 0), and the search ends on
    // whichever of those it meets first.
    private static Tensor WithNoiseFloor(Tensor c, double floor)
    {
        var n = c.size(1);
        var level = c[0].diagonal().mean().ToDouble() * floor;
        var shift = zeros_like(c);
        shift[0] = eye(n, dtype: float64) * level;
        return c + shift;
    }

    // Whitens the covariances with S = C_0 + eps I: C_k -> S^(-1/2) C_k S^(-1/2). PI of a subspace does not
    // change, but every direction then has unit variance, so loud uninformative directions no longer
    // dominate the gradient (without this, Adam stalls on plateaus where a quiet slow direction is missed).
    // Returns the whitened covariances and S^(-1/2). eps keeps silent units (zero variance) finite.
    private static (Tensor whitened, Tensor unwhiten) Whiten(Tensor c)
    {
        var n = c.size(1);
        var c0 = c[0];
        var eps = Math.Max(c0.diagonal().mean().ToDouble(), 1e-300) * 1e-8;
        var (values, vectors) = linalg.eigh(c0 + eye(n, dtype: float64) * eps);
        var inverseRoot = (vectors * values.clamp(eps, double.MaxValue).sqrt().reciprocal().unsqueeze(0)).matmul(vectors.t());
        return (inverseRoot.matmul(c).matmul(inverseRoot), inverseRoot);
    }

    // The d directions of whitened data with the strongest lag-1 correlation (either sign): slow (or
    // alternating) directions, a start close to the most predictive subspace.
    private static Tensor MostAutocorrelated(Tensor whitened, int d)
    {
        var c1 = whitened[1];
        var (values, vectors) = linalg.eigh((c1 + c1.t()) * 0.5);
        var order = values.abs().ToArray<double>().Select((v, i) => (v, i)).OrderByDescending(p => p.v).Take(d).Select(p => (long)p.i).ToArray();
        return vectors.index_select(1, tensor(order));
    }

    // Monotone gradient ascent over orthonormal frames: the autograd gradient of PI, projected onto the
    // tangent space of the frame (G - W sym(W^T G)), a step along it, and QR back onto orthonormal
    // frames; a step that does not raise PI is halved and retried, one that does lets the next grow.
    // PI never decreases, so more iterations can only help (plain Adam on this objective was seen to
    // wander off good optima on network data).
    private static Tensor Maximize(Tensor c, Tensor w0, DcaOptions options)
    {
        var w = w0;
        var pi = PredictiveInformation.Of(c, w).ToDouble();
        var step = 0.1;
        for (var i = 0; i < options.Iterations && step > 1e-10; i++)
        {
            using var scope = NewDisposeScope();
            Tensor gradient;
            using (enable_grad())
            {
                var x = w.detach().requires_grad_(true);
                gradient = autograd.grad([PredictiveInformation.Of(c, x)], [x])[0]!;
            }
            var symmetric = w.t().matmul(gradient);
            var tangent = gradient - w.matmul((symmetric + symmetric.t()) * 0.5);
            var norm = tangent.norm().ToDouble();
            if (norm < options.Tolerance) break;
            var direction = tangent / norm;
            while (step > 1e-10)
            {
                var candidate = linalg.qr(w + direction * step).Q;
                var next = PredictiveInformation.Of(c, candidate).ToDouble();
                if (next > pi)
                {
                    (w, pi) = (candidate.DetachFromDisposeScope(), next);
                    step *= 1.5;
                    break;
                }
                step *= 0.5;
            }
        }
        return w;
    }
}
