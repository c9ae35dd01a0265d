using TorchSharp;
using static TorchSharp.torch;

namespace RnnLab.Analysis.Dca;

/// <summary>
/// What DCA maximizes, estimated from trials: the covariance Sigma of 2T consecutive states, held as its
/// N x N blocks E[x_(t+i) x_(t+j)^T], from which the predictive information of a projection V [N, d] is
/// PI = 1/2 logdet Sigma_past + 1/2 logdet Sigma_future - 1/2 logdet Sigma (nats), with Sigma projected
/// block by block, V^T B_ij V. Two estimators (<see cref="DcaEstimator"/>):
/// <list type="bullet">
/// <item><see cref="Windows"/>: the sample covariance of every window of 2T steps of every trial, as it is:
/// positive semi-definite for any data, so the Gaussian mutual information between a window's first and
/// second half is defined whether or not the trials are stationary;</item>
/// <item><see cref="Toeplitz"/>: the reference implementation's (<see cref="LaggedCovariances"/>), the same
/// windows averaged into block-Toeplitz form, which assumes stationarity (Sigma_past = Sigma_future, and PI
/// is logdet Sigma_T - 1/2 logdet Sigma_2T) and is rectified when that makes it indefinite.</item>
/// </list>
/// For a stationary process the two estimate the same PI (tested). PI and its gradient are evaluated for
/// many frames at once (<see cref="Batch"/>): one product reads the blocks for all of DCA's starts.
/// </summary>
public sealed class PredictiveEstimate
{
    private readonly Tensor _blocks;    // [K, N, N]: the K distinct blocks
    private readonly long[] _index;     // block (i, j) of Sigma, row-major over 2T x 2T: m < K for block m, K + m for its transpose
    private readonly int[] _diagonal;   // the distinct blocks on Sigma's diagonal

    private PredictiveEstimate(Tensor blocks, long[] index, int[] diagonal, int window, double rectification, double meanVariance)
    {
        _blocks = blocks.contiguous();
        _index = index;
        _diagonal = diagonal;
        Window = window;
        Rectification = rectification;
        MeanVariance = meanVariance;
    }

    /// <summary>Half-window T in steps: past and future each span T steps.</summary>
    public int Window { get; }

    /// <summary>Units N of the process.</summary>
    public long Units => _blocks.size(1);

    /// <summary>The shift that made the estimate positive definite, over the units' mean variance (0 when none was needed).</summary>
    public double Rectification { get; }

    /// <summary>The units' mean variance (the mean of Sigma's diagonal).</summary>
    public double MeanVariance { get; }

    /// <summary>The estimate options.Estimator names, from states [T, B, N] (time-major, as the model returns them).</summary>
    public static PredictiveEstimate Of(Tensor states, DcaOptions options) => options.Estimator switch
    {
        DcaEstimator.Windows => Windows(states, options.Window),
        DcaEstimator.Toeplitz => Toeplitz(states, options.Window),
        _ => throw new ArgumentOutOfRangeException(nameof(options), options.Estimator, "unknown DCA estimator"),
    };

    /// <summary>The reference's block-Toeplitz estimate of states [T, B, N] (<see cref="LaggedCovariances.Estimate"/>).</summary>
    public static PredictiveEstimate Toeplitz(Tensor states, int window)
    {
        var (lagged, shift) = LaggedCovariances.Estimate(states, 2 * window);
        return FromLagged(lagged, LaggedCovariances.RelativeShift(lagged, shift));
    }

    /// <summary>The block-Toeplitz estimate from lagged covariances P_0 .. P_(2T-1) [2T, N, N]: block (i, j) is P_(j-i), or P_(i-j)^T below the diagonal.</summary>
    public static PredictiveEstimate FromLagged(Tensor lagged, double rectification = 0)
    {
        var lags = (int)lagged.size(0);
        if (lags < 2 || lags % 2 != 0)
            throw new ArgumentException($"DCA needs an even number (>= 2) of lagged covariances, P_0 .. P_(2T-1); got {lags}.", nameof(lagged));
        var index = new long[lags * lags];
        for (var i = 0; i < lags; i++)
            for (var j = 0; j < lags; j++)
                index[i * lags + j] = j >= i ? j - i : lags + (i - j);
        var p = lagged.to(float64).detach();
        return new PredictiveEstimate(p, index, [0], lags / 2, rectification, p[0].diagonal().mean().ToDouble());
    }

    /// <summary>
    /// The windows' own covariance of states [T, B, N] with half-window T: every window of 2T consecutive
    /// steps of every trial is one sample, centred on the windows' mean at each of its steps, divided by the
    /// number of windows less one. Blocks at one lag are computed from the first window's product, slid one
    /// step at a time, so the cost is that of 2T products of the data, not T(2T + 1).
    /// </summary>
    public static PredictiveEstimate Windows(Tensor states, int window)
    {
        var (steps, trials, n) = (states.size(0), states.size(1), states.size(2));
        var size = 2 * window;
        if (window < 1 || steps < size)
            throw new ArgumentException($"a DCA window of 2 x {window} steps needs trials of at least {size} steps; these have {steps}.", nameof(window));
        var perTrial = steps - size + 1;
        var count = perTrial * trials;
        if (count < 2) throw new ArgumentException("a covariance of windows needs at least two windows; give more or longer trials.", nameof(states));
        using var scope = NewDisposeScope();
        var x = states.to(float64).detach();
        x = x - x.reshape(-1, n).mean([0]);                           // pooled centring first: less cancellation below
        // The mean of each step of the window over all windows: mu_i = mean of x_(i .. i + perTrial - 1).
        var means = stack(Enumerable.Range(0, size).Select(i => x.narrow(0, i, perTrial).reshape(-1, n).mean([0])).ToList());
        var blocks = new List<Tensor>();
        var index = new long[size * size];
        var diagonal = new List<int>();
        var byLag = new Tensor[size][];
        for (var k = 0; k < size; k++)
        {
            byLag[k] = new Tensor[size - k];
            var sum = x.narrow(0, 0, perTrial).reshape(-1, n).t().matmul(x.narrow(0, k, perTrial).reshape(-1, n));   // sum over windows of x_w x_(w+k)^T
            for (var i = 0; i + k < size; i++)
            {
                if (i > 0) sum = sum - x[i - 1].t().matmul(x[i - 1 + k]) + x[i - 1 + perTrial].t().matmul(x[i - 1 + perTrial + k]);
                byLag[k][i] = (sum - means[i].outer(means[i + k]) * count) / (count - 1);
            }
        }
        for (var i = 0; i < size; i++)
            for (var j = i; j < size; j++)
            {
                if (i == j) diagonal.Add(blocks.Count);
                index[i * size + j] = blocks.Count;
                blocks.Add(byLag[j - i][i]);
            }
        var k0 = blocks.Count;
        for (var i = 0; i < size; i++)
            for (var j = 0; j < i; j++) index[i * size + j] = k0 + index[j * size + i];
        var stacked = stack(blocks);
        var meanVariance = stack(diagonal.Select(b => blocks[b].diagonal()).ToList()).mean().ToDouble();
        var estimate = new PredictiveEstimate(stacked, index, [.. diagonal], window, 0, meanVariance);
        estimate._blocks.MoveToOuterDisposeScope();
        return estimate;
    }

    /// <summary>The same estimate with white observation noise of fraction times the units' mean variance added to every step (0: none).</summary>
    public PredictiveEstimate WithNoiseFloor(double fraction)
    {
        if (fraction == 0) return this;
        var blocks = _blocks.clone();
        var level = eye(Units, dtype: float64) * (MeanVariance * fraction);
        foreach (var b in _diagonal) blocks[b] += level;
        return new PredictiveEstimate(blocks, _index, _diagonal, Window, Rectification, MeanVariance);
    }

    /// <summary>Sigma of projections, [S, 2T d, 2T d], from the projected distinct blocks [S, K, d, d]; differentiable.</summary>
    private Tensor Assemble(Tensor projected)
    {
        var (s, d, size) = (projected.size(0), projected.size(2), 2L * Window);
        var both = cat([projected, projected.transpose(2, 3)], 1);                    // V^T B V, then V^T B^T V = (V^T B V)^T
        return both.index_select(1, tensor(_index)).reshape(s, size, size, d, d).permute(0, 1, 3, 2, 4).reshape(s, size * d, size * d);
    }

    /// <summary>Sigma of the projection V [N, d]: [2T d, 2T d], steps outer, components inner; differentiable in V.</summary>
    public Tensor Covariance(Tensor v) => Assemble(v.t().matmul(_blocks).matmul(v).unsqueeze(0))[0];

    /// <summary>PI of the projection V [N, d]; differentiable in V. A projected covariance that is not positive definite throws <see cref="NotPositiveDefiniteException"/>.</summary>
    public Tensor Information(Tensor v)
    {
        var (pi, ok) = FromAssembled(Covariance(v).unsqueeze(0), v.size(1));
        if (!ok[0].item<bool>()) throw new NotPositiveDefiniteException($"a projected covariance of {v.size(1)} dimensions is not positive definite; predictive information is undefined there.");
        return pi[0];
    }

    /// <summary>
    /// PI of many frames V [S, N, d] and their gradients [S, N, d], reading the blocks twice for all frames
    /// together: dPI/dV_s = sum_m (B_m V_s) G_sm^T + B_m^T (V_s G_sm), with G_sm = dPI/d(V_s^T B_m V_s) from
    /// autograd on the small projected matrices; the first products come from one product of all blocks with
    /// all frames, the second from one product of the blocks' transpose. A frame whose projected covariance is
    /// not positive definite gets NaN and a zero gradient.
    /// </summary>
    public (double[] Values, Tensor Gradients) Batch(Tensor frames)
    {
        var (s, n, d) = (frames.size(0), frames.size(1), frames.size(2));
        var k = _blocks.size(0);
        var columns = frames.permute(1, 0, 2).reshape(n, s * d);                                                         // [N, S d]
        var products = _blocks.reshape(-1, n).matmul(columns).reshape(k, n, s, d);                                       // B_m V_s
        using var grad = enable_grad();
        var projected = einsum("sna,mnsb->smab", frames, products).detach().requires_grad_(true);                        // [S, K, d, d]
        var (pi, ok) = FromAssembled(Assemble(projected), d);
        var g = autograd.grad([pi.sum()], [projected])[0]!.detach();                                                     // [S, K, d, d]
        var first = einsum("mnsb,smab->sna", products, g);
        var w = einsum("snb,smba->mnsa", frames, g).reshape(k * n, s * d);                                               // V_s G_sm
        var second = _blocks.reshape(-1, n).t().matmul(w).reshape(n, s, d).permute(1, 0, 2);                             // sum_m B_m^T V_s G_sm
        var values = pi.detach().ToArray<double>();
        var good = ok.ToArray<bool>();
        for (var i = 0; i < values.Length; i++) if (!good[i]) values[i] = double.NaN;
        return (values, (first + second) * ok.to(float64).reshape(-1, 1, 1));
    }

    // PI of assembled covariances [S, 2T d, 2T d], and which of them could be evaluated: Sigma, its past and its
    // future must each pass Cholesky (in rounding a principal block of a barely positive definite Sigma can fail on
    // its own). Failed ones are replaced by I before the differentiable pass, so no NaN reaches the gradient.
    private (Tensor Pi, Tensor Ok) FromAssembled(Tensor sigma, long d)
    {
        var half = Window * d;
        static Tensor Past(Tensor m, long half) => m.narrow(1, 0, half).narrow(2, 0, half);
        static Tensor Future(Tensor m, long half) => m.narrow(1, half, half).narrow(2, half, half);
        static Tensor Passes(Tensor m) => linalg.cholesky_ex(m).Item2.eq(0);
        var detached = sigma.detach();
        var ok = Passes(detached).logical_and(Passes(Past(detached, half))).logical_and(Passes(Future(detached, half)));
        var safe = where(ok.reshape(-1, 1, 1), sigma, eye(sigma.size(1), dtype: float64).expand_as(sigma));
        static Tensor LogDet(Tensor m) => linalg.cholesky(m).diagonal(0, -2, -1).log().sum(-1) * 2.0;
        return ((LogDet(Past(safe, half)) + LogDet(Future(safe, half)) - LogDet(safe)) * 0.5, ok);
    }
}
