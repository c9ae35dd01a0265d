namespace RnnLab.Analysis.Dca;

/// <summary>How DCA's predictive information is estimated from trials.</summary>
public enum DcaEstimator
{
    /// <summary>
    /// From the covariance of every window of 2T consecutive steps of every trial, taken as it is
    /// (<see cref="PredictiveEstimate.Windows"/>): the Gaussian mutual information between the first and the second
    /// half of a window drawn at random. Positive semi-definite by construction, stationary or not; for a
    /// stationary process it estimates the same PI as Toeplitz.
    /// </summary>
    Windows,
    /// <summary>
    /// The reference implementation's (<see cref="PredictiveEstimate.Toeplitz"/>): that covariance averaged into
    /// block-Toeplitz form, which assumes stationarity, and rectified when that makes it indefinite.
    /// </summary>
    Toeplitz,
}
