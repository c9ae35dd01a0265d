using RnnLab.Torch;
using static RnnLab.Torch.torch;

namespace RnnLab.Analysis.Dca;

/// <summary>
/// The result of DCA: an orthonormal basis [N, d] of the most predictive subspace found (as d columns),
/// its predictive information (Information, in nats), and the PI each start reached.
/// </summary>
public sealed record DynamicalComponents(double[][] Columns, double Information, double[] InformationByStart)
{
    /// <summary>Dimension of the subspace.</summary>
    public int Dimensions => Columns.Length;

    /// <summary>The basis as a float64 tensor [N, d].</summary>
    public Tensor Basis() => tensor(Columns.SelectMany(c => c).ToArray(), [Columns.Length, Columns[0].Length]).t();

    /// <summary>
    /// Dynamical Components Analysis (Clark et al. 2019): maximizes the predictive information of a
    /// d-dimensional projection with Adam through autograd, in whitened coordinates, from the most
    /// autocorrelated directions and from random orthonormal starts, and keeps the best. covariances are C_0 .. C_(2T-1) [2T, N, N]
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
        var (c, unwhiten) = Whiten(covariances.to(float64).detach());

        var results = new List<(double pi, Tensor basis)>();
        for (var start = 0; start < options.Restarts; start++)
        {
            var w0 = start == 0 ? MostAutocorrelated(c, d) : linalg.qr(randn([n, d], generator, float64)).Q;
            var w = Maximize(c, w0.contiguous(), options);
            // Back to the units' coordinates: the projection W^T y of whitened data y = S^(-1/2) x is (S^(-1/2) W)^T x.
            var basis = linalg.qr(unwhiten.matmul(w)).Q;
            results.Add((PredictiveInformation.Of(covariances.to(float64), basis).item<double>(), basis));
        }
        var best = results.MaxBy(r => double.IsNaN(r.pi) ? double.NegativeInfinity : r.pi);
        var columns = Enumerable.Range(0, d).Select(k => best.basis.select(1, k).contiguous().ToArray<double>()).ToArray();
        return new DynamicalComponents(columns, best.pi, results.Select(r => r.pi).ToArray());
    }

    // Whitens the covariances with S = C_0 + eps I: C_k -> S^(-1/2) C_k S^(-1/2). PI of a subspace does not
    // change, but every direction then has unit variance, so loud uninformative directions no longer
    // dominate the gradient (without this, Adam stalls on plateaus where a quiet slow direction is missed).
    // Returns the whitened covariances and S^(-1/2). eps keeps silent units (zero variance) finite.
    private static (Tensor whitened, Tensor unwhiten) Whiten(Tensor c)
    {
        var n = c.size(1);
        var c0 = c[0];
        var eps = Math.Max(c0.diagonal().mean().item<double>(), 1e-300) * 1e-8;
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

    // Adam on -PI + penalty |W^T W - I|^2 with a linearly decaying rate.
    private static Tensor Maximize(Tensor c, Tensor w0, DcaOptions options)
    {
        using var w = new nn.Parameter(w0.clone());
        using var adam = optim.Adam([w], lr: options.LearningRate);
        var identity = eye(w0.size(1), dtype: float64);
        for (var i = 0; i < options.Iterations; i++)
        {
            using var step = NewDisposeScope();
            adam.zero_grad();
            var gram = w.t().matmul(w) - identity;
            var loss = -PredictiveInformation.Of(c, w) + gram.square().sum() * options.OrthonormalityPenalty;
            loss.backward();
            adam.lr = options.LearningRate * (1 - (double)i / options.Iterations);
            adam.step();
        }
        return w.detach();
    }
}
