using TorchSharp;
using RnnLab.Analysis.Dca;
using RnnLab.Experiments;
using RnnLab.Models;
using RnnLab.Randomness;

namespace RnnLab.Analysis.Tests.Dca;

/// <summary>DCA's estimate on seed 002's own networks (the shipped configs, untrained), on task trials with the model's noise.</summary>
public class SeedNetworkEstimateTests
{
    [Theory]
    [InlineData("experiments/perception.json")]
    [InlineData("experiments/decision.json")]
    public void TheWindowsEstimateIsPositiveDefinite_WhereTheBlockToeplitzOneNeedsRectification(string config)
    {
        using var scope = NewDisposeScope();
        var options = ExperimentConfig.Load(RepositoryFiles.Find(config), environment: new Dictionary<string, string>());
        var task = options.CreateTask();
        using var network = RateRnn.ForSeed(options.Model, task.InputSize, task.OutputSize, 7);
        using var generator = new Generator(3);
        var trials = task.Sample(64, generator);
        Tensor rates;
        using (no_grad()) rates = network.Forward(trials.Inputs, SeedStream.For(7, SeedPurpose.Comparison, 1)).Rates.to(float64);

        // Positive semi-definite as it is (units that never fire are exactly singular directions), and positive definite with
        // DCA's noise floor, which every fit adds: its smallest eigenvalue is the floor itself.
        var windows = PredictiveEstimate.Windows(rates, 5);
        var units = options.Model.Units;
        var identity = eye(units, dtype: float64);
        var raw = linalg.eigvalsh(windows.Covariance(identity));
        Assert.True(raw.min().ToDouble() > -1e-12 * raw.max().ToDouble(), $"the window covariance has the eigenvalue {raw.min().ToDouble()}");
        var floor = new DcaOptions().NoiseFloor * windows.MeanVariance;
        var fitted = linalg.eigvalsh(windows.WithNoiseFloor(new DcaOptions().NoiseFloor).Covariance(identity)).min().ToDouble();
        Assert.InRange(fitted, floor * (1 - 1e-9), double.MaxValue);
        Assert.True(PredictiveEstimate.Toeplitz(rates, 5).Rectification > 1, "the block-Toeplitz estimate of these trials needed little rectification; the test no longer shows why windows is the default");
    }
}
