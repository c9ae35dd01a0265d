namespace RnnLab.Bench;

/// <summary>A speed target: RnnLab at least Ratio times a baseline on a scenario (on a 2-core CPU).</summary>
public sealed record BenchTarget(string Scenario, string Baseline, double Ratio)
{
    /// <summary>The targets the bench reports against.</summary>
    public static readonly IReadOnlyList<BenchTarget> All =
    [
        new("S1", "PyTorch", 3),
        new("S1", "TorchSharp", 4),
        new("S2", "PyTorch", 2.5),
        new("FP", "PyTorch", 5),
    ];
}
