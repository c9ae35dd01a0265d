using RnnLab.Randomness;
using TorchSharp;
using RnnLab.Models;
using RnnLab.Tasks;
using RnnLab.Training;

namespace RnnLab.Tests.Models;

public class RateRnnTests
{
    private static RateRnn Network(ModelOptions options, int inputs = 2, int outputs = 1, ulong seed = 9)
    {
        using var g = new Generator(seed);
        return new RateRnn(options, inputs, outputs, g);
    }

    [Fact]
    public void Forward_MatchesTheEulerRecursionWrittenOut_IncludingTheNoiseScale()
    {
        using var scope = NewDisposeScope();
        var options = new ModelOptions { Units = 5, Tau = 100, Dt = 20, NoiseStd = 0.3, Activation = Activation.Tanh, SelfConnections = true };
        using var model = Network(options);
        model.to(float64);
        using var g = new Generator(1);
        var inputs = randn([4, 3, 2], float64, generator: g);
        var trajectory = model.Forward(inputs, SeedStream.For(77, SeedPurpose.TrainingNoise));

        // The same draws, taken by hand: the model draws recurrent noise [T, B, N] in one block.
        var n = new double[4 * 3 * 5];
        SeedStream.For(77, SeedPurpose.TrainingNoise).Fill(n);
        var w = model.state_dict()["W_rec"].ToArray<double>();
        var win = model.state_dict()["W_in"].ToArray<double>();
        var bias = model.state_dict()["b"].ToArray<double>();
        var wout = model.state_dict()["W_out"].ToArray<double>();
        var u = inputs.ToArray<double>();
        double alpha = 0.2, scale = Math.Sqrt(2 * 0.3 * 0.3 / alpha);
        var rates = trajectory.Rates.ToArray<double>();
        var outputs = trajectory.Outputs.ToArray<double>();
        for (var b = 0; b < 3; b++)
        {
            var r = new double[5];
            for (var t = 0; t < 4; t++)
            {
                var next = new double[5];
                for (var i = 0; i < 5; i++)
                {
                    var m = bias[i] + scale * n[(t * 3 + b) * 5 + i];
                    for (var j = 0; j < 5; j++) m += w[i * 5 + j] * r[j];
                    for (var k = 0; k < 2; k++) m += win[i * 2 + k] * u[(t * 3 + b) * 2 + k];
                    next[i] = (1 - alpha) * r[i] + alpha * Math.Tanh(m);
                    Assert.Equal(next[i], rates[(t * 3 + b) * 5 + i], 12);
                }
                r = next;
                Assert.Equal(Enumerable.Range(0, 5).Sum(j => wout[j] * r[j]), outputs[t * 3 + b], 12);
            }
        }
    }

    [Fact]
    public void EachNetworkOfSeveral_ComputesAndTrainsAsItWouldAlone()
    {
        using var scope = NewDisposeScope();
        var options = new ModelOptions { Units = 10, NoiseStd = 0.05, InputNoiseStd = 0.01, Dale = true, InitialState = InitialState.Random, Train = ["W_rec", "W_in"] };
        ulong[] seeds = [4, 9, 23];
        using var data = new Generator(1);
        var inputs = randn([15, 3, 5, 2], generator: data);        // [T, K, B, in]
        var targets = randn([15, 3, 5, 1], generator: data);

        using var together = RateRnn.ForSeeds(options, 2, 1, seeds);
        Assert.Equal(3, together.Count);
        Assert.Equal([3L, 10, 10], together.state_dict()["W_rec"].shape);
        using var togetherAdam = optim.Adam(together.TrainableParameters, lr: 0.01);
        var singles = seeds.Select(s => RateRnn.ForSeed(options, 2, 1, s)).ToList();
        var singleAdams = singles.Select(m => optim.Adam(m.TrainableParameters, lr: 0.01)).ToList();
        for (var k = 0; k < 3; k++)   // drawn exactly as alone
            foreach (var (name, value) in singles[k].StateOf(0))
                Assert.True(value.equal(together.StateOf(k)[name]).all().item<bool>(), $"network {k}: {name} drawn differently");
        var noise = seeds.Select(s => SeedStream.For(s, SeedPurpose.TrainingNoise)).ToList();
        var aloneNoise = seeds.Select(s => SeedStream.For(s, SeedPurpose.TrainingNoise)).ToList();

        for (var step = 0; step < 3; step++)
        {
            using var stepScope = NewDisposeScope();
            togetherAdam.zero_grad();
            var run = together.call(inputs, noise);
            // Summed per-network losses keep each network's gradient its own.
            (run.Outputs - targets).square().mean([0, 2, 3]).sum().backward();
            togetherAdam.step();
            for (var k = 0; k < 3; k++)
            {
                singleAdams[k].zero_grad();
                var alone = singles[k].Forward(inputs[.., k], aloneNoise[k]);
                Assert.True(alone.Outputs.allclose(run.Outputs.detach()[.., k], 1e-5, 1e-6), $"step {step}, network {k}: outputs differ");
                (alone.Outputs - targets[.., k]).square().mean().backward();
                singleAdams[k].step();
            }
        }
        for (var k = 0; k < 3; k++)
            foreach (var (name, value) in singles[k].StateOf(0))
                Assert.True(value.allclose(together.StateOf(k)[name], 1e-5, 1e-6), $"network {k}: {name} differs after training");

        foreach (var a in singleAdams) a.Dispose();
        foreach (var m in singles) m.Dispose();
    }

    [Fact]
    public void OneNetwork_RunsTheSameNumbersThroughTheNetworkDimension_AndItsStateHasTheFilesShapes()
    {
        using var scope = NewDisposeScope();
        var options = new ModelOptions { Units = 7, NoiseStd = 0.05, InputNoiseStd = 0.01, Dale = true, InitialState = InitialState.Learned, OutputBias = true, Train = ["W_rec", "W_in", "b", "W_out", "b_out", "r0"] };
        using var data = new Generator(2);
        var inputs = randn([9, 4, 2], generator: data);   // [T, B, in]
        using var model = RateRnn.ForSeed(options, 2, 1, 5);
        Assert.Equal(1, model.Count);
        Assert.Equal([1L, 7, 7], model.state_dict()["W_rec"].shape);
        Assert.Equal([7L, 7], model.StateOf(0)["W_rec"].shape);
        Assert.Equal([7L], model.StateOf(0)["dale_sign"].shape);

        Dictionary<string, Tensor> Gradients(RateRnnTrajectory run)
        {
            model.zero_grad();
            (run.Outputs.square().mean() + run.Rates.square().mean()).backward();
            return model.named_parameters().ToDictionary(p => p.name, p => p.parameter.grad!.clone());
        }
        var alone = model.Forward(inputs, SeedStream.For(3, SeedPurpose.TrainingNoise));
        var aloneGradients = Gradients(alone);
        var through = model.call(inputs.unsqueeze(1), [SeedStream.For(3, SeedPurpose.TrainingNoise)]);   // [T, 1, B, in]
        var throughGradients = Gradients(new RateRnnTrajectory(through.Rates.select(1, 0), through.Outputs.select(1, 0)));
        Assert.True(alone.Rates.equal(through.Rates.select(1, 0)).all().item<bool>());
        Assert.True(alone.Outputs.equal(through.Outputs.select(1, 0)).all().item<bool>());
        foreach (var (name, gradient) in aloneGradients) Assert.True(gradient.equal(throughGradients[name]).all().item<bool>(), name);

        // A network's state goes into another model's network, which then computes the same.
        using var other = RateRnn.ForSeed(options, 2, 1, 6);
        other.LoadStateOf(0, model.StateOf(0));
        Assert.True(other.Forward(inputs, null).Outputs.equal(model.Forward(inputs, null).Outputs).all().item<bool>());
        Assert.Throws<ArgumentException>(() => other.LoadStateOf(0, new Dictionary<string, Tensor>(model.StateOf(0)) { ["b"] = zeros(8) }));
    }

    [Theory]
    [InlineData(Activation.Relu)]
    [InlineData(Activation.Tanh)]
    [InlineData(Activation.LeakyRelu)]
    [InlineData(Activation.Softplus)]
    [InlineData(Activation.Linear)]
    public void LossGradient_MatchesFiniteDifferences_ForEveryParameter(Activation activation)
    {
        using var scope = NewDisposeScope();
        var options = new ModelOptions
        {
            Units = 4, NoiseStd = 0, Activation = activation, LeakyReluAngle = activation == Activation.LeakyRelu ? 0.3 : 0,
            Train = ["W_rec", "W_in", "b", "W_out", "b_out", "r0"], OutputBias = true, InitialState = InitialState.Learned, InitialStateStd = 0.5,
        };
        using var model = Network(options, inputs: 1);
        model.to(float64);
        using var g = new Generator(4);
        var task = new PerceptionTask(new PerceptionTaskOptions { Steps = 6, GraceSteps = 1 });
        using var batch = task.Sample(3, g);
        var inputs = batch.Inputs.to(float64);
        var targets = batch.Targets.to(float64);
        var batch64 = new TrialBatch(inputs, targets, batch.Mask.to(float64), batch.Trials);
        double Loss() => TaskLoss.MaskedMse(model.Forward(inputs, null).Outputs, batch64).ToDouble();

        model.zero_grad();
        TaskLoss.MaskedMse(model.Forward(inputs, null).Outputs, batch64).backward();
        const double h = 1e-6;
        foreach (var (name, p) in model.named_parameters())
        {
            var analytic = p.grad!.ToArray<double>();
            var flat = p.detach().reshape(-1);
            for (var i = 0; i < analytic.Length; i++)
            {
                if (name == "W_rec" && i % 5 == 0) { Assert.Equal(0, analytic[i]); continue; } // masked diagonal
                double Shifted(double delta)
                {
                    using (no_grad()) flat[i] = flat[i] + delta;
                    var value = Loss();
                    using (no_grad()) flat[i] = flat[i] - delta;
                    return value;
                }
                var numeric = (Shifted(h) - Shifted(-h)) / (2 * h);
                Assert.True(Math.Abs(numeric - analytic[i]) <= 1e-6 * (1 + Math.Abs(numeric)), $"{activation} {name}[{i}]: autograd {analytic[i]}, finite difference {numeric}");
            }
        }
    }

    [Fact]
    public void NoSelfConnections_DiagonalIsZeroAtInit()
    {
        using var model = Network(new ModelOptions { Units = 8 });
        Assert.All(model.StateOf(0)["W_rec"].diag().ToArray<float>(), v => Assert.Equal(0f, v));
    }

    [Fact]
    public void FeedForwardConnectivity_IsBlockSubDiagonal()
    {
        using var scope = NewDisposeScope();
        using var model = Network(new ModelOptions { Units = 5, Connectivity = Connectivity.FeedForward, LayerSizes = [2, 2, 1] });
        var mask = model.state_dict()["mask"].ToArray<float>();
        int[] layer = [0, 0, 1, 1, 2];
        for (var i = 0; i < 5; i++)
            for (var j = 0; j < 5; j++)
                Assert.Equal(layer[i] == layer[j] + 1 ? 1f : 0f, mask[i * 5 + j]);
        Assert.Equal(0f, model.EffectiveRecurrentWeights().ToArray<float>()[0 * 5 + 2]);
    }

    [Fact]
    public void SparseConnectivity_HasTheRequestedDensity()
    {
        using var model = Network(new ModelOptions { Units = 200, Connectivity = Connectivity.Sparse, Density = 0.2 });
        var mask = model.state_dict()["mask"].ToArray<float>();
        Assert.InRange(mask.Average(), 0.18, 0.22);
    }

    [Fact]
    public void LeakyReluAngle_SetsTheNegativeSlope()
    {
        using var scope = NewDisposeScope();
        var f = new ActivationFunction(Activation.LeakyRelu, Math.PI / 4);
        Assert.Equal(-2.0, f.Apply(tensor(new[] { -2.0 })).ToDouble(), 12);
        Assert.Equal(0.0, new ActivationFunction(Activation.LeakyRelu, 0).Apply(tensor(new[] { -2.0 })).ToDouble());
        Assert.Equal(-2 * Math.Tan(0.3), new ActivationFunction(Activation.LeakyRelu, 0.3).Apply(tensor(new[] { -2.0 })).ToDouble(), 12);
    }
}
