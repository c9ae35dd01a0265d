namespace RnnLab.Randomness;

/// <summary>
/// What a random stream is for. The value becomes Philox counter word 2, so streams of different purposes never
/// share a block whatever their seeds. The values are written into checkpoints: never renumber or reuse one; add
/// new purposes at the end. Zero is deliberately not a purpose (derived torch seeds use counters with word 2 = 0).
/// </summary>
public enum SeedPurpose : uint
{
    /// <summary>Initial weights and initial states.</summary>
    Initialization = 1,

    /// <summary>Training batches: task trials and their ordering.</summary>
    TrainingBatches = 2,

    /// <summary>Network noise (recurrent and input noise) during training.</summary>
    TrainingNoise = 3,

    /// <summary>Evaluation batches and the noise they are run with.</summary>
    Evaluation = 4,

    /// <summary>Analyses of trained networks (fixed-point searches, perturbations).</summary>
    Analysis = 5,

    /// <summary>Comparisons between networks or runs.</summary>
    Comparison = 6,

    /// <summary>Benchmarks.</summary>
    Bench = 7,
}
