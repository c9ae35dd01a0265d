using RnnLab.Analysis.Linalg;
using TorchSharp;
using RnnLab.Analysis.Dca;
using RnnLab.Analysis.Pca;
using RnnLab.Analysis.WeightComparison;

namespace RnnLab.Analysis.Tests.Dca;

public class DcaTests
{
    // Stationary AR(1) processes x_t = a x_(t-1) + sqrt(1 - a^2) e_t with unit variance, one per column of
    // a (independent channels), as states [T, B, channels].
    private static Tensor Ar1(double[] a, int steps, int trials, Generator g)
    {
        var coefficient = tensor(a);
        var innovation = (1 - coefficient.square()).sqrt();
        var x = randn([trials, a.Length], float64, generator: g);
        var states = new List<Tensor> { x };
        for (var t = 1; t < steps; t++)
        {
            x = x * coefficient + randn([trials, a.Length], float64, generator: g) * innovation;
            states.Add(x);
        }
        return stack(states);
    }

    // Deterministic trials [T, B, N] that BouchardLab's DCA reference was run on (calc_cross_cov_mats_from_data
    // with a 3-D array of trials, T = 4): three trials of 30 steps, and one trial of 7 steps whose
    // block-Toeplitz estimate needs rectify_spectrum.
    private static Tensor ReferenceTrials() => stack(Enumerable.Range(0, 30).Select(t => tensor(Enumerable.Range(0, 3).SelectMany(b => new[]
    {
        Math.Sin(0.5 * t + b), Math.Cos(0.23 * t) + 0.3 * Math.Sin(1.7 * t + 0.5 * b), (7 * t + 3 * b) % 11 / 11.0 - 0.5,
    }).ToArray(), [3, 3])).ToList());

    private static Tensor ShortTrial() => tensor(Enumerable.Range(0, 7).SelectMany(t => new[]
    {
        Math.Sin(0.9 * t), Math.Cos(0.4 * t), 0.5 * Math.Sin(0.9 * t) + 0.1 * t,
    }).ToArray(), [7, 1, 3]);

    // The reference's C_k transposed (its C_k is E[x_(t+k) x_t^T], ours E[x_t x_(t+k)^T]), row-major, as it printed them.
    private static readonly double[][] ReferenceCovariances =
    [
        [0.5081205415730831, 0.057919253069720816, 0.047547575356577707, 0.057919253069720816, 0.5576282636362214, -0.0002223855194781573, 0.047547575356577707, -0.0002223855194781573, 0.08410221547792304],
        [0.4454715560131282, 0.05914135273888624, 0.03270648823550091, 0.055111934339519754, 0.49215642672971843, 0.011612771150408069, 0.048157175034710904, 0.005265496328982222, -0.0337240970309152],
        [0.2752297008313198, 0.05346479330201318, 0.009323993291530584, 0.04442117131968633, 0.41314406303446827, 0.009305389282118298, 0.037932669600236474, 0.016130436082394874, -0.018140036730945823],
        [0.038500767746011716, 0.04591155096554056, -0.018972012415921523, 0.026817898220645352, 0.4095102375544015, -0.007624617959883275, 0.0168167521244394, 0.007138259537486563, 0.0441080119375574],
    ];

    private static readonly double[][] ReferenceRectified =
    [
        [0.8016831737933716, 0.4142275165749813, 0.21590148404255738, 0.4142275165749813, 0.49299277991766277, 0.10095766525608058, 0.21590148404255738, 0.10095766525608058, 0.2276054103470891],
        [0.4257834265158847, 0.2440959487464153, 0.15755720473978574, 0.375768399817276, 0.24231575444925993, 0.12498527361565609, 0.090278595017576, 0.03978632832811794, 0.03969426547193191],
        [-0.1138981153315465, -0.08824531169521532, -0.01796415482800779, 0.15336508348556938, 0.059639423616161286, 0.0717007275056031, -0.13241950319902265, -0.08019584073025442, -0.04005063351396193],
        [-0.5427891286272941, -0.43546346208602854, -0.13738648597433223, -0.1618876798012485, -0.17083441829020907, -0.018912785461251046, -0.25228287013167267, -0.18679544235415632, -0.07247072922951228],
    ];

    [Fact]
    public void LaggedCovariances_MatchTheReferenceImplementation_WithAndWithoutRectification()
    {
        using var scope = NewDisposeScope();
        foreach (var (states, expected, rectified) in new[] { (ReferenceTrials(), ReferenceCovariances, true), (ShortTrial(), ReferenceRectified, true) })
        {
            var (c, shift) = LaggedCovariances.Estimate(states, 4);
            Assert.Equal(rectified, shift > 0);
            for (var k = 0; k < 4; k++)
            {
                var got = c[k].reshape(-1).ToArray<double>();
                for (var i = 0; i < 9; i++) Assert.Equal(expected[k][i], got[i], 12);
            }
            Assert.Equal(0, linalg.cholesky_ex(BlockToeplitz.Of(c)).Item2.item<int>());   // positive definite, rectified or not
        }
    }

    [Fact]
    public void PredictiveInformation_MatchesTheReferenceImplementation()
    {
        using var scope = NewDisposeScope();
        var c = LaggedCovariances.Of(ReferenceTrials(), 4);
        Assert.Equal(9.483928071720243, PredictiveInformation.Of(c, eye(3, dtype: float64)).ToDouble(), 9);
        Assert.Equal(4.1959331171186225, PredictiveInformation.Of(c, eye(3, dtype: float64).narrow(1, 0, 1)).ToDouble(), 9);
        Assert.Equal(1.7657592622114517, PredictiveInformation.Of(c, tensor(new[] { 1.0, 0, 1, 1, 0, 1 }, [3, 2])).ToDouble(), 9);
    }

    [Fact]
    public void TheBatchedEstimate_MatchesTheReferenceFormula_AutogradAndFiniteDifferences_ForEveryFrame()
    {
        using var scope = NewDisposeScope();
        using var g = new Generator(2);
        var c = LaggedCovariances.Of(ReferenceTrials(), 4);
        var frames = randn([3, 3, 2], float64, generator: g);
        var (values, gradients) = PredictiveEstimate.FromLagged(c).Batch(frames);
        var v = frames[1];
        var (pi, gradient) = (values[1], gradients[1]);

        for (var s = 0; s < 3; s++) Assert.Equal(PredictiveInformation.Of(c, frames[s]).ToDouble(), values[s], 12);
        var x = v.clone().requires_grad_(true);
        var auto = autograd.grad([PredictiveInformation.Of(c, x)], [x])[0]!;
        Assert.True((gradient - auto).abs().max().ToDouble() < 1e-10);
        for (var i = 0; i < 6; i++)
        {
            var step = zeros(6, float64);
            step[i] = 1e-6;
            var up = PredictiveInformation.Of(c, v + step.reshape(3, 2)).ToDouble();
            var down = PredictiveInformation.Of(c, v - step.reshape(3, 2)).ToDouble();
            Assert.Equal((up - down) / 2e-6, gradient.reshape(-1)[i].ToDouble(), 5);
        }
    }

    [Fact]
    public void PredictiveInformation_OfAProjectionThatIsNotPositiveDefinite_IsAnError_NotALargeNumber()
    {
        using var scope = NewDisposeScope();
        // P_1 = P_0 along e1: a window of x_t = x_(t+1) has a singular covariance, where log|det| would be -infinity and PI +infinity.
        var c = stack([eye(2, dtype: float64), eye(2, dtype: float64)]);
        var error = Assert.Throws<NotPositiveDefiniteException>(() => PredictiveInformation.Of(c, eye(2, dtype: float64).narrow(1, 0, 1)));
        Assert.StartsWith("a 2 x 2 projected covariance is not positive definite", error.Message);
    }

    [Fact]
    public void LaggedCovariances_OfTrialsStartingAtRest_ArePositiveDefinite()
    {
        using var scope = NewDisposeScope();
        using var g = new Generator(11);
        // A linear network started at r = 0 in every trial, so the first steps are a transient, not the stationary process:
        // estimating each lag on its own window of the trial made Sigma_2T indefinite on such trials.
        var n = 12;
        var (q, _) = linalg.qr(randn([n, n], float64, generator: g));
        var w = q.matmul(diag(linspace(0.5, 0.98, n, dtype: float64))).matmul(q.t());
        var x = zeros([16, n], float64);
        var states = new List<Tensor>();
        for (var t = 0; t < 40; t++)
        {
            x = x.matmul(w.t()) + randn([16, n], float64, generator: g) * 0.1 + 0.5;
            states.Add(x);
        }
        var c = LaggedCovariances.Of(stack(states), 10);
        Assert.Equal(0, linalg.cholesky_ex(BlockToeplitz.Of(c)).Item2.item<int>());
    }

    [Theory]
    [InlineData(0.5, 1)]
    [InlineData(0.9, 3)]
    [InlineData(0.99, 5)]
    public void PredictiveInformation_OfAnAr1Process_IsMinusHalfLogOneMinusASquared(double a, int window)
    {
        using var scope = NewDisposeScope();
        // Exact covariances C_k = s^2 a^k; a Markov process carries -1/2 log(1 - a^2) nats from past to future, for any window.
        var variance = 2.5;
        var c = tensor(Enumerable.Range(0, 2 * window).Select(k => variance * Math.Pow(a, k)).ToArray(), [2 * window, 1, 1]);
        var pi = PredictiveInformation.Of(c, ones([1, 1], float64)).ToDouble();
        Assert.Equal(-0.5 * Math.Log(1 - a * a), pi, 10);
    }

    [Fact]
    public void PredictiveInformation_AddsOverIndependentChannels_AndDependsOnTheSubspaceOnly()
    {
        using var scope = NewDisposeScope();
        using var g = new Generator(3);
        double[] a = [0.8, 0.3, -0.6];
        var lags = 6;
        var blocks = Enumerable.Range(0, lags).Select(k => tensor(a.Select(x => Math.Pow(x, k)).ToArray()).diag()).ToArray();
        var c = stack(blocks);
        var expected = a.Sum(x => -0.5 * Math.Log(1 - x * x));
        Assert.Equal(expected, PredictiveInformation.Of(c, eye(3, dtype: float64)).ToDouble(), 10);
        var mixed = eye(3, dtype: float64).matmul(randn([3, 3], float64, generator: g));        // V M: the same subspace, R^3
        Assert.Equal(expected, PredictiveInformation.Of(c, mixed).ToDouble(), 9);
        var first = eye(3, dtype: float64).narrow(1, 0, 1) * 7.0;
        Assert.Equal(-0.5 * Math.Log(1 - 0.64), PredictiveInformation.Of(c, first).ToDouble(), 10);
    }

    [Fact]
    public void PredictiveInformation_FromSimulatedData_ApproachesTheClosedForm()
    {
        using var scope = NewDisposeScope();
        using var g = new Generator(5);
        var states = Ar1([0.9], steps: 200, trials: 200, g);
        var (c, shift) = LaggedCovariances.Estimate(states, 6);
        Assert.Equal(0, shift);   // a stationary process needs no rectification
        var pi = PredictiveInformation.Of(c, ones([1, 1], float64)).ToDouble();
        var exact = -0.5 * Math.Log(1 - 0.81);
        Assert.InRange(pi, exact * 0.95, exact * 1.05);
    }

    [Fact]
    public void PredictiveInformation_OfANonSymmetricVar1_IsHalfLogDetOfItsStationaryOverItsInnovationCovariance()
    {
        using var scope = NewDisposeScope();
        // x_(t+1) = A x_t + e, e ~ N(0, Q): P_k = Sigma0 (A^T)^k with Sigma0 = A Sigma0 A^T + Q. The process is Markov, so
        // the past tells the future what x_t tells x_(t+1): I = 1/2 logdet Sigma0 - 1/2 logdet Q, for any window.
        var a = tensor(new[] { 0.5, 0.4, 0.0, 0.3 }, [2, 2]);
        var q = tensor(new[] { 1.0, 0.3, 0.3, 0.5 }, [2, 2]);
        var sigma = q.clone();
        for (var i = 0; i < 200; i++) sigma = a.matmul(sigma).matmul(a.t()) + q;   // converges: the spectral radius of A is 0.5
        foreach (var window in new[] { 1, 2, 4 })
        {
            var blocks = new List<Tensor> { sigma };
            for (var k = 1; k < 2 * window; k++) blocks.Add(blocks[^1].matmul(a.t()));
            var pi = PredictiveInformation.Of(stack(blocks), eye(2, dtype: float64)).ToDouble();
            var exact = 0.5 * (linalg.slogdet(sigma).Item2.ToDouble() - linalg.slogdet(q).Item2.ToDouble());
            Assert.Equal(exact, pi, 10);
        }
    }

    [Theory]
    [InlineData(1, 0.8303656034108255)]
    [InlineData(2, 0.9742066)]
    [InlineData(3, 0.9946176)]
    public void Fit_OnExactCovariancesOfRotatedAr1Channels_FindsThePlantedSubspaceFromEveryStart(int d, double reference)
    {
        using var scope = NewDisposeScope();
        using var g = new Generator(4);
        // The reference's planted case: independent unit-variance AR(1) channels with a = 0.9, 0.5, 0.2, 0, rotated;
        // the d slowest channels carry the most information, sum of -1/2 log(1 - a^2) (the reference's DCA: 0.830365, 0.974206, 0.994617).
        double[] a = [0.9, 0.5, 0.2, 0];
        var (rotation, _) = linalg.qr(randn([4, 4], float64, generator: g));
        var c = stack(Enumerable.Range(0, 6).Select(k => rotation.matmul(tensor(a.Select(x => Math.Pow(x, k)).ToArray()).diag()).matmul(rotation.t())).ToList());
        var dca = DynamicalComponents.Fit(c, new DcaOptions { Dimensions = d, Window = 3, NoiseFloor = 0, Restarts = 8 }, g);

        var exact = a.Take(d).Sum(x => -0.5 * Math.Log(1 - x * x));
        Assert.Equal(reference, exact, 6);
        Assert.Equal(8, dca.ConvergedStarts);
        Assert.All(dca.Starts, s => Assert.Equal(exact, s.Information, 8));
        Assert.All(dca.Starts, s => Assert.True(MatrixMeasures.PrincipalAngles(tensor(s.Columns.SelectMany(x => x).ToArray(), [d, 4]).t(), rotation.narrow(1, 0, d)).Max() < 1e-4));
    }

    [Fact]
    public void Fit_RecoversAPlantedSlowSubspace_WherePcaFindsTheLoudOne()
    {
        using var scope = NewDisposeScope();
        using var g = new Generator(7);
        // Two slow channels of unit variance and six fast, loud ones (white noise, std 3), mixed by a rotation.
        var slow = Ar1([0.95, 0.9], steps: 150, trials: 60, g);
        var loud = randn([150, 60, 6], float64, generator: g) * 3.0;
        var (rotation, _) = linalg.qr(randn([8, 8], float64, generator: g));
        var states = cat([slow, loud], 2).matmul(rotation.t());
        var planted = rotation.narrow(1, 0, 2);

        var dca = DynamicalComponents.Fit(LaggedCovariances.Of(states, 10), new DcaOptions { Dimensions = 2, Window = 5, NoiseFloor = 0 }, g);
        var dcaAngle = MatrixMeasures.PrincipalAngles(dca.Basis(), planted).Max() * 180 / Math.PI;
        var pca = TrajectoryPca.Fit(states, 2);
        var pcaBasis = tensor(pca.Components.SelectMany(r => r).ToArray(), [2, 8]).t();
        var pcaAngle = MatrixMeasures.PrincipalAngles(pcaBasis, planted).Min() * 180 / Math.PI;

        Assert.True(dcaAngle < 5, $"DCA subspace is {dcaAngle:F1} deg from the planted slow one; PI by start {string.Join(", ", dca.Starts.Select(st => st.Information))}");
        Assert.True(pcaAngle > 60, $"PCA subspace is only {pcaAngle:F1} deg from the planted slow one");
        var exact = -0.5 * Math.Log(1 - 0.95 * 0.95) - 0.5 * Math.Log(1 - 0.81);
        Assert.InRange(dca.Information, exact * 0.9, exact * 1.1);
        var basis = dca.Basis();
        Assert.True((basis.t().matmul(basis) - eye(2, dtype: float64)).abs().max().ToDouble() < 1e-10);
    }

    [Fact]
    public void Fit_WithANoiseFloor_KeepsADeterministicDirectionFinite_AndLessPredictiveThanWithout()
    {
        using var scope = NewDisposeScope();
        using var g = new Generator(9);
        // A sine shared by every trial (deterministic, its PI grows without bound as the noise vanishes) beside white noise.
        var time = arange(0, 120, dtype: float64).reshape(-1, 1, 1).expand(120, 40, 1);
        var states = cat([(time * (2 * Math.PI / 25)).sin(), randn([120, 40, 1], float64, generator: g)], 2);
        var c = LaggedCovariances.Of(states, 6);
        // Along the sine the problem is nearly singular without the floor, where L-BFGS crawls: 200 iterations show the gap.
        var bare = DynamicalComponents.Fit(c, new DcaOptions { Dimensions = 1, Window = 3, NoiseFloor = 1e-9, Iterations = 200 }, g).Information;
        var floored = DynamicalComponents.Fit(c, new DcaOptions { Dimensions = 1, Window = 3, NoiseFloor = 1e-2, Iterations = 200 }, g).Information;
        Assert.True(double.IsFinite(floored) && floored > 0);
        Assert.True(floored < bare - 1, $"PI with the floor {floored:F2}, without {bare:F2}");
    }

    [Fact]
    public void Fit_RejectsCovariancesThatDoNotMatchTheWindow()
    {
        using var scope = NewDisposeScope();
        using var g = new Generator(1);
        var error = Assert.Throws<ArgumentException>(() => DynamicalComponents.Fit(zeros([4, 3, 3], float64), new DcaOptions { Window = 5 }, g));
        Assert.StartsWith("DCA with Window = 5 needs 10 lagged covariances; got 4.", error.Message);
        // Options built in code get the config file's rules and words (OptionsValidator), every problem at once.
        var bad = Assert.Throws<RnnLab.Configuration.ConfigurationException>(() => new DcaOptions { Dimensions = 0, Restarts = 0 }.Validate());
        Assert.Equal(["Dca:Dimensions = 0 is out of range; allowed: an integer of at least 1.", "Dca:Restarts = 0 is out of range; allowed: an integer of at least 1."], bad.Errors);
    }
}
