namespace RnnLab.Analysis.Hypotheses;

/// <summary>
/// One network's measures for seed 002's H2 ("few differences make large changes"): the relative size of
/// the weight change, the task accuracy gain, the DCA task subspace's turn (mean principal angle,
/// degrees), the effective rank of dW, and the fraction of W_rec's eigenvalues that moved.
/// </summary>
public sealed record SmallChangeMeasures(string Network, double RelativeChange, double AccuracyGain, double SubspaceTurn,
    double ChangeEffectiveRank, double EigenvaluesMovedFraction);
