using RnnLab.Analysis.Dca;

namespace RnnLab.Analysis.WeightComparison;

/// <summary>Options of `compare`: the weight statistics, the latent subspaces (PCA and DCA), the PI-versus-theta sweep and the performance sweep.</summary>
public sealed record ComparisonOptions
{
    /// <summary>Thresholds and sizes of the weight statistics.</summary>
    public WeightChange.Options Weights { get; init; } = new();
    /// <summary>DCA; its Dimensions is also the number of principal components compared.</summary>
    public DcaOptions Dca { get; init; } = new();
    /// <summary>Task trials simulated (with the model's noise) per network and snapshot.</summary>
    public int Trials { get; init; } = 64;
    /// <summary>Leaky-relu angles theta of seed 002 Fig. 6, from relu (0) to linear (pi/4).</summary>
    public double[] Angles { get; init; } = [0, Math.PI / 16, Math.PI / 8, 3 * Math.PI / 16, Math.PI / 4];
    /// <summary>Points of the output-against-condition sweep (seed 002 Fig. 1).</summary>
    public int SweepPoints { get; init; } = 7;

    /// <summary>Throws naming the first option out of range.</summary>
    public void Validate()
    {
        Dca.Validate();
        if (Trials < 2) throw new ArgumentException($"comparison option Trials = {Trials}; allowed: an integer >= 2.");
        if (SweepPoints < 2) throw new ArgumentException($"comparison option SweepPoints = {SweepPoints}; allowed: an integer >= 2.");
        if (Angles.Length == 0 || Angles.Any(a => a is < 0 or > Math.PI / 4 + 1e-12))
            throw new ArgumentException($"comparison option Angles = [{string.Join(", ", Angles)}]; allowed: one or more angles in [0, pi/4].");
    }
}
