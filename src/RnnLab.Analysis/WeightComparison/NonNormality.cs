using RnnLab.Analysis.Linalg;
using static TorchSharp.torch;

namespace RnnLab.Analysis.WeightComparison;

/// <summary>
/// How non-normal a weight matrix is, both ways seed 002 might have meant: Henrici's departure (the
/// Frobenius norm of the strictly upper part N of the complex Schur form), which grows like sqrt(N) for
/// a random matrix of spectral radius 1 and so differs between 128 and 256 units, and the operator 2-norm
/// of N; each also relative to the matching norm of W (|N|_F / |W|_F and |N|_2 / |W|_2), which does not
/// grow with the size. Residual is the Schur factorization's (<see cref="MatrixMeasures.SchurDeparture"/>).
/// </summary>
public sealed record NonNormality(double Henrici, double HenriciRelative, double SchurOperator, double SchurOperatorRelative, double Residual)
{
    /// <summary>The measures of w.</summary>
    public static NonNormality Of(Tensor w)
    {
        var henrici = MatrixMeasures.HenriciDeparture(w);
        var schur = MatrixMeasures.SchurDeparture(w);
        return new NonNormality(henrici, henrici / Math.Max(MatrixMeasures.FrobeniusNorm(w), double.Epsilon),
            schur.Operator, schur.Operator / Math.Max(MatrixMeasures.OperatorNorm(w), double.Epsilon), schur.Residual);
    }
}
