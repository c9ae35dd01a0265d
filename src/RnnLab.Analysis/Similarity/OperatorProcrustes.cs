using TorchSharp;
using static TorchSharp.torch;

namespace RnnLab.Analysis.Similarity;

/// <summary>How close two operators are up to an orthogonal change of coordinates: the angle, and whether the search converged.</summary>
/// <param name="Angle">arccos⟨Â, C B̂ Cᵀ⟩ at the best C found, in radians (0: the same dynamics).</param>
/// <param name="Converged">Whether the best search reached a stationary point (its Riemannian gradient below <see cref="OperatorProcrustes.Tolerance"/>).</param>
public sealed record OperatorMatch(double Angle, bool Converged);

/// <summary>
/// DSA's Procrustes over vector fields (mitchellostrow/DSA, SimilarityTransformDist, as published in 2023:
/// score "angular", zero-padding to a common size): A and B are divided by their Frobenius norms and C in
/// O(n) maximizes ⟨Â, C B̂ Cᵀ⟩ (equivalently minimizes |Â - C B̂ Cᵀ|_F²); the distance is the arccos of that
/// maximum. The reference moves the Cayley transform of a skew-symmetric matrix by Adam for a fixed number of
/// iterations, which never reaches a rotation with the eigenvalue -1 and never says whether it converged.
/// Here the search moves on the group itself (<see cref="OrthogonalAscent"/>: Riemannian gradient ascent
/// with a Cayley retraction and backtracking) until its gradient vanishes. Each half of O(n) is searched
/// from its own starts, as the reference's row swap does: from I and from the swap P, and from Starts - 1
/// seeded random rotations R and their R P. Every pair keeps its best search. The searches run on every
/// core; each is independent, so the numbers do not depend on how many.
/// </summary>
public static class OperatorProcrustes
{
    /// <summary>Iterations of each search at most.</summary>
    public const int DefaultIterations = 2000;

    /// <summary>Starts on each half of O(n), the first at I (or the swap).</summary>
    public const int DefaultStarts = 4;

    /// <summary>The Riemannian gradient's norm below which a search has converged.</summary>
    public const double Tolerance = 1e-6;

    /// <summary>Matches every pair (A_i, B_i); operators of different sizes are zero-padded to the largest.</summary>
    public static IReadOnlyList<OperatorMatch> Match(IReadOnlyList<(Tensor A, Tensor B)> pairs, int iterations = DefaultIterations,
        int starts = DefaultStarts, long seed = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(starts, 1);
        if (pairs.Count == 0) return [];
        var n = (int)pairs.Max(p => Math.Max(p.A.size(0), p.B.size(0)));
        double[] Array(Tensor m) => Normalized(m, n).data<double>().ToArray();
        var a = pairs.Select(p => Array(p.A)).ToArray();
        var b = pairs.Select(p => Array(p.B)).ToArray();
        var startsOf = Starts(n, starts, seed);
        var results = new (double Value, bool Converged)[pairs.Count, startsOf.Count];
        Parallel.For(0, pairs.Count * startsOf.Count, k =>
        {
            var (i, s) = (k / startsOf.Count, k % startsOf.Count);
            results[i, s] = OrthogonalAscent.Maximize(a[i], b[i], startsOf[s], n, iterations, Tolerance);
        });
        return [.. Enumerable.Range(0, pairs.Count).Select(i =>
        {
            var best = Enumerable.Range(0, startsOf.Count).Max(s => results[i, s].Value);
            // Several starts reach the same maximum; it is converged when one of them converged there (to rounding).
            var converged = Enumerable.Range(0, startsOf.Count).Any(s => results[i, s].Converged && results[i, s].Value >= best - 1e-10);
            return new OperatorMatch(Math.Acos(Math.Clamp(best, -1, 1)), converged);
        })];
    }

    // I and the swap P, then seeded random rotations R and R P: both halves of O(n), the same for every pair.
    private static List<double[]> Starts(int n, int starts, long seed)
    {
        using var scope = NewDisposeScope();
        var swap = eye(n, dtype: float64);
        if (n > 1) swap = swap.index_select(0, tensor(new long[] { 1, 0 }.Concat(Enumerable.Range(2, n - 2).Select(i => (long)i)).ToArray()));
        var list = new List<Tensor> { eye(n, dtype: float64), swap };
        using var generator = new Generator((ulong)seed);
        for (var k = 1; k < starts; k++)
        {
            var q = linalg.qr(randn([n, n], float64, generator: generator)).Q;
            if (linalg.det(q).ToDouble() < 0) q = q.matmul(swap);
            list.Add(q);
            list.Add(q.matmul(swap));
        }
        return [.. list.Select(t => t.contiguous().data<double>().ToArray())];
    }

    private static Tensor Normalized(Tensor m, long n)
    {
        var x = m.to(float64);
        x = x / linalg.matrix_norm(x);
        return nn.functional.pad(x, [0, n - x.size(1), 0, n - x.size(0)]).contiguous();
    }
}
