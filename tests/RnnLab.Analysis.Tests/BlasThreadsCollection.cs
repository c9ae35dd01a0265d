namespace RnnLab.Analysis.Tests;

/// <summary>
/// Tests that change OpenBLAS's process-wide thread count (directly, or through the kernels that hold it
/// at one while their own threads run: ensemble lanes, fixed-point tiles), and tests that demand
/// bitwise-equal numbers from two computations, which such a change in between could round differently.
/// They run alone.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BlasThreadsCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "BLAS thread count";
}
