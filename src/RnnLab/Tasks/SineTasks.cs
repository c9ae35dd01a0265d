using TorchSharp;
using static TorchSharp.torch;

namespace RnnLab.Tasks;

/// <summary>Which of the three sine tasks (seed 002, section "future work").</summary>
public enum SineTaskVariant
{
    /// <summary>sine_frequency: report the frequency of a sine input, scaled to [0, 1].</summary>
    Frequency,
    /// <summary>sine_compare: say which of two sines is faster (1 if the first, 0 if the second).</summary>
    Compare,
    /// <summary>sine_generate: produce a sine whose frequency is set by a static input level in [0, 1].</summary>
    Generate,
}

/// <summary>
/// The sine tasks. Time t = step * Dt ms. Frequencies are uniform in [MinFrequency, MaxFrequency].
/// Accuracy: Frequency, within Tolerance of the target on average over counted steps; Compare, on the
/// correct side of 0.5 on average; Generate, the fraction of counted steps within Tolerance.
/// </summary>
public sealed class SineTask(SineTaskOptions options, SineTaskVariant variant, double dtMs) : ICognitiveTask
{
    /// <inheritdoc />
    public string Kind => variant switch
    {
        SineTaskVariant.Frequency => "sine_frequency",
        SineTaskVariant.Compare => "sine_compare",
        _ => "sine_generate",
    };
    /// <inheritdoc />
    public int InputSize => variant == SineTaskVariant.Compare ? 2 : 1;
    /// <inheritdoc />
    public int OutputSize => 1;
    /// <inheritdoc />
    public int Steps => options.Steps;

    private double Normalized(double f) => (f - options.MinFrequency) / (options.MaxFrequency - options.MinFrequency);

    private double Sine(double f, int t) => Math.Sin(2 * Math.PI * f * t * dtMs / 1000);

    /// <inheritdoc />
    public TrialBatch Sample(int batchSize, Generator generator)
    {
        var random = new TrialRandom(generator, 3 * batchSize);
        var arrays = new TrialArrays(Steps, batchSize, InputSize, 1);
        var trials = new SineTrial[batchSize];
        for (var b = 0; b < batchSize; b++)
        {
            var f1 = random.Uniform(options.MinFrequency, options.MaxFrequency);
            var gap = random.Uniform(options.MinDifference, Math.Max(options.MinDifference, (options.MaxFrequency - options.MinFrequency) / 2));
            var f2 = random.Bernoulli(0.5) ? f1 + gap : f1 - gap;
            if (f2 > options.MaxFrequency || f2 < options.MinFrequency) f2 = 2 * f1 - f2;
            var cue = Normalized(f1);
            trials[b] = variant == SineTaskVariant.Compare ? new SineTrial([f1, f2], 0) : new SineTrial([f1], cue);
            for (var t = 0; t < Steps; t++)
            {
                switch (variant)
                {
                    case SineTaskVariant.Frequency:
                        arrays.Input(t, b, 0, Sine(f1, t));
                        arrays.Target(t, b, 0, cue);
                        break;
                    case SineTaskVariant.Compare:
                        arrays.Input(t, b, 0, Sine(f1, t));
                        arrays.Input(t, b, 1, Sine(f2, t));
                        arrays.Target(t, b, 0, f1 > f2 ? 1 : 0);
                        break;
                    default:
                        arrays.Input(t, b, 0, cue);
                        arrays.Target(t, b, 0, Sine(f1, t));
                        break;
                }
                arrays.Masked(t, b, 0, t >= options.GraceSteps);
            }
        }
        return arrays.ToBatch(trials, options.StimulusNoise, generator);
    }

    /// <inheritdoc />
    public double Accuracy(TrialBatch batch, Tensor outputs)
    {
        var (z, mask) = OutputReader.Read(outputs, batch);
        var target = batch.Targets.ToArray<float>();
        var n = batch.Trials.Count;
        double score = 0;
        for (var b = 0; b < n; b++)
        {
            var trial = (SineTrial)batch.Trials[b];
            var mean = OutputReader.MaskedMean(z, mask, n, 1, b, 0, 0, Steps);
            score += variant switch
            {
                SineTaskVariant.Frequency => Math.Abs(mean - trial.CueLevel) < options.Tolerance ? 1 : 0,
                SineTaskVariant.Compare => (mean > 0.5) == (trial.Frequencies[0] > trial.Frequencies[1]) ? 1 : 0,
                _ => FractionWithin(z, target, mask, n, b),
            };
        }
        return score / n;
    }

    private double FractionWithin(float[] z, float[] target, float[] mask, int n, int b)
    {
        int counted = 0, within = 0;
        for (var t = 0; t < Steps; t++)
        {
            var i = t * n + b;
            if (mask[i] == 0) continue;
            counted++;
            if (Math.Abs(z[i] - target[i]) < options.Tolerance) within++;
        }
        return counted == 0 ? 0 : (double)within / counted;
    }
}
