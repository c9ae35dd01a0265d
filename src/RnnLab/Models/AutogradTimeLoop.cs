using static TorchSharp.torch;

namespace RnnLab.Models;

/// <summary>The time loop as plain tensor ops: libtorch autograd records every step (BPTT by autograd).</summary>
public sealed class AutogradTimeLoop : ITimeLoop
{
    /// <inheritdoc />
    public Tensor Run(Tensor recurrentWeights, Tensor drive, Tensor r0, double alpha, ActivationFunction activation)
    {
        var steps = drive.size(0);
        var wt = recurrentWeights.t();
        var r = r0;
        var rates = new Tensor[steps];
        for (var t = 0; t < steps; t++)
        {
            var pre = drive.select(0, t).addmm(r, wt);           // [B, N]
            r = r * (1 - alpha) + activation.Apply(pre) * alpha;  // [B, N]
            rates[t] = r;
        }
        return stack(rates, 0);                                   // [T, B, N]
    }
}
