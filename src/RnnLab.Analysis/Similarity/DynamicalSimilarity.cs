using static TorchSharp.torch;

namespace RnnLab.Analysis.Similarity;

/// <summary>Options of Dynamical Similarity Analysis.</summary>
public sealed record DsaOptions
{
    /// <summary>Delays in the embedding (the reference's n_delays).</summary>
    public int Delays { get; init; } = 10;
    /// <summary>Steps between delays (delay_interval).</summary>
    public int Interval { get; init; } = 1;
    /// <summary>Rank of the fitted operator; null: every direction of the embedding.</summary>
    public int? Rank { get; init; } = 10;
    /// <summary>Ridge of the operator's least squares (lamb).</summary>
    public double Lambda { get; init; } = Dmd.DefaultLambda;
    /// <summary>Iterations of each Procrustes search at most (it stops once converged).</summary>
    public int Iterations { get; init; } = OperatorProcrustes.DefaultIterations;
    /// <summary>Starts of the Procrustes search on each half of O(n).</summary>
    public int Starts { get; init; } = OperatorProcrustes.DefaultStarts;
}

/// <summary>
/// Dynamical Similarity Analysis (Ostrow et al. 2023): each system's trials are delay-embedded and a
/// reduced-rank DMD operator is fitted once (<see cref="Dmd"/>); two systems are as far apart as their
/// operators are after the best orthogonal change of coordinates (<see cref="OperatorProcrustes"/>, the
/// published "angular" score).
/// </summary>
public static class DynamicalSimilarity
{
    /// <summary>Fits a system's operator from its trials [K, T, N].</summary>
    public static Dmd Fit(Tensor trials, DsaOptions options)
    {
        using var embedded = DelayEmbedding.Of(trials, options.Delays, options.Interval);   // freed at once: it is the largest tensor of the fit
        return Dmd.Fit(embedded, options.Rank, options.Lambda);
    }

    /// <summary>Fits every system's operator, one system per kernel thread (each on its own thread, so the numbers do not depend on how many).</summary>
    public static Dmd[] Fit(IReadOnlyList<Tensor> systems, DsaOptions options)
    {
        var fitted = new Dmd[systems.Count];
        Parallel.For(0, systems.Count, new ParallelOptions { MaxDegreeOfParallelism = RnnLabRuntime.KernelThreads }, i => fitted[i] = Fit(systems[i], options));
        return fitted;
    }

    /// <summary>The symmetric matrix of angles between every two operators (zero diagonal), and whether each pair's search settled.</summary>
    public static (double[,] Distances, bool[,] Converged) Pairwise(IReadOnlyList<Dmd> systems, DsaOptions options)
    {
        var n = systems.Count;
        var pairs = new List<(int I, int J)>();
        for (var i = 0; i < n; i++)
            for (var j = 0; j < i; j++) pairs.Add((i, j));
        var matches = OperatorProcrustes.Match([.. pairs.Select(p => (systems[p.I].Operator, systems[p.J].Operator))], options.Iterations, options.Starts);
        var distances = new double[n, n];
        var converged = new bool[n, n];
        for (var i = 0; i < n; i++) converged[i, i] = true;
        foreach (var ((i, j), match) in pairs.Zip(matches))
        {
            distances[i, j] = distances[j, i] = match.Angle;
            converged[i, j] = converged[j, i] = match.Converged;
        }
        return (distances, converged);
    }
}
