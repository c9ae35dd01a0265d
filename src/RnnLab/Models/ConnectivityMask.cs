using TorchSharp;
using static TorchSharp.torch;

namespace RnnLab.Models;

/// <summary>
/// Builds the 0/1 mask on W_rec (entry [i, j] allows the connection from unit j to unit i). Seed 003
/// treats every architecture as a constraint on one global W: feed-forward is the block sub-diagonal
/// (layer k receives only from layer k-1), and self-connections are the diagonal.
/// </summary>
public static class ConnectivityMask
{
    /// <summary>The mask for the options; sparse masks draw from the generator.</summary>
    public static Tensor Build(ModelOptions options, Generator generator)
    {
        using var scope = NewDisposeScope();
        var n = options.Units;
        var mask = options.Connectivity switch
        {
            Connectivity.Dense => ones([n, n]),
            Connectivity.Sparse => bernoulli(full([n, n], options.Density), generator: generator),
            Connectivity.FeedForward => FeedForward(options.LayerSizes),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Connectivity, "unknown connectivity"),
        };
        if (!options.SelfConnections) mask.diagonal().fill_(0);   // a view: zeroes the diagonal in place
        return mask.MoveToOuterDisposeScope();
    }

    private static Tensor FeedForward(int[] layers)
    {
        var n = layers.Sum();
        var mask = zeros(n, n);
        var start = 0;
        for (var k = 1; k < layers.Length; k++)
        {
            var previous = start;
            start += layers[k - 1];
            using var block = mask.narrow(0, start, layers[k]).narrow(1, previous, layers[k - 1]);
            block.fill_(1);
        }
        return mask;
    }
}
