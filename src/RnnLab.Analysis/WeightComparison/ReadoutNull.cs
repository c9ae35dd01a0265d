namespace RnnLab.Analysis.WeightComparison;

/// <summary>The angle (degrees) of random readouts to a subspace: mean and central 95% (Low, High).</summary>
public sealed record ReadoutNull(double Mean, double Low, double High);
