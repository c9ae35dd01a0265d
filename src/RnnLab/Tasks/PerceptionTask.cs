using RnnLab.Configuration;
using TorchSharp;
using static TorchSharp.torch;

namespace RnnLab.Tasks;

/// <summary>Options of the perception task (seed 002).</summary>
public sealed record PerceptionTaskOptions : TaskOptions
{
    /// <summary>The lower input level.</summary>
    public double LowLevel { get; init; } = 0.5;
    /// <summary>The higher input level.</summary>
    public double HighLevel { get; init; } = 0.8;
    /// <summary>Probability that the level switches once within a trial (at a step in the middle third).</summary>
    [Allowed(Min = 0, Max = 1)] public double SwitchProbability { get; init; } = 0.5;
}

/// <summary>One perception trial: the first level, and the step where it switches (or null).</summary>
public sealed record PerceptionTrial(double FirstLevel, int? SwitchStep) : TrialParameters;

/// <summary>
/// Seed 002's perception task: a noisy constant input at 0.5 or 0.8, possibly switching once within the
/// trial; the output must report the opposite level (0.8 for 0.5, 0.5 for 0.8). Default timing at
/// dt = 10 ms: 1 s trials, a switch between 333 and 667 ms, 200 ms grace after the start and the switch.
/// Accuracy: a trial is correct when, in every segment, the mean output over the counted steps is
/// nearer the right level than the wrong one.
/// </summary>
public sealed class PerceptionTask(PerceptionTaskOptions options) : ICognitiveTask
{
    /// <inheritdoc />
    public string Kind => "perception";
    /// <inheritdoc />
    public int InputSize => 1;
    /// <inheritdoc />
    public int OutputSize => 1;
    /// <inheritdoc />
    public int Steps => options.Steps;

    private double Opposite(double level) => options.LowLevel + options.HighLevel - level;

    /// <inheritdoc />
    public TrialBatch Sample(int batchSize, Generator generator)
    {
        var random = new TrialRandom(generator, 3 * batchSize);
        var arrays = new TrialArrays(Steps, batchSize, 1, 1);
        var trials = new PerceptionTrial[batchSize];
        for (var b = 0; b < batchSize; b++)
        {
            var first = random.Bernoulli(0.5) ? options.LowLevel : options.HighLevel;
            var switches = random.Bernoulli(options.SwitchProbability);
            var at = random.Integer(Steps / 3, Math.Max(Steps / 3 + 1, 2 * Steps / 3));
            trials[b] = new PerceptionTrial(first, switches ? at : null);
            for (var t = 0; t < Steps; t++)
            {
                var switched = switches && t >= at;
                var level = switched ? Opposite(first) : first;
                arrays.Input(t, b, 0, level);
                arrays.Target(t, b, 0, Opposite(level));
                var sinceChange = switched ? t - at : t;
                arrays.Masked(t, b, 0, sinceChange >= options.GraceSteps);
            }
        }
        return arrays.ToBatch(trials, options.StimulusNoise, generator);
    }

    /// <inheritdoc />
    public double Accuracy(TrialBatch batch, Tensor outputs)
    {
        var (z, mask) = OutputReader.Read(outputs, batch);
        var n = batch.Trials.Count;
        var correct = 0;
        for (var b = 0; b < n; b++)
        {
            var trial = (PerceptionTrial)batch.Trials[b];
            var segments = trial.SwitchStep is { } s ? new[] { (0, s, trial.FirstLevel), (s, Steps, Opposite(trial.FirstLevel)) } : [(0, Steps, trial.FirstLevel)];
            correct += segments.All(seg =>
            {
                var mean = OutputReader.MaskedMean(z, mask, n, 1, b, 0, seg.Item1, seg.Item2);
                var right = Opposite(seg.Item3);
                return double.IsNaN(mean) || Math.Abs(mean - right) < Math.Abs(mean - seg.Item3);
            }) ? 1 : 0;
        }
        return (double)correct / n;
    }
}
