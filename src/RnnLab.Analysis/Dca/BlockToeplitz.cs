using static TorchSharp.torch;

namespace RnnLab.Analysis.Dca;

/// <summary>
/// The covariance of w consecutive states of a stationary process from its lagged covariances
/// P_k = E[x_t x_(t+k)^T], k = 0 .. w-1: block (i, j) is P_(j-i) on and above the diagonal and P_(i-j)^T
/// below it, i.e. E[x_(t+i) x_(t+j)^T].
/// </summary>
public static class BlockToeplitz
{
    /// <summary>Sigma [w m, w m] from P [w, m, m]; differentiable in P.</summary>
    public static Tensor Of(Tensor lagged)
    {
        var w = lagged.size(0);
        var m = lagged.size(1);
        // Lay out P_(w-1)^T .. P_1^T, P_0 .. P_(w-1) once and gather the blocks by j - i.
        var row = cat([lagged.narrow(0, 1, w - 1).flip(0).transpose(1, 2), lagged]);   // [2w-1, m, m]
        var index = new long[w * w];
        for (var i = 0; i < w; i++)
            for (var j = 0; j < w; j++)
                index[i * w + j] = j - i + w - 1;
        return row.index_select(0, tensor(index)).reshape(w, w, m, m).permute(0, 2, 1, 3).reshape(w * m, w * m);
    }
}
