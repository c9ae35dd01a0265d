using TorchSharp;
using RnnLab.Analysis.Dca;
using RnnLab.Analysis.WeightComparison;
using RnnLab.Experiments;
using RnnLab.Models;
using RnnLab.Safetensors;
using RnnLab.Tasks;
using RnnLab.Training;

namespace RnnLab.Analysis.Tests.WeightComparison;

/// <summary>The PI sweep says where a network diverges instead of giving a number there.</summary>
public sealed class DivergenceTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rnnlab-diverge-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void ANetworkWithAnEigenvalueAboveOneDivergesWhenLinearAndOnlyThereHasNoPI()
    {
        // Untrained W_rec = 0.5 I, trained 1.5 I. Linear (theta = pi/4) the trained network grows by
        // 1 + 0.5 dt/tau = 1.05 per step, about 3e8 in 400 steps, far past the divergence limit; the untrained one contracts.
        var model = new ModelOptions { Units = 4, SelfConnections = true, NoiseStd = 0.01, Tau = 100, Dt = 10 };
        var options = new ExperimentOptions
        {
            Name = "diverge", Seed = 3, TaskKind = "perception", Model = model,
            Task = new PerceptionTaskOptions { Steps = 400, GraceSteps = 4 }, Training = new TrainingOptions(),
        };
        var run = RunDirectory.Create(Path.Combine(_dir, "run"), options, seeds: null, replace: false);
        using (var scope = NewDisposeScope())
        {
            using var g = new Generator(3);
            using var network = new RateRnn(model, 1, 1, g);
            foreach (var (path, gain) in new[] { (run.Networks[0].InitialModel, 0.5), (run.Networks[0].FinalModel, 1.5) })
            {
                var state = new Dictionary<string, Tensor>(network.StateOf(0).ToDictionary(p => p.Key, p => p.Value.clone()));
                state["W_rec"] = eye(4, dtype: state["W_rec"].dtype) * gain;
                state["b"] = full([4], 0.5, dtype: state["b"].dtype);
                SafetensorsFile.Save(path, state);
            }
        }
        var compare = new ComparisonOptions { Trials = 8, AgreementStarts = 1, Angles = [Math.PI / 4], Dca = new DcaOptions { Dimensions = 2, Window = 3, Iterations = 50, Restarts = 1 } };

        var c = NetworkComparison.Of(run, run.Networks[0], compare);

        var sweep = c.Result<PredictiveInformationSweep>(InformationSweepMeasure.Key);
        Assert.Equal([false], sweep.DivergedInit);
        Assert.Equal([true], sweep.DivergedFinal);
        Assert.True(double.IsNaN(sweep.Final[0]) && double.IsNaN(sweep.FinalWithoutFloor[0]));
        Assert.True(double.IsFinite(sweep.Init[0]) && double.IsFinite(sweep.InitWithoutFloor[0]));
        Assert.Equal(0.5, sweep.AbscissaInit, 9);
        Assert.Equal(1.5, sweep.AbscissaFinal, 9);
        var statistic = c.Statistics.Single(s => s.Name.StartsWith("max PI at theta", StringComparison.Ordinal));
        Assert.Null(statistic.Final);
        Assert.StartsWith("not a measure of information: the trained network diverges at this angle (largest real part of W_rec 1.5)", statistic.Unavailable);
    }
}
