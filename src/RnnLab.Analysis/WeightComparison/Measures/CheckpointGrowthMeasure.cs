using RnnLab.Experiments;
using RnnLab.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace RnnLab.Analysis.WeightComparison;

/// <summary>
/// The effective W_rec at one saved checkpoint: its mean weight (seed 002 Fig. 4), and its change from init
/// (Fig. 7 as a function of the step): the fractions of weights changed by more than each fraction of
/// std(W_init), and the eigenvalues moved.
/// </summary>
public sealed record WeightsAtCheckpoint(int Step, double MeanWeight, IReadOnlyList<ChangedFraction> Changed, int EigenvaluesMoved);

/// <summary>The weights at each saved checkpoint, in step order; step 0 is init.</summary>
public sealed record CheckpointGrowth(IReadOnlyList<WeightsAtCheckpoint> Checkpoints);

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
        // W_init's spectrum and mean are the ones the weight change already computed.
        var growth = new List<WeightsAtCheckpoint> { new(0, c.Change.Before.Mean, [.. o.ChangeFractions.Select(f => new ChangedFraction(f, 0))], 0) };
        var task = c.Simulator.Task;
        foreach (var path in c.Network.Checkpoints().Reverse())
        {
            using var scope = NewDisposeScope();
            using var checkpoint = TrainingCheckpoint.Load(path);
            NetworkLoader.CheckFits(c.Run.Options.Model, task, path, checkpoint.Model);
            var w = RateRnn.EffectiveRecurrentWeights(checkpoint.Model);
            // The mean in float64, as WeightDistribution takes it: the final checkpoint's is the table's trained mean weight.
            growth.Add(new WeightsAtCheckpoint(checkpoint.Step, w.masked_select(c.Mask.to(@bool)).to(float64).mean().ToDouble(),
                WeightChange.FractionsChanged(c.InitWeights, w, c.Mask, o.ChangeFractions),
                WeightChange.CountEigenvaluesMoved(c.Change.Eigenvalues.Before, w, o.EigenvalueThreshold)));
        }
        return new CheckpointGrowth(growth);
    }
}
