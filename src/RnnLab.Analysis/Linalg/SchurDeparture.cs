namespace RnnLab.Analysis.Linalg;

/// <summary>
/// The non-normal part N of a matrix's complex Schur form (<see cref="MatrixMeasures.SchurDeparture"/>):
/// its Frobenius norm (Henrici's departure from normality), its operator 2-norm, and the relative
/// residual of the factorization it came from.
/// </summary>
public sealed record SchurDeparture(double Frobenius, double Operator, double Residual);
