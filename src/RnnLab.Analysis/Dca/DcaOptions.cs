namespace RnnLab.Analysis.Dca;

/// <summary>
/// Options of Dynamical Components Analysis (Clark et al. 2019): the projection's dimension d, the
/// half-window T (in time steps: past and future each span T steps), and the optimizer's budget.
/// </summary>
public sealed record DcaOptions
{
    /// <summary>Dimension d of the projection.</summary>
    public int Dimensions { get; init; } = 3;
    /// <summary>Half-window T in time steps; the lagged covariances C_0 .. C_{2T-1} are used.</summary>
    public int Window { get; init; } = 5;
    /// <summary>Adam iterations per start.</summary>
    public int Iterations { get; init; } = 300;
    /// <summary>Starts: the first from the most autocorrelated directions, the others random orthonormal.</summary>
    public int Restarts { get; init; } = 3;
    /// <summary>Adam's initial learning rate (decayed linearly to 0 over the iterations).</summary>
    public double LearningRate { get; init; } = 0.05;
    /// <summary>Weight of |V^T V - I|_F^2; PI does not depend on V's scale, so this only keeps V well conditioned.</summary>
    public double OrthonormalityPenalty { get; init; } = 1;

    /// <summary>Throws naming the first option out of range.</summary>
    public void Validate()
    {
        static void Require(bool ok, string key, object value, string rule)
        {
            if (!ok) throw new ArgumentException($"DCA option {key} = {value}; allowed: {rule}.");
        }
        Require(Dimensions >= 1, nameof(Dimensions), Dimensions, "an integer >= 1");
        Require(Window >= 1, nameof(Window), Window, "an integer >= 1");
        Require(Iterations >= 0, nameof(Iterations), Iterations, "an integer >= 0");
        Require(Restarts >= 1, nameof(Restarts), Restarts, "an integer >= 1");
        Require(LearningRate > 0, nameof(LearningRate), LearningRate, "a number > 0");
        Require(OrthonormalityPenalty >= 0, nameof(OrthonormalityPenalty), OrthonormalityPenalty, "a number >= 0");
    }
}
