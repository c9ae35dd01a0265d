using RnnLab.Randomness;
using RnnLab.Models;

namespace RnnLab.Tests.Models;

public class RateRnnEnsembleTests
{
    [Fact]
    public void EachNetworkOfTheEnsemble_ComputesAndTrainsAsItWouldAlone()
    {
        using var scope = NewDisposeScope();
        var options = new ModelOptions { Units = 10, NoiseStd = 0.05, InputNoiseStd = 0.01, Dale = true, InitialState = InitialState.Random, Train = ["W_rec", "W_in"] };
        ulong[] seeds = [4, 9, 23];
        using var data = new Generator(1);
        var inputs = randn([15, 3, 5, 2], generator: data);        // [T, K, B, in]
        var targets = randn([15, 3, 5, 1], generator: data);

        using var ensemble = new RateRnnEnsemble(options, 2, 1, seeds);
        using var ensembleAdam = optim.Adam(ensemble.TrainableParameters, lr: 0.01);
        var singles = seeds.Select(s => RateRnn.ForSeed(options, 2, 1, s)).ToList();
        var singleAdams = singles.Select(m => optim.Adam(m.TrainableParameters, lr: 0.01)).ToList();
        var noise = seeds.Select(s => SeedStream.For(s, SeedPurpose.TrainingNoise)).ToList();
        var aloneNoise = seeds.Select(s => SeedStream.For(s, SeedPurpose.TrainingNoise)).ToList();

        for (var step = 0; step < 3; step++)
        {
            using var stepScope = NewDisposeScope();
            ensembleAdam.zero_grad();
            var together = ensemble.Forward(inputs, noise);
            // Summed per-network losses keep each network's gradient its own.
            (together.Outputs - targets).square().mean([0, 2, 3]).sum().backward();
            ensembleAdam.step();
            for (var k = 0; k < 3; k++)
            {
                singleAdams[k].zero_grad();
                var alone = singles[k].Forward(inputs[.., k], aloneNoise[k]);
                Assert.True(alone.Outputs.allclose(together.Outputs.detach()[.., k], 1e-5, 1e-6), $"step {step}, network {k}: outputs differ");
                (alone.Outputs - targets[.., k]).square().mean().backward();
                singleAdams[k].step();
            }
        }
        for (var k = 0; k < 3; k++)
            foreach (var (name, value) in singles[k].state_dict())
                Assert.True(value.allclose(ensemble.StateOf(k)[name], 1e-5, 1e-6), $"network {k}: {name} differs after training");

        foreach (var a in singleAdams) a.Dispose();
        foreach (var m in singles) m.Dispose();
    }
}
