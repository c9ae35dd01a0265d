using RnnLab.Randomness;
using TorchSharp;
using RnnLab.Kernels;
using RnnLab.Models;
using RnnLab.Tasks;
using RnnLab.Training;

namespace RnnLab.Tests.Models;

/// <summary>The fused kernel against op-by-op autograd: same outputs, same gradients, for every option that touches the loop.</summary>
public class FusedTimeLoopTests
{
    public static TheoryData<Activation, bool, bool, bool, ScalarType> Cases()
    {
        var data = new TheoryData<Activation, bool, bool, bool, ScalarType>();
        foreach (var activation in Enum.GetValues<Activation>())
            foreach (var dtype in new[] { ScalarType.Float32, ScalarType.Float64 })
            {
                data.Add(activation, false, false, false, dtype);
                data.Add(activation, true, true, true, dtype);
            }
        data.Add(Activation.Relu, true, false, false, ScalarType.Float32);
        data.Add(Activation.Tanh, false, true, false, ScalarType.Float64);
        data.Add(Activation.Softplus, false, false, true, ScalarType.Float64);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void FusedAndAutograd_AgreeOnOutputsAndGradients(Activation activation, bool noise, bool sparseAndDale, bool learnedInitialState, ScalarType dtype)
    {
        using var scope = NewDisposeScope();
        var options = new ModelOptions
        {
            Units = 12, Activation = activation, LeakyReluAngle = activation == Activation.LeakyRelu ? 0.3 : 0,
            NoiseStd = noise ? 0.05 : 0, InputNoiseStd = noise ? 0.02 : 0,
            Connectivity = sparseAndDale ? Connectivity.Sparse : Connectivity.Dense, Density = 0.5, Dale = sparseAndDale,
            InitialState = learnedInitialState ? InitialState.Learned : InitialState.Zeros, OutputBias = true,
            Train = learnedInitialState ? ["W_rec", "W_in", "b", "W_out", "b_out", "r0"] : ["W_rec", "W_in", "b", "W_out", "b_out"],
        };
        var task = new PerceptionTask(new PerceptionTaskOptions { Steps = 25, GraceSteps = 3 });
        using var data = new Generator(3);
        using var batch = task.Sample(6, data);

        (Tensor rates, Tensor outputs, Dictionary<string, Tensor> grads) Run(TimeLoop loop)
        {
            using var init = new Generator(17);
            var model = new RateRnn(options with { TimeLoop = loop }, 1, 1, init);
            model.to(dtype);
            var inputs = batch.Inputs.to(dtype);
            var trajectory = model.Forward(inputs, SeedStream.For(99, SeedPurpose.TrainingNoise));
            var loss = TaskLoss.MaskedMse(trajectory.Outputs, batch with { Targets = batch.Targets.to(dtype), Mask = batch.Mask.to(dtype) })
                       + trajectory.Rates.square().mean() * 0.1;
            loss.backward();
            return (trajectory.Rates, trajectory.Outputs, model.named_parameters().ToDictionary(p => p.name, p => p.parameter.grad!));
        }

        var fused = Run(TimeLoop.Fused);
        var reference = Run(TimeLoop.Autograd);
        var (rtol, atol) = dtype == ScalarType.Float64 ? (1e-10, 1e-12) : (1e-5, 1e-6);
        Assert.True(reference.rates.allclose(fused.rates, rtol, atol), "rates differ");
        Assert.True(reference.outputs.allclose(fused.outputs, rtol, atol), "outputs differ");
        foreach (var (name, grad) in reference.grads)
            Assert.True(grad.allclose(fused.grads[name], rtol, atol), $"gradient of {name} differs: max |diff| {(grad - fused.grads[name]).abs().max().ToDouble()}");
    }

    [Fact]
    public void BatchedNetworks_MatchEachNetworkRunAlone()
    {
        // K networks in one call ([K, N, N] weights) give what each gives on its own, forward and backward.
        using var scope = NewDisposeScope();
        using var g = new Generator(5);
        const int k = 3, n = 8, b = 4, t = 10;
        var w = (randn([k, n, n], float64, generator: g) * 0.3).requires_grad_(true);
        var drive = randn([t, k, b, n], float64, generator: g).requires_grad_(true);
        var r0 = (rand([k, b, n], float64, generator: g) * 0.1).requires_grad_(true);
        var together = RateRnnLoop.Run(w, drive, r0, 0.2, Activation.Tanh);
        var weights = randn([t, k, b, n], float64, generator: g);
        (together * weights).sum().backward();
        for (var i = 0; i < k; i++)
        {
            var wi = w.detach()[i].clone().requires_grad_(true);
            var di = drive.detach()[.., i].clone().requires_grad_(true);
            var ri = r0.detach()[i].clone().requires_grad_(true);
            var alone = RateRnnLoop.Run(wi, di, ri, 0.2, Activation.Tanh);
            Assert.True(together.detach()[.., i].allclose(alone, 1e-12, 1e-12));
            (alone * weights[.., i]).sum().backward();
            Assert.True(w.grad![i].allclose(wi.grad!, 1e-12, 1e-12));
            Assert.True(drive.grad![.., i].allclose(di.grad!, 1e-12, 1e-12));
            Assert.True(r0.grad![i].allclose(ri.grad!, 1e-12, 1e-12));
        }
    }
}
