using TorchSharp;
using static TorchSharp.torch;

namespace RnnLab.Analysis.Similarity;

/// <summary>How close two operators are up to an orthogonal change of coordinates: the angle, and whether the search settled.</summary>
/// <param name="Angle">arccos⟨Â, C B̂ Cᵀ⟩ at the best C found, in radians (0: the same dynamics).</param>
/// <param name="Converged">Whether the best search's loss changed by less than <see cref="OperatorProcrustes.Tolerance"/> over its last tenth of iterations.</param>
public sealed record OperatorMatch(double Angle, bool Converged);

/// <summary>
/// DSA's Procrustes over vector fields (mitchellostrow/DSA, SimilarityTransformDist, as published in 2023:
/// score "angular", zero-padding to a common size): A and B are divided by their Frobenius norms, and
/// C in O(n) minimizes |Â - C B̂ Cᵀ|_F², moved by Adam. The reference writes C as the Cayley transform of a
/// skew-symmetric S, (I + S)⁻¹(I - S), which never has the eigenvalue -1: a rotation such as diag(1, -1, -1)
/// (the sign flips two SVDs of one system can differ by) is out of its reach. Here C = exp(S), which reaches
/// every rotation. Rotations are half of O(n), so every pair is also searched with B's first two
/// coordinates swapped (a reflection), as the reference does, and each pair keeps the better of the two.
/// The loss has local minima on the group: the reference starts once from a random C; here every pair is
/// searched from C = I and from Starts - 1 seeded random rotations, on both halves of O(n), and keeps the
/// best (2 Starts searches a pair; the draw is seeded, so the result is the same on every run). All searches
/// of all pairs run together as one batch (each with its own loss and Adam state).
/// </summary>
public static class OperatorProcrustes
{
    /// <summary>The reference's learning rate (2023).</summary>
    public const double DefaultLearningRate = 0.01;

    /// <summary>
    /// Adam iterations: twice the reference's 1000 (2023), which left a pair related by a rotation with the
    /// eigenvalue -1 still moving, at 0.01 rad, after 1000 (the search reports whether it settled).
    /// </summary>
    public const int DefaultIterations = 2000;

    /// <summary>Loss change over the last tenth of the iterations below which a search has settled.</summary>
    public const double Tolerance = 1e-6;

    /// <summary>Starts of the search on each half of O(n), the first at C = I.</summary>
    public const int DefaultStarts = 8;

    /// <summary>Matches every pair (A_i, B_i); operators of different sizes are zero-padded to the largest.</summary>
    public static IReadOnlyList<OperatorMatch> Match(IReadOnlyList<(Tensor A, Tensor B)> pairs, int iterations = DefaultIterations,
        double learningRate = DefaultLearningRate, int starts = DefaultStarts, long seed = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(starts, 1);
        if (pairs.Count == 0) return [];
        using var scope = NewDisposeScope();
        var n = pairs.Max(p => Math.Max(p.A.size(0), p.B.size(0)));
        var a = stack(pairs.Select(p => Normalized(p.A, n)).ToArray());
        var b = stack(pairs.Select(p => Normalized(p.B, n)).ToArray());
        var swap = eye(n, dtype: float64);
        if (n > 1) swap = swap.index_select(0, tensor(new long[] { 1, 0 }.Concat(Enumerable.Range(2, (int)n - 2).Select(i => (long)i)).ToArray()));
        var swapped = swap.matmul(b).matmul(swap.t());
        // Search s of pair i is row s * P + i: both halves of O(n), each from every start.
        var p = pairs.Count;
        using var generator = new Generator((ulong)seed);
        var seeds = cat([zeros([p, n, n], float64), randn([(starts - 1) * p, n, n], float64, generator: generator)]);
        var (inner, loss, settled) = Search(a.repeat(2 * starts, 1, 1), cat([b.repeat(starts, 1, 1), swapped.repeat(starts, 1, 1)]), seeds.repeat(2, 1, 1), iterations, learningRate);
        var matches = new OperatorMatch[p];
        for (var i = 0; i < p; i++)
        {
            var best = Enumerable.Range(0, 2 * starts).Select(s => s * p + i).MinBy(k => loss[k]);
            matches[i] = new OperatorMatch(Math.Acos(Math.Clamp(inner[best], -1, 1)), settled[best]);
        }
        return matches;
    }

    private static Tensor Normalized(Tensor m, long n)
    {
        var x = m.to(float64);
        x = x / linalg.matrix_norm(x);
        return nn.functional.pad(x, [0, n - x.size(1), 0, n - x.size(0)]);
    }

    // One batched search from the given skew seeds; returns each pair's ⟨Â, C B̂ Cᵀ⟩, loss and whether it settled.
    private static (double[] Inner, double[] Loss, bool[] Settled) Search(Tensor a, Tensor b, Tensor start, int iterations, double learningRate)
    {
        using var scope = NewDisposeScope();
        var s = new TorchSharp.Modules.Parameter(start.clone());
        using var adam = optim.Adam([s], lr: learningRate);
        Tensor Rotation()
        {
            return linalg.matrix_exp(s - s.transpose(1, 2));
        }
        Tensor Losses()
        {
            var c = Rotation();
            return (a - c.matmul(b).matmul(c.transpose(1, 2))).square().sum([1, 2]);
        }
        var check = iterations - Math.Max(1, iterations / 10);
        double[] atCheck = [];
        for (var i = 0; i < iterations; i++)
        {
            using var step = NewDisposeScope();
            adam.zero_grad();
            var losses = Losses();
            if (i == check) atCheck = losses.detach().cpu().data<double>().ToArray();
            losses.sum().backward();
            adam.step();
        }
        using (no_grad())
        {
            var c = Rotation();
            var matched = c.matmul(b).matmul(c.transpose(1, 2));
            var inner = (a * matched).sum([1, 2]).data<double>().ToArray();
            var loss = (a - matched).square().sum([1, 2]).data<double>().ToArray();
            var settled = loss.Select((l, k) => atCheck.Length == 0 || Math.Abs(atCheck[k] - l) < Tolerance).ToArray();
            return (inner, loss, settled);
        }
    }
}
