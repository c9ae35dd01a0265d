namespace RnnLab.Kernels;

/// <summary>What a fixed-point search reads from q = 1/2 |F|^2 over its states in one iteration.</summary>
/// <param name="Max">The largest q.</param>
/// <param name="MaxChange">The largest change of a state's q since the previous iteration (infinity at the first).</param>
/// <param name="Mean">The mean q.</param>
public readonly record struct SpeedSummary(double Max, double MaxChange, double Mean);
