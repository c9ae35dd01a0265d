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

    /// <summary>
    /// The full objective of network k of the model for one batch: its trajectory (selected from the model's,
    /// [T, B, ...]) against the batch, with the weight penalties on its own weights.
    /// </summary>
    public static Tensor Objective(RateRnn model, int k, RateRnnTrajectory trajectory, TrialBatch batch, TrainingOptions options)
    {
        var loss = MaskedMse(trajectory.Outputs, batch);
        if (options.RatePenalty > 0) loss = loss + trajectory.Rates.square().mean() * options.RatePenalty;
        if (options.WeightL1 > 0 || options.WeightL2 > 0)
        {
            foreach (var weight in TrainedWeights(model, k))
            {
                if (options.WeightL1 > 0) loss = loss + weight.abs().mean() * options.WeightL1;
                if (options.WeightL2 > 0) loss = loss + weight.square().mean() * options.WeightL2;
            }
        }
        return loss;
    }

    // The penalties see W_rec as it acts (masked), so constrained entries stay exactly where they are.
    private static IEnumerable<Tensor> TrainedWeights(RateRnn model, int k)
    {
        foreach (var (name, p) in model.named_parameters())
        {
            if (!p.requires_grad) continue;
            if (name == "W_rec") yield return model.EffectiveRecurrentWeights()[k];
            else if (name is "W_in" or "W_out") yield return p[k];
        }
    }
}
