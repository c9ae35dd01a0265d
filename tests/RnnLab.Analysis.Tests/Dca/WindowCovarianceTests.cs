using RnnLab.Analysis.Linalg;
using TorchSharp;
using RnnLab.Analysis.Dca;
using RnnLab.Analysis.WeightComparison;

namespace RnnLab.Analysis.Tests.Dca;

public class WindowCovarianceTests
{
    // Trials [T, B, N] that are far from stationary: a ramp, a switch and a decaying transient from rest, with noise.
    private static Tensor NonStationary(int steps, int trials, Generator g)
    {
        var t = arange(0, steps, dtype: float64).reshape(-1, 1, 1);
        var level = (rand([1, trials, 1], float64, generator: g) > 0.5).to(float64);
        var ramp = t / steps * level;
        var switched = (t > steps / 2).to(float64) * (1 - 2 * level);
        var transient = (1 - (t * -0.2).exp()) * 0.7;
        return cat([ramp, switched, transient + ramp * 0.3], 2) + randn([steps, trials, 3], float64, generator: g) * 0.2;
    }

    // The Gaussian mutual information of the first and the second half of every projected window, computed with
    // loops over trials, window starts, steps and components, and a Cholesky written out here: independent of the
    // tensor code under test.
    private static double Independent(double[,,] x, double[,] v, int window, double floor)
    {
        int steps = x.GetLength(0), trials = x.GetLength(1), n = x.GetLength(2), d = v.GetLength(1), size = 2 * window * d;
        var mean = new double[n];
        for (var t = 0; t < steps; t++) for (var b = 0; b < trials; b++) for (var i = 0; i < n; i++) mean[i] += x[t, b, i] / (steps * trials);
        var samples = new List<double[]>();
        for (var b = 0; b < trials; b++)
            for (var w = 0; w + 2 * window <= steps; w++)
            {
                var s = new double[size];
                for (var k = 0; k < 2 * window; k++)
                    for (var c = 0; c < d; c++)
                        for (var i = 0; i < n; i++) s[k * d + c] += (x[w + k, b, i] - mean[i]) * v[i, c];
                samples.Add(s);
            }
        var average = new double[size];
        foreach (var s in samples) for (var i = 0; i < size; i++) average[i] += s[i] / samples.Count;
        var sigma = new double[size, size];
        foreach (var s in samples)
            for (var i = 0; i < size; i++)
                for (var j = 0; j < size; j++) sigma[i, j] += (s[i] - average[i]) * (s[j] - average[j]) / (samples.Count - 1);
        for (var k = 0; k < 2 * window; k++)                                  // floor * V^T V on each step's block
            for (var a = 0; a < d; a++)
                for (var c = 0; c < d; c++)
                    for (var i = 0; i < n; i++) sigma[k * d + a, k * d + c] += floor * v[i, a] * v[i, c];
        double LogDet(int from, int count)
        {
            var l = new double[count, count];
            var sum = 0.0;
            for (var i = 0; i < count; i++)
                for (var j = 0; j <= i; j++)
                {
                    var r = sigma[from + i, from + j];
                    for (var k = 0; k < j; k++) r -= l[i, k] * l[j, k];
                    l[i, j] = i == j ? Math.Sqrt(r) : r / l[j, j];
                    if (i == j) sum += 2 * Math.Log(l[i, i]);
                }
            return sum;
        }
        var half = window * d;
        return 0.5 * (LogDet(0, half) + LogDet(half, half) - LogDet(0, size));
    }

    [Theory]
    [InlineData(1, 0.0)]
    [InlineData(2, 0.0)]
    [InlineData(3, 0.05)]
    public void Information_MatchesAnIndependentComputation_OnTrialsThatAreNotStationary(int window, double floorFraction)
    {
        using var scope = NewDisposeScope();
        using var g = new Generator(21);
        var states = NonStationary(14, 5, g);
        var v = randn([3, 2], float64, generator: g);
        var estimate = PredictiveEstimate.Windows(states, window).WithNoiseFloor(floorFraction);
        var x = new double[14, 5, 3];
        var flat = states.contiguous().ToArray<double>();
        for (var t = 0; t < 14; t++) for (var b = 0; b < 5; b++) for (var i = 0; i < 3; i++) x[t, b, i] = flat[(t * 5 + b) * 3 + i];
        var vv = new double[3, 2];
        var vflat = v.contiguous().ToArray<double>();
        for (var i = 0; i < 3; i++) for (var c = 0; c < 2; c++) vv[i, c] = vflat[i * 2 + c];
        var floor = floorFraction * PredictiveEstimate.Windows(states, window).MeanVariance;
        Assert.Equal(Independent(x, vv, window, floor), estimate.Information(v).ToDouble(), 10);
    }

    [Fact]
    public void BatchedGradients_MatchAutogradAndFiniteDifferences()
    {
        using var scope = NewDisposeScope();
        using var g = new Generator(22);
        var estimate = PredictiveEstimate.Windows(NonStationary(30, 6, g), 2).WithNoiseFloor(0.01);
        var frames = randn([4, 3, 2], float64, generator: g);
        var (values, gradients) = estimate.Batch(frames);
        for (var s = 0; s < 4; s++)
        {
            Assert.Equal(estimate.Information(frames[s]).ToDouble(), values[s], 12);
            var x = frames[s].clone().requires_grad_(true);
            Assert.True((autograd.grad([estimate.Information(x)], [x])[0]! - gradients[s]).abs().max().ToDouble() < 1e-10);
        }
        var v = frames[2];
        var gradient = gradients[2];
        var flat = gradient.contiguous().ToArray<double>();
        const double h = 1e-6;
        for (var i = 0; i < 6; i++)
        {
            var step = zeros(6, float64);
            step[i] = h;
            var up = estimate.Information(v + step.reshape(3, 2)).ToDouble();
            var down = estimate.Information(v - step.reshape(3, 2)).ToDouble();
            Assert.Equal((up - down) / (2 * h), flat[i], 6);
        }
    }

    [Fact]
    public void OnAStationaryProcess_ItAgreesWithTheClosedForm_AndWithTheToeplitzEstimate()
    {
        using var scope = NewDisposeScope();
        using var g = new Generator(23);
        // x_(t+1) = A x_t + e, e ~ N(0, Q), started from its stationary distribution: I = 1/2 logdet Sigma0 - 1/2 logdet Q.
        var a = tensor(new[] { 0.5, 0.4, 0.0, 0.3 }, [2, 2]);
        var q = tensor(new[] { 1.0, 0.3, 0.3, 0.5 }, [2, 2]);
        var sigma = q.clone();
        for (var i = 0; i < 200; i++) sigma = a.matmul(sigma).matmul(a.t()) + q;
        var x = randn([400, 2], float64, generator: g).matmul(linalg.cholesky(sigma).t());
        var noise = linalg.cholesky(q).t();
        var states = new List<Tensor> { x };
        for (var t = 1; t < 100; t++) states.Add(x = x.matmul(a.t()) + randn([400, 2], float64, generator: g).matmul(noise));
        var data = stack(states);
        var exact = 0.5 * (linalg.slogdet(sigma).Item2.ToDouble() - linalg.slogdet(q).Item2.ToDouble());
        var windows = PredictiveEstimate.Windows(data, 2).Information(eye(2, dtype: float64)).ToDouble();
        var toeplitz = PredictiveEstimate.Toeplitz(data, 2).Information(eye(2, dtype: float64)).ToDouble();
        // 40,000 steps: the sampling error of each is about 1%.
        Assert.InRange(windows, exact * 0.96, exact * 1.04);
        Assert.InRange(toeplitz, exact * 0.96, exact * 1.04);
        Assert.InRange(windows - toeplitz, -0.02 * exact, 0.02 * exact);
    }

    [Fact]
    public void OnTrialsStartingAtRest_ItIsPositiveDefinite_WhereTheToeplitzEstimateNeedsRectification()
    {
        using var scope = NewDisposeScope();
        using var g = new Generator(24);
        // A linear network started at r = 0 whose input switches halfway through each trial: a transient and a switch.
        var n = 6;
        var (rotation, _) = linalg.qr(randn([n, n], float64, generator: g));
        var w = rotation.matmul(diag(linspace(0.6, 0.97, n, dtype: float64))).matmul(rotation.t());
        var drive = randn([n], float64, generator: g);
        var x = zeros([32, n], float64);
        var states = new List<Tensor>();
        for (var t = 0; t < 40; t++) states.Add(x = x.matmul(w.t()) + drive * (t < 20 ? 1.0 : -1.0) + randn([32, n], float64, generator: g) * 0.05);
        var data = stack(states);
        Assert.True(PredictiveEstimate.Toeplitz(data, 3).Rectification > 0.01, "the block-Toeplitz estimate of these trials needed (almost) no rectification; the test no longer shows the difference");   // it needs 8% of the variance
        var estimate = PredictiveEstimate.Windows(data, 3);
        var full = estimate.Covariance(eye(n, dtype: float64));
        Assert.True(linalg.eigvalsh(full).min().ToDouble() > 0);
        Assert.Equal(0, estimate.Rectification);
        var dca = DynamicalComponents.Fit(estimate, new DcaOptions { Dimensions = 2, Window = 3, Restarts = 4 }, g);
        Assert.Equal(4, dca.ConvergedStarts);
        Assert.All(dca.Starts, s => Assert.InRange(s.Information, dca.Information - 1e-6, dca.Information));
    }

    [Fact]
    public void Fit_RecoversAPlantedSlowSubspace_FromEveryStart()
    {
        using var scope = NewDisposeScope();
        using var g = new Generator(25);
        // Two slow AR(1) channels (a = 0.95, 0.9) among six loud white ones, rotated, sampled from the stationary process.
        double[] a = [0.95, 0.9];
        var coefficient = tensor(a);
        var x = randn([60, 2], float64, generator: g);
        var slow = new List<Tensor> { x };
        for (var t = 1; t < 150; t++) slow.Add(x = x * coefficient + randn([60, 2], float64, generator: g) * (1 - coefficient.square()).sqrt());
        var (rotation, _) = linalg.qr(randn([8, 8], float64, generator: g));
        var states = cat([stack(slow), randn([150, 60, 6], float64, generator: g) * 3.0], 2).matmul(rotation.t());
        var dca = DynamicalComponents.Fit(PredictiveEstimate.Windows(states, 5), new DcaOptions { Dimensions = 2, Window = 5, NoiseFloor = 0, Restarts = 6 }, g);
        Assert.Equal(6, dca.ConvergedStarts);
        foreach (var s in dca.Starts)
        {
            var basis = tensor(s.Columns.SelectMany(c => c).ToArray(), [2, 8]).t();
            Assert.True(MatrixMeasures.PrincipalAngles(basis, rotation.narrow(1, 0, 2)).Max() * 180 / Math.PI < 5);
        }
        var exact = a.Sum(c => -0.5 * Math.Log(1 - c * c));
        Assert.InRange(dca.Information, exact * 0.9, exact * 1.1);
    }
}
