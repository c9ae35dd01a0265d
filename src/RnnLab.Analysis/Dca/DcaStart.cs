namespace RnnLab.Analysis.Dca;

/// <summary>
/// One start of a DCA fit: the predictive information (nats) of the subspace it reached, its orthonormal
/// basis (as columns), the L-BFGS iterations it took, the largest component of the objective's gradient
/// where it ended, and whether it converged (that gradient at most DcaOptions.Tolerance). Information is NaN where the
/// projection's window covariance is singular (it moves deterministically, and PI is undefined).
/// </summary>
public sealed record DcaStart(double Information, double[][] Columns, int Iterations, double GradientNorm, bool Converged);
