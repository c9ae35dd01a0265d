using static TorchSharp.torch;

namespace RnnLab.Tasks;

/// <summary>What a task samples for one trial (levels, switch times, pulse times, ...), typed per task.</summary>
public abstract record TrialParameters;

/// <summary>
/// A batch of trials, time-major like the model: Inputs [T, B, in], Targets [T, B, out], Mask [T, B, out]
/// (1 where the loss counts, 0 in grace periods), and the parameters each trial was drawn with.
/// </summary>
public sealed record TrialBatch(Tensor Inputs, Tensor Targets, Tensor Mask, IReadOnlyList<TrialParameters> Trials) : IDisposable
{
    /// <summary>Disposes the three tensors.</summary>
    public void Dispose()
    {
        Inputs.Dispose();
        Targets.Dispose();
        Mask.Dispose();
    }
}
