using RnnLab.Configuration;
using TorchSharp;
using static TorchSharp.torch;

namespace RnnLab.Tasks;

/// <summary>Options of the flip-flop task (seed 001, Sussillo and Barak 2013).</summary>
public sealed record FlipFlopTaskOptions : TaskOptions
{
    /// <summary>Number of independent bits (3 for the 3-bit flip-flop).</summary>
    [Allowed(Min = 1, Max = 64)] public int Channels { get; init; } = 3;
    /// <summary>Probability that a pulse starts on a channel at a given step.</summary>
    [Allowed(Min = 0, MinExclusive = true, Max = 1)] public double PulseProbability { get; init; } = 0.04;
    /// <summary>Length of each pulse in steps.</summary>
    [Allowed(Min = 1)] public int PulseSteps { get; init; } = 3;

    /// <summary>Defaults: no stimulus noise, 5 grace steps after each pulse onset.</summary>
    public FlipFlopTaskOptions()
    {
        StimulusNoise = 0;
        GraceSteps = 5;
    }
}

/// <summary>One flip-flop trial: per channel, the pulse onsets and their signs.</summary>
public sealed record FlipFlopTrial(IReadOnlyList<IReadOnlyList<(int Step, int Sign)>> Pulses) : TrialParameters;

/// <summary>
/// The N-bit flip-flop (Sussillo and Barak 2013): each input channel carries sparse +1/-1 pulses and
/// the matching output must hold the sign of that channel's last pulse. Before a channel's first pulse
/// and for GraceSteps after each onset the loss is not counted. Accuracy: the fraction of counted
/// (step, channel) points where the output has the target's sign.
/// </summary>
public sealed class FlipFlopTask(FlipFlopTaskOptions options) : ICognitiveTask
{
    /// <inheritdoc />
    public string Kind => "flipflop";
    /// <inheritdoc />
    public int InputSize => options.Channels;
    /// <inheritdoc />
    public int OutputSize => options.Channels;
    /// <inheritdoc />
    public int Steps => options.Steps;

    /// <inheritdoc />
    public TrialBatch Sample(int batchSize, Generator generator)
    {
        var c = options.Channels;
        var random = new TrialRandom(generator, 2 * batchSize * c * Steps);
        var arrays = new TrialArrays(Steps, batchSize, c, c);
        var trials = new FlipFlopTrial[batchSize];
        for (var b = 0; b < batchSize; b++)
        {
            var pulses = new List<(int, int)>[c];
            for (var k = 0; k < c; k++)
            {
                pulses[k] = [];
                var state = 0;
                var lastOnset = -1;
                var pulseEnd = 0;
                for (var t = 0; t < Steps; t++)
                {
                    var starts = random.Bernoulli(options.PulseProbability);
                    var sign = random.Bernoulli(0.5) ? 1 : -1;
                    if (starts && t >= pulseEnd)
                    {
                        pulses[k].Add((t, sign));
                        state = sign;
                        lastOnset = t;
                        pulseEnd = t + options.PulseSteps;
                    }
                    arrays.Input(t, b, k, t < pulseEnd ? state : 0);
                    arrays.Target(t, b, k, state);
                    arrays.Masked(t, b, k, lastOnset >= 0 && t - lastOnset >= options.GraceSteps);
                }
            }
            trials[b] = new FlipFlopTrial(pulses.Select(p => (IReadOnlyList<(int, int)>)p).ToArray());
        }
        return arrays.ToBatch(trials, options.StimulusNoise, generator);
    }

    /// <inheritdoc />
    public double Accuracy(TrialBatch batch, Tensor outputs)
    {
        var (z, mask) = OutputReader.Read(outputs, batch);
        var target = batch.Targets.ToArray<float>();
        long counted = 0, correct = 0;
        for (var i = 0; i < z.Length; i++)
        {
            if (mask[i] == 0) continue;
            counted++;
            if (Math.Sign(z[i]) == Math.Sign(target[i])) correct++;
        }
        return counted == 0 ? double.NaN : (double)correct / counted;
    }
}
