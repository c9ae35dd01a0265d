using TorchSharp;
using static TorchSharp.torch;

namespace RnnLab.Analysis.Similarity;

/// <summary>
/// Classical (Torgerson) multidimensional scaling: points whose Euclidean distances best match a distance
/// matrix, from the top eigenvectors of the double-centred squared distances B = -1/2 J D² J. Exact for
/// distances between points of that many dimensions (up to a rotation); otherwise Explained says how much
/// of B's positive spectrum the picture keeps.
/// </summary>
/// <param name="Coordinates">One row per item, Dimensions columns.</param>
/// <param name="Explained">The kept eigenvalues over the sum of B's positive ones (0 to 1).</param>
public sealed record ClassicalMds(double[][] Coordinates, double Explained)
{
    /// <summary>Embeds a symmetric distance matrix in dimensions dimensions.</summary>
    public static ClassicalMds Of(double[,] distances, int dimensions = 2)
    {
        var n = distances.GetLength(0);
        if (distances.GetLength(1) != n) throw new ArgumentException($"MDS takes a square distance matrix, got {n} x {distances.GetLength(1)}");
        using var scope = NewDisposeScope();
        var d = tensor(distances.Cast<double>().ToArray(), [n, n]);
        var centring = eye(n, dtype: float64) - full(n, n, 1.0 / n, dtype: float64);
        var b = -0.5 * centring.matmul(d * d).matmul(centring);
        var (values, vectors) = linalg.eigh((b + b.t()) / 2);   // ascending
        var positive = values.clamp_min(0);
        var total = positive.sum().ToDouble();
        var kept = Math.Min(dimensions, n);
        var top = positive.flip(0).narrow(0, 0, kept);
        var coordinates = vectors.flip(1).narrow(1, 0, kept) * top.sqrt();
        // An eigenvector's sign is arbitrary; the one that makes each column's largest entry positive fixes the picture.
        var signs = coordinates.gather(0, coordinates.abs().argmax(0, keepdim: true)).sign();
        coordinates = coordinates * where(signs == 0, ones_like(signs), signs);
        if (kept < dimensions) coordinates = nn.functional.pad(coordinates, [0, dimensions - kept]);
        var rows = coordinates.contiguous().data<double>().ToArray();
        return new ClassicalMds([.. Enumerable.Range(0, n).Select(i => rows.AsSpan(i * dimensions, dimensions).ToArray())],
            total > 0 ? top.sum().ToDouble() / total : 1);
    }
}
