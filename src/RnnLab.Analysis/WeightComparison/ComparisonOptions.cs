using RnnLab.Analysis.Dca;
using RnnLab.Configuration;

namespace RnnLab.Analysis.WeightComparison;

/// <summary>Options of `compare`: the weight statistics, the latent subspaces (PCA and DCA), the PI-versus-theta sweep and the performance sweep.</summary>
public sealed record ComparisonOptions : IValidatedOptions
{
    /// <summary>
    /// The trained weights compared with init: Final (where training ended) or Learned (where the stop
    /// rule found the task learned; they differ when the run trained on to its cap).
    /// </summary>
    public Snapshot Trained { get; init; } = Snapshot.Final;
    /// <summary>Thresholds and sizes of the weight statistics.</summary>
    public WeightChange.Options Weights { get; init; } = new();
    /// <summary>DCA; its Dimensions is also the number of principal components compared.</summary>
    public DcaOptions Dca { get; init; } = new();
    /// <summary>
    /// DCA starts of the two task-subspace fits (untrained and trained), whose agreement tests seed 002's
    /// H4: with DCA's usual few restarts, too few starts come near the best to say whether they agree.
    /// The other DCA fits keep Dca.Restarts; a value below it changes nothing.
    /// </summary>
    [Allowed(Min = 1)] public int AgreementStarts { get; init; } = 20;
    /// <summary>Task trials simulated (with the model's noise) per network and snapshot.</summary>
    [Allowed(Min = 2)] public int Trials { get; init; } = 64;
    /// <summary>
    /// Leaky-relu angles theta of seed 002 Fig. 6, from relu (0) to just below linear: at pi/4 itself a
    /// network whose W_rec has an eigenvalue with real part above 1 diverges (the sweep then says so).
    /// </summary>
    [Allowed(Min = 0, Max = Math.PI / 4 + 1e-12)] public double[] Angles { get; init; } = [0, Math.PI / 16, Math.PI / 8, 3 * Math.PI / 16, 0.95 * Math.PI / 4];
    /// <summary>Points of the output-against-condition sweep (seed 002 Fig. 1).</summary>
    [Allowed(Min = 2)] public int SweepPoints { get; init; } = 7;

    /// <summary>Throws a ConfigurationException naming every option out of range, DCA's included (<see cref="OptionsValidator"/>).</summary>
    public void Validate() => OptionsValidator.Ensure(this, "Comparison");

    /// <inheritdoc />
    IEnumerable<(string Key, string Message)> IValidatedOptions.Validate()
    {
        if (Angles.Length == 0) yield return (nameof(Angles), "is empty; allowed: one or more angles in [0, pi/4].");
        if (Trained == Snapshot.Init) yield return (nameof(Trained), "is init, which would compare the untrained weights with themselves; allowed: final, learned.");
    }
}
