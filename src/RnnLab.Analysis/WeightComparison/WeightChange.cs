using RnnLab.Analysis.Linalg;
using TorchSharp;
using System.Numerics;
using static TorchSharp.torch;

namespace RnnLab.Analysis.WeightComparison;

/// <summary>Distribution of a weight matrix's entries: mean, standard deviation, histogram.</summary>
public sealed record WeightDistribution(double Mean, double Std, double[] BinEdges, long[] Counts)
{
    /// <summary>The distribution of w's entries (optionally only where mask is 1) in the given number of bins.</summary>
    public static WeightDistribution Of(Tensor w, Tensor? mask, int bins, double low, double high)
    {
        using var scope = NewDisposeScope();
        var values = (mask is null ? w.to(float64).reshape(-1) : w.to(float64).masked_select(mask.to(@bool))).ToArray<double>();
        var mean = values.Average();
        var std = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / Math.Max(1, values.Length - 1));
        var edges = Enumerable.Range(0, bins + 1).Select(i => low + (high - low) * i / bins).ToArray();
        var counts = new long[bins];
        foreach (var v in values)
        {
            var k = (int)Math.Floor((v - low) / (high - low) * bins);
            if (k >= 0 && k < bins) counts[k]++;
            else if (v == high) counts[bins - 1]++;
        }
        return new WeightDistribution(mean, std, edges, counts);
    }
}

/// <summary>
/// How training changed one network's recurrent weights (seed 002 sections 4-5): the distributions before
/// and after, how the change is spread (fraction of entries moved, relative size, singular values,
/// effective rank, top-k share), the spectra and how far their eigenvalues moved, non-normality, and
/// the eigenvector centrality of every unit before and after.
/// </summary>
public sealed record WeightChange(
    WeightDistribution Before,
    WeightDistribution After,
    IReadOnlyList<ChangedFraction> Changed,
    ChangeSizes Sizes,
    double RelativeChange,
    double[] ChangeSingularValues,
    double ChangeEffectiveRank,
    double ChangeTopShare,
    double SpectralRadiusBefore,
    double SpectralRadiusAfter,
    double LargestRealPartBefore,
    double LargestRealPartAfter,
    EigenvalueMovement Eigenvalues,
    int EigenvaluesMoved,
    NonNormality NonNormalityBefore,
    NonNormality NonNormalityAfter,
    double[] CentralityBefore,
    double[] CentralityAfter,
    double CentralityRankCorrelation,
    int CentralSwaps)
{
    /// <summary>
    /// Options of the comparison: thresholds and sizes. A weight counts as changed when |dW| exceeds
    /// each of ChangeFractions times the standard deviation of the initial weights (an absolute threshold
    /// would count nearly every weight with any gradient after enough Adam steps of about the learning rate).
    /// </summary>
    public sealed record Options(double EigenvalueThreshold = 0.05, int TopK = 5, int Bins = 40, double CentralFraction = 0.1)
    {
        /// <summary>Fractions of std(W_init) above which a change counts, each reported.</summary>
        public double[] ChangeFractions { get; init; } = [0.1, 0.5];
    }

    /// <summary>The fraction of existing weights whose |dW| exceeds fraction × std(W_init), for each of the options' fractions.</summary>
    public static IReadOnlyList<ChangedFraction> FractionsChanged(Tensor before, Tensor after, Tensor? mask, IReadOnlyList<double> fractions)
    {
        using var scope = NewDisposeScope();
        return Fractions(RelativeSizes(before, after, mask, out _), fractions);
    }

    private static List<ChangedFraction> Fractions(double[] relative, IReadOnlyList<double> fractions) =>
        fractions.Select(f => new ChangedFraction(f, relative.Count(r => r > f) / (double)relative.Length)).ToList();

    /// <summary>
    /// How many of the eigenvalues before (a spectrum already computed, such as Eigenvalues.Before) moved
    /// more than threshold on their way to after's (nearest matching).
    /// </summary>
    public static int CountEigenvaluesMoved(Complex[] before, Tensor after, double threshold)
    {
        using var scope = NewDisposeScope();
        return EigenvalueMovement.Match(before, Spectrum(after.to(float64))).MovedMoreThan(threshold);
    }

    private static Complex[] Spectrum(Tensor w)
    {
        var e = linalg.eigvals(w);
        var re = e.real.contiguous().ToArray<double>();
        var im = e.imag.contiguous().ToArray<double>();
        return re.Select((r, i) => new Complex(r, im[i])).ToArray();
    }

    // |dW| / std(W_init) of every existing entry.
    private static double[] RelativeSizes(Tensor before, Tensor after, Tensor? mask, out double initialStd)
    {
        var w0 = before.to(float64);
        var change = (after.to(float64) - w0).abs();
        var existing = mask?.to(@bool);
        var initial = existing is null ? w0.reshape(-1) : w0.masked_select(existing);
        initialStd = initial.std().ToDouble();
        var changes = (existing is null ? change.reshape(-1) : change.masked_select(existing)).ToArray<double>();
        var std = Math.Max(initialStd, double.Epsilon);
        return changes.Select(c => c / std).ToArray();
    }

    /// <summary>
    /// Compares the effective recurrent weights before (init) and after (final) training. mask marks
    /// the entries that exist (the connectivity mask); statistics of entries use only those.
    /// CentralSwaps counts the units among the most central CentralFraction after training that were
    /// among the least central CentralFraction before (the "L shape" of seed 002 Fig. 8).
    /// </summary>
    public static WeightChange Compare(Tensor before, Tensor after, Tensor? mask, Options? options = null)
    {
        var o = options ?? new Options();
        using var scope = NewDisposeScope();
        var w0 = before.to(float64);
        var w1 = after.to(float64);
        var change = w1 - w0;
        var limit = Math.Max(w0.abs().max().ToDouble(), w1.abs().max().ToDouble());
        var relative = RelativeSizes(w0, w1, mask, out var initialStd);
        var singular = MatrixMeasures.SingularValues(change);
        var movement = EigenvalueMovement.Match(Spectrum(w0), Spectrum(w1));
        var c0 = MatrixMeasures.EigenvectorCentrality(w0);
        var c1 = MatrixMeasures.EigenvectorCentrality(w1);
        var n = c0.Length;
        var top = Math.Max(1, (int)Math.Round(o.CentralFraction * n));
        var leastBefore = Enumerable.Range(0, n).OrderBy(i => c0[i]).Take(top).ToHashSet();
        var mostAfter = Enumerable.Range(0, n).OrderByDescending(i => c1[i]).Take(top);
        return new WeightChange(
            WeightDistribution.Of(w0, mask, o.Bins, -limit, limit),
            WeightDistribution.Of(w1, mask, o.Bins, -limit, limit),
            Fractions(relative, o.ChangeFractions),
            ChangeSizes.Of(relative, initialStd),
            linalg.matrix_norm(change).ToDouble() / Math.Max(linalg.matrix_norm(w0).ToDouble(), double.Epsilon),
            singular,
            MatrixMeasures.EffectiveRank(singular),
            MatrixMeasures.TopVarianceShare(singular, o.TopK),
            MatrixMeasures.SpectralRadius(w0),
            MatrixMeasures.SpectralRadius(w1),
            MatrixMeasures.LargestRealPart(w0),
            MatrixMeasures.LargestRealPart(w1),
            movement,
            movement.MovedMoreThan(o.EigenvalueThreshold),
            NonNormality.Of(w0),
            NonNormality.Of(w1),
            c0,
            c1,
            MatrixMeasures.SpearmanCorrelation(c0, c1),
            mostAfter.Count(leastBefore.Contains));
    }
}
