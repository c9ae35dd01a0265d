using RnnLab.Models;
using RnnLab.Tasks;
using static TorchSharp.torch;

namespace RnnLab.Training;

/// <summary>
/// The training objective: masked mean squared error over time (seed 002's "L2 loss over time"),
/// plus optional L2 rate and L1/L2 weight penalties (PsychRNN's regularizers) on the trained weights.
/// </summary>
public static class TaskLoss
{
    /// <summary>sum(mask (z - y)^2) / sum(mask): the error on the counted points only.</summary>
    public static Tensor MaskedMse(Tensor outputs, TrialBatch batch) =>
        ((outputs - batch.Targets).square() * batch.Mask).sum() / batch.Mask.sum().clamp(min: 1);

    /// <summary>The full objective for one batch.</summary>
    public static Tensor Objective(RateRnn model, RateRnnTrajectory trajectory, TrialBatch batch, TrainingOptions options) =>
        Objective(trajectory, batch, options, () => TrainedWeights(model));

    /// <summary>The objective of network k of an ensemble (its trajectory already selected), with penalties on its own weights.</summary>
    public static Tensor Objective(RateRnnEnsemble ensemble, int k, RateRnnTrajectory trajectory, TrialBatch batch, TrainingOptions options) =>
        Objective(trajectory, batch, options, () => TrainedWeights(ensemble, k));

    // Error plus penalties; the penalized weights are only looked up when a weight penalty is on.
    private static Tensor Objective(RateRnnTrajectory trajectory, TrialBatch batch, TrainingOptions options, Func<IEnumerable<Tensor>> penalized)
    {
        var loss = MaskedMse(trajectory.Outputs, batch);
        if (options.RatePenalty > 0) loss = loss + trajectory.Rates.square().mean() * options.RatePenalty;
        if (options.WeightL1 > 0 || options.WeightL2 > 0)
        {
            foreach (var weight in penalized())
            {
                if (options.WeightL1 > 0) loss = loss + weight.abs().mean() * options.WeightL1;
                if (options.WeightL2 > 0) loss = loss + weight.square().mean() * options.WeightL2;
            }
        }
        return loss;
    }

    // The penalties see W_rec as it acts (masked), so constrained entries stay exactly where they are.
    private static IEnumerable<Tensor> TrainedWeights(RateRnn model)
    {
        foreach (var (name, p) in model.named_parameters())
        {
            if (!p.requires_grad) continue;
            if (name == "W_rec") yield return model.EffectiveRecurrentWeights();
            else if (name is "W_in" or "W_out") yield return p;
        }
    }

    private static IEnumerable<Tensor> TrainedWeights(RateRnnEnsemble ensemble, int k)
    {
        foreach (var (name, p) in ensemble.named_parameters())
        {
            if (!p.requires_grad) continue;
            if (name == "W_rec") yield return ensemble.EffectiveRecurrentWeights()[k];
            else if (name is "W_in" or "W_out") yield return p[k];
        }
    }
}
