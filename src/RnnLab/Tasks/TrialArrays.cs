using TorchSharp;
using static TorchSharp.torch;

namespace RnnLab.Tasks;

/// <summary>
/// Host buffers a task writes trials into, time-major [T, B, dim], turned into tensors at the end.
/// Keeping the per-trial logic in plain arrays makes each task read like its description.
/// </summary>
internal sealed class TrialArrays(int steps, int batch, int inputs, int outputs)
{
    public readonly float[] Inputs = new float[steps * batch * inputs];
    public readonly float[] Targets = new float[steps * batch * outputs];
    public readonly float[] Mask = new float[steps * batch * outputs];

    public void Input(int t, int b, int k, double value) => Inputs[(t * batch + b) * inputs + k] = (float)value;
    public void Target(int t, int b, int k, double value) => Targets[(t * batch + b) * outputs + k] = (float)value;
    public void Masked(int t, int b, int k, bool counts) => Mask[(t * batch + b) * outputs + k] = counts ? 1f : 0f;

    /// <summary>Makes the batch; stimulus noise (std noise) is added to the inputs when noise is positive.</summary>
    public TrialBatch ToBatch(IReadOnlyList<TrialParameters> trials, double noise, Generator generator)
    {
        using var scope = NewDisposeScope();
        var x = tensor(Inputs, [steps, batch, inputs]);
        if (noise > 0) x = x + randn([steps, batch, inputs], generator: generator) * noise;
        var batchResult = new TrialBatch(
            x.MoveToOuterDisposeScope(),
            tensor(Targets, [steps, batch, outputs]).MoveToOuterDisposeScope(),
            tensor(Mask, [steps, batch, outputs]).MoveToOuterDisposeScope(),
            trials);
        return batchResult;
    }
}

/// <summary>Uniform draws for sampling trial parameters, taken from the task generator in one block per batch.</summary>
internal sealed class TrialRandom(Generator generator, int count)
{
    private readonly double[] _values = Draw(generator, count);
    private int _next;

    private static double[] Draw(Generator generator, int count)
    {
        using var u = rand([count], float64, generator: generator);
        return u.ToArray<double>();
    }

    /// <summary>The next uniform value in [0, 1).</summary>
    public double Uniform() => _values[_next++];

    /// <summary>A uniform value in [low, high).</summary>
    public double Uniform(double low, double high) => low + (high - low) * Uniform();

    /// <summary>An integer in [low, high).</summary>
    public int Integer(int low, int high) => Math.Min(high - 1, low + (int)Math.Floor((high - low) * Uniform()));

    /// <summary>True with probability p.</summary>
    public bool Bernoulli(double p) => Uniform() < p;
}

/// <summary>Reading network outputs back for accuracy measures.</summary>
internal static class OutputReader
{
    /// <summary>Outputs [T, B, out] and mask as flat host arrays.</summary>
    public static (float[] z, float[] mask) Read(Tensor outputs, TrialBatch batch)
    {
        using var scope = NewDisposeScope();
        return (outputs.detach().to(float32).ToArray<float>(), batch.Mask.ToArray<float>());
    }

    /// <summary>
    /// The fraction of trials judged correct from the mean of their single output over the counted steps:
    /// correct(b, mean) decides trial b.
    /// </summary>
    public static double TrialAccuracy(TrialBatch batch, Tensor outputs, int steps, Func<int, double, bool> correct)
    {
        var (z, mask) = Read(outputs, batch);
        var n = batch.Trials.Count;
        var hits = 0;
        for (var b = 0; b < n; b++)
            if (correct(b, MaskedMean(z, mask, n, 1, b, 0, 0, steps))) hits++;
        return (double)hits / n;
    }

    /// <summary>Mean of channel k of trial b over the masked steps in [from, to); NaN when none counts.</summary>
    public static double MaskedMean(float[] z, float[] mask, int batch, int outputs, int b, int k, int from, int to)
    {
        double sum = 0;
        var n = 0;
        for (var t = from; t < to; t++)
        {
            var i = (t * batch + b) * outputs + k;
            if (mask[i] == 0) continue;
            sum += z[i];
            n++;
        }
        return n == 0 ? double.NaN : sum / n;
    }
}
