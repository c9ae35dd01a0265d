using RnnLab.Experiments;
using TorchSharp;
using static TorchSharp.torch;

namespace RnnLab.Analysis.WeightComparison;

/// <summary>
/// The mean weight at each saved checkpoint (seed 002 Fig. 4), and the change from init at each (Fig. 7 as
/// a function of the step): Steps[s] with MeanWeight[s] and Changes[s]; step 0 is init.
/// </summary>
public sealed record CheckpointGrowth(IReadOnlyList<(int Step, double MeanWeight)> MeanWeight, IReadOnlyList<ChangeAtCheckpoint> Changes);

/// <summary>"checkpoint_growth": how the weights move over the saved checkpoints (<see cref="CheckpointGrowth"/>); no table rows.</summary>
public sealed class CheckpointGrowthMeasure : ComparisonMeasure<CheckpointGrowth>
{
    /// <summary>The measure's id.</summary>
    public const string Key = "checkpoint_growth";

    /// <inheritdoc />
    public override string Id => Key;

    /// <inheritdoc />
    protected override CheckpointGrowth Of(ComparisonContext c)
    {
        var o = c.Options.Weights;
        var series = new List<(int, double)> { (0, c.Change.Before.Mean) };
        // W_init's spectrum is the one the weight change already computed.
        var growth = new List<ChangeAtCheckpoint> { new(0, [.. o.ChangeFractions.Select(f => new ChangedFraction(f, 0))], 0) };
        var task = c.Simulator.Task;
        foreach (var path in c.Network.Checkpoints().Reverse())
        {
            using var scope = NewDisposeScope();
            using var checkpoint = TrainingCheckpoint.Load(path);
            NetworkLoader.CheckFits(c.Run.Options.Model, task, path, checkpoint.Model);
            var w = NetworkComparison.Effective(checkpoint.Model, c.Dale);
            series.Add((checkpoint.Step, w.masked_select(c.Mask.to(@bool)).mean().ToDouble()));
            growth.Add(new ChangeAtCheckpoint(checkpoint.Step, WeightChange.FractionsChanged(c.InitWeights, w, c.Mask, o.ChangeFractions),
                WeightChange.CountEigenvaluesMoved(c.Change.Eigenvalues.Before, w, o.EigenvalueThreshold)));
        }
        return new CheckpointGrowth(series, growth);
    }
}
