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

    [Theory]
    [InlineData(Activation.Relu, ScalarType.Float32, false)]
    [InlineData(Activation.Tanh, ScalarType.Float64, false)]
    [InlineData(Activation.LeakyRelu, ScalarType.Float64, true)]
    [InlineData(Activation.Softplus, ScalarType.Float32, true)]
    public void TensorOpsPath_MatchesTheCpuPath_ForOneNetworkAndForSeveral(Activation activation, ScalarType dtype, bool batched)
    {
        // The path other devices take (TorchSharp ops) against the BLAS + SIMD path, forward and backward.
        using var scope = NewDisposeScope();
        using var g = new Generator(8);
        const int k = 3, n = 10, b = 5, t = 12;
        long[] lead = batched ? [k] : [];
        var w0 = randn([.. lead, n, n], dtype, generator: g) * 0.4;
        var drive0 = randn([t, .. lead, b, n], dtype, generator: g);
        var r00 = rand([.. lead, b, n], dtype, generator: g) * 0.1;
        var weights = randn([t, .. lead, b, n], dtype, generator: g);
        (Tensor rates, Tensor[] grads) Run(KernelPath path)
        {
            var w = w0.clone().requires_grad_(true);
            var drive = drive0.clone().requires_grad_(true);
            var r0 = r00.clone().requires_grad_(true);
            var rates = RateRnnLoop.Run(w, drive, r0, 0.2, activation, activation == Activation.LeakyRelu ? 0.1 : 0, path);
            (rates * weights).sum().backward();
            return (rates.detach(), [w.grad!, drive.grad!, r0.grad!]);
        }
        var cpu = Run(KernelPath.Auto);
        var ops = Run(KernelPath.TensorOps);
        // Relative to each array's largest entry: the two paths sum products in different orders, and a
        // float32 gradient entry near zero carries the rounding of the large terms that cancelled in it.
        var tolerance = dtype == ScalarType.Float64 ? 1e-10 : 1e-5;
        void Close(Tensor expected, Tensor actual, string what)
        {
            var error = (expected - actual).abs().max().ToDouble() / expected.abs().max().ToDouble();
            Assert.True(error <= tolerance, $"{what} differs: relative error {error:E2}");
        }
        Close(cpu.rates, ops.rates, "rates");
        foreach (var (name, i) in new[] { ("W", 0), ("drive", 1), ("r0", 2) }) Close(cpu.grads[i], ops.grads[i], $"gradient of {name}");
    }
}
