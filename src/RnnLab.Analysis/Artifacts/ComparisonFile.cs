namespace RnnLab.Analysis.Artifacts;

/// <summary>
/// analysis/comparison.json: what training changed, per network and across seeds. Parts that do not apply
/// (information_sweep for smooth activations, performance for some tasks) are null, and "unavailable" says why.
/// "trained" names the trained snapshot compared with init: "final", or "learned" (comparison.learned.json).
/// "run_id" is the id of the run compared (<see cref="RunOrigin"/>; null in files from before it was recorded).
/// </summary>
public sealed record ComparisonFile(
    string Run,
    StatisticRecord[] Statistics,
    CheckpointSeriesRecord[] MeanWeightByCheckpoint,
    NetworkPairsRecord[] Eigenvalues,
    NetworkSeriesRecord[] Centrality,
    HistogramRecord[] Histograms,
    ChangeSizeRecord[] ChangeSizes,
    ChangeGrowthRecord[] ChangeByCheckpoint,
    SubspacesRecord[] Subspaces,
    InformationSweepRecord? InformationSweep,
    PerformanceRecord? Performance,
    Dictionary<string, string> Unavailable,
    string Trained = "final",
    int SchemaVersion = ComparisonFile.CurrentSchema,
    string? RunId = null)
{
    /// <summary>
    /// The version of this file's layout that this RnnLab writes and reads. 2: DCA's start agreement counts
    /// converged starts and those within 0.05 nats of the best (1: near-best starts within 1%).
    /// </summary>
    public const int CurrentSchema = 2;
}

/// <summary>A statistic across seeds (null summaries where it is unavailable) and each network's values.</summary>
public sealed record StatisticRecord(string Name, SummaryRecord? Init, SummaryRecord? Final, SummaryRecord? Change, string? Unavailable, NetworkValueRecord[] PerNetwork);

/// <summary>Mean, standard error and count across seeds.</summary>
public sealed record SummaryRecord(double Mean, double StandardError, int N);

/// <summary>One network's value of a statistic.</summary>
public sealed record NetworkValueRecord(string Network, double? Init, double? Final, double? Change);

/// <summary>The mean weight at each checkpoint of a network.</summary>
public sealed record CheckpointSeriesRecord(string Network, int[] Steps, double[] MeanWeight);

/// <summary>A network's eigenvalues before and after training, as [re, im] pairs.</summary>
public sealed record NetworkPairsRecord(string Network, double[][] Init, double[][] Final);

/// <summary>A network's per-unit values before and after training.</summary>
public sealed record NetworkSeriesRecord(string Network, double[] Init, double[] Final);

/// <summary>A network's weight histogram before and after training, on shared bin edges.</summary>
public sealed record HistogramRecord(string Network, double[] Edges, double[] Init, double[] Final);

/// <summary>A network's subspace comparisons, by method (pca, dca).</summary>
public sealed record SubspacesRecord(string Network, SubspaceRecord? Pca, SubspaceRecord? Dca);

/// <summary>How a method's subspace turned, its condition subspaces' angles, and the readout's angle and predictive information.</summary>
public sealed record SubspaceRecord(double[] Turn, double[]? ConditionsInit, double[]? ConditionsFinal, double ReadoutInit, double ReadoutFinal,
    double? InformationInit, double? InformationFinal, double[]? ReadoutWithinInit, double[]? ReadoutWithinFinal, double ReadoutBaseline, ReadoutNullRecord? ReadoutNull,
    StartAgreementRecord? AgreementInit, StartAgreementRecord? AgreementFinal);

/// <summary>How DCA's starts agree with the best (hypothesis 4, <see cref="Dca.StartAgreement"/>): starts, how many converged, how many of those reached the best PI within 0.05 nats and their fraction, the mean principal angle of each to the best (deg), PI's spread over converged starts, and the covariance estimate's rectification relative to the mean variance.</summary>
public sealed record StartAgreementRecord(int Starts, int Converged, int Reached, double? FractionReached, double[] MeanAngles, double InformationSpread, double Rectification);

/// <summary>Random readouts' angle to the trained network's condition subspace: mean and central 95%.</summary>
public sealed record ReadoutNullRecord(double Mean, double Low, double High);

/// <summary>Predictive information of the readout over the leaky-relu angles, per network.</summary>
public sealed record InformationSweepRecord(double[] Angles, NetworkSeriesRecord[] PerNetwork, NetworkSeriesRecord[] PerNetworkWithoutFloor, DivergenceRecord[] Diverged);

/// <summary>Whether each angle's simulation diverged (its PI is NaN), and the largest real part of W_rec, untrained and trained.</summary>
public sealed record DivergenceRecord(string Network, bool[] Init, bool[] Final, double AbscissaInit, double AbscissaFinal);

/// <summary>|dW| / std(W_init) of one network's existing weights: quantiles, and counts on log-spaced bins (edges).</summary>
public sealed record ChangeSizeRecord(string Network, double InitialStd, double Median, double Quantile90, double Quantile99, double Max, double[] Edges, double[] Counts);

/// <summary>
/// One network's change from init at each saved checkpoint: changed[s][f] is the fraction of weights changed
/// by more than fractions[f] × std(W_init) at steps[s], and eigenvalues_moved[s] the eigenvalues moved.
/// </summary>
public sealed record ChangeGrowthRecord(string Network, double[] Fractions, int[] Steps, double[][] Changed, int[] EigenvaluesMoved);

/// <summary>The task's behaviour over its performance variable (label, x), per network.</summary>
public sealed record PerformanceRecord(string Label, double[] X, NetworkSeriesRecord[] PerNetwork);
