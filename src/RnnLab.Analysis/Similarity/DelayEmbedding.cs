using static TorchSharp.torch;

namespace RnnLab.Analysis.Similarity;

/// <summary>
/// The delay (Hankel) embedding DSA fits its operator on (mitchellostrow/DSA, embed_signal_torch): each
/// trial's row t is [x(t + (d-1) tau), x(t + (d-2) tau), ..., x(t)], the most recent sample first, for d
/// delays tau steps apart. A trial of T steps gives T - (d-1) tau rows; trials are embedded separately, so
/// no row mixes two trials.
/// </summary>
public static class DelayEmbedding
{
    /// <summary>Embeds trials [K, T, N] into [K, T - (delays - 1) interval, N delays].</summary>
    public static Tensor Of(Tensor trials, int delays, int interval = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delays, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(interval, 1);
        if (trials.dim() != 3) throw new ArgumentException($"delay embedding takes trials [K, T, N], got [{string.Join(", ", trials.shape)}]");
        var steps = trials.size(1) - (long)(delays - 1) * interval;
        if (steps < 1) throw new ArgumentException($"{delays} delays {interval} step(s) apart need trials longer than {trials.size(1)} steps");
        var blocks = Enumerable.Range(0, delays).Select(k => trials.narrow(1, (long)(delays - 1 - k) * interval, steps)).ToArray();
        return cat(blocks, 2);
    }
}
