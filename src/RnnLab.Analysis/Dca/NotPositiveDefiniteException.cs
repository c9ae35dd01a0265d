namespace RnnLab.Analysis.Dca;

/// <summary>
/// A covariance that must be positive definite is not (its Cholesky factorization failed): predictive
/// information is undefined there, and reporting log|det| instead would give an arbitrarily large number.
/// </summary>
public sealed class NotPositiveDefiniteException(string message) : ArithmeticException(message);
