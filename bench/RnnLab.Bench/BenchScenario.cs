namespace RnnLab.Bench;

/// <summary>
/// One benchmark shape. Training scenarios time a full step (forward over T steps, BPTT, Adam update;
/// relu, noise on, only W_rec trained); the fixed-point scenario times a 2000-iteration search.
/// </summary>
public sealed record BenchScenario(string Name, int Units, int Batch, int Steps, int Inputs, int Networks, bool FixedPointSearch = false)
{
    /// <summary>The scenarios of the benchmark, as bench/pytorch_reference.py defines them too.</summary>
    public static readonly IReadOnlyList<BenchScenario> All =
    [
        new("S1", 128, 64, 100, 1, 1),
        new("S2", 256, 64, 200, 2, 1),
        new("S3", 128, 64, 100, 1, 10),
        new("FP", 128, 1024, 2000, 0, 1, FixedPointSearch: true),
    ];

    /// <summary>Matrix-product FLOPs of one training step (forward 2TBN^2, backward 4TBN^2, plus input and readout) or of the whole search.</summary>
    public double Flops => FixedPointSearch
        ? 4.0 * Batch * Units * Units * Steps
        : Networks * (6.0 * Steps * Batch * Units * Units + 6.0 * Steps * Batch * Units * (Inputs + 1));

    /// <summary>What is timed, for the table.</summary>
    public string Description => FixedPointSearch
        ? $"fixed points: {Batch} states, N={Units}, {Steps} Adam iterations"
        : $"{(Networks > 1 ? $"{Networks} x " : "")}N={Units}, B={Batch}, T={Steps}, {Inputs} in";
}

/// <summary>A measurement: per-run rates (steps/s, or searches/s), their median, and peak resident memory.</summary>
public sealed record BenchResult(string Scenario, double Median, IReadOnlyList<double> Runs, double PeakResidentMiB);
