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

    [Fact]
    public void LaggedCovariances_MatchAHandComputedSeries()
    {
        using var scope = NewDisposeScope();
        // x = 1, 2, 3, 4: centred -1.5, -0.5, 0.5, 1.5.
        var c = LaggedCovariances.Of(tensor(new[] { 1.0, 2, 3, 4 }, [4, 1, 1]), 3).reshape(-1).ToArray<double>();
        Assert.Equal(5.0 / 4, c[0], 12);
        Assert.Equal((0.75 - 0.25 + 0.75) / 3, c[1], 12);
        Assert.Equal((-0.75 - 0.75) / 2, c[2], 12);
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
        var pi = PredictiveInformation.Of(LaggedCovariances.Of(states, 6), ones([1, 1], float64)).ToDouble();
        var exact = -0.5 * Math.Log(1 - 0.81);
        Assert.InRange(pi, exact * 0.95, exact * 1.05);
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

        Assert.True(dcaAngle < 5, $"DCA subspace is {dcaAngle:F1} deg from the planted slow one; PI by start {string.Join(", ", dca.InformationByStart)}");
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
        var bare = DynamicalComponents.Fit(c, new DcaOptions { Dimensions = 1, Window = 3, NoiseFloor = 1e-9 }, g).Information;
        var floored = DynamicalComponents.Fit(c, new DcaOptions { Dimensions = 1, Window = 3, NoiseFloor = 1e-2 }, g).Information;
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
