using RnnLab.Experiments;
using RnnLab.Analysis.FixedPoints;
using RnnLab.Models;
using RnnLab.Tasks;

namespace RnnLab.Analysis.Tests.FixedPoints;

/// <summary>One condition's search of NetworkAnalyzer does not depend on what the searches before it found.</summary>
public sealed class AnalyzerIndependenceTests
{
    [Fact]
    public void ALaterConditionsSearch_DoesNotDependOnTheLinearizationChecksOfAnEarlierOne()
    {
        // With and without the linearization checks of the first condition's fixed point, the second
        // condition starts from the same states and finds the same points, bit for bit.
        using var scope = NewDisposeScope();
        var model = new ModelOptions { Units = 8, Gain = 0.5, NoiseStd = 0 };
        using var network = Networks.Random(model, inputs: 1);
        var task = new PerceptionTask(new PerceptionTaskOptions { Steps = 30, GraceSteps = 3 });
        NetworkAnalysis Analyze(int checks) => new NetworkAnalyzer(new AnalysisOptions
        {
            Conditions = [[0.5], [0.8]],
            Trials = 8,
            LinearizationChecks = checks,
            DcaView = null,
            FixedPoints = new FixedPointOptions { InitialStates = 32, MaxIterations = 2000 },
        }).Analyze(network, task, model, "independence", seed: 5);

        var (checkedFirst, withoutChecks) = (Analyze(8), Analyze(0));
        Assert.Contains(checkedFirst.Points, p => p.ConditionIndex == 0 && p.Linearization is not null);
        var second = checkedFirst.Searches[1].Points;
        Assert.NotEmpty(second);
        Assert.Equal(withoutChecks.Searches[1].Points.Select(p => p.State), second.Select(p => p.State));
        Assert.Equal(withoutChecks.Searches[1].Iterations, checkedFirst.Searches[1].Iterations);
    }
}
