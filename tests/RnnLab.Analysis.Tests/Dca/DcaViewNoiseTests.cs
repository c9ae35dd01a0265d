using RnnLab.Experiments;
using RnnLab.Analysis.FixedPoints;
using RnnLab.Models;
using RnnLab.Tasks;

namespace RnnLab.Analysis.Tests.Dca;

/// <summary>analyze's DCA view is fitted to trials with the model's recurrent noise: DCA models a stochastic process.</summary>
public sealed class DcaViewNoiseTests
{
    [Fact]
    public void AnalyzeOfALinearNetworkDrivenOnlyByItsNoise_HasAFiniteDcaView()
    {
        using var scope = NewDisposeScope();
        // No input drive, no bias: every noise-free trial stays at r = 0, whose covariance is zero. The noise is what moves it.
        var model = new ModelOptions { Units = 6, Gain = 0.8, NoiseStd = 0.05, Activation = Activation.Linear };
        using var network = Networks.Random(model, inputs: 1);
        using (no_grad())
        {
            network.state_dict()["W_in"].zero_();
            network.state_dict()["b"].zero_();
        }
        var task = new PerceptionTask(new PerceptionTaskOptions { Steps = 60, GraceSteps = 3 });
        var analysis = new NetworkAnalyzer(new AnalysisOptions
        {
            Conditions = [[0.5]],
            Trials = 16,
            LinearizationChecks = 0,
            FixedPoints = new FixedPointOptions { InitialStates = 8, MaxIterations = 200 },
        }).Analyze(network, task, model, "noise", seed: 3);

        Assert.NotNull(analysis.Dca);
        Assert.True(double.IsFinite(analysis.Dca.Information) && analysis.Dca.Information > 0, $"PI {analysis.Dca.Information}");
    }
}
