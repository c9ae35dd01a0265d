using RnnLab.Analysis.Similarity;

namespace RnnLab.Analysis.CrossNetwork;

/// <summary>
/// How `similarity` compares networks: the metric, the snapshot of each network, and the trials every
/// network of a task is run on (drawn from Seed, the same for every network of that task, with the
/// model's own noise, the same for every network of one size).
/// </summary>
public sealed record SimilarityOptions
{
    /// <summary>The metric.</summary>
    public SimilarityMetric Metric { get; init; } = SimilarityMetric.Dsa;

    /// <summary>Which saved weights of each network.</summary>
    public Snapshot Snapshot { get; init; } = Snapshot.Final;

    /// <summary>Trials of each task every network is run on.</summary>
    public int Trials { get; init; } = 64;

    /// <summary>The seed of the trials and noise; the retest draws fresh ones from the same seed's next streams.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>DSA's options (delays, rank, search).</summary>
    public DsaOptions Dsa { get; init; } = new();

    /// <summary>Principal dimensions of each network that CCA compares.</summary>
    public int CcaDimensions { get; init; } = 10;

    /// <summary>Label shuffles of the separation test.</summary>
    public int Permutations { get; init; } = GroupSeparation.DefaultPermutations;

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first option out of range.</summary>
    public void Validate()
    {
        if (Trials < 2) throw new ArgumentException($"similarity needs at least 2 trials, got {Trials}");
        if (Dsa.Delays < 1) throw new ArgumentException($"DSA needs at least 1 delay, got {Dsa.Delays}");
        if (Dsa.Interval < 1) throw new ArgumentException($"DSA's delay interval is at least 1, got {Dsa.Interval}");
        if (Dsa.Rank is < 1) throw new ArgumentException($"DSA's rank is at least 1, got {Dsa.Rank}");
        if (CcaDimensions < 1) throw new ArgumentException($"CCA compares at least 1 dimension, got {CcaDimensions}");
        if (Permutations < 1) throw new ArgumentException($"the separation test needs at least 1 permutation, got {Permutations}");
    }
}
