using RnnLab.Configuration;
using TorchSharp;
using static TorchSharp.torch;

namespace RnnLab.Tasks;

/// <summary>Options of the decision task (seed 002).</summary>
public sealed record DecisionTaskOptions : TaskOptions
{
    /// <summary>Smallest input level.</summary>
    public double MinLevel { get; init; } = 0.2;
    /// <summary>Largest input level.</summary>
    public double MaxLevel { get; init; } = 0.8;
    /// <summary>Smallest |u1 - u2| drawn.</summary>
    [Allowed(Min = 0)] public double MinDifference { get; init; } = 0.05;
    /// <summary>Target when input 1 is the larger.</summary>
    public double HighTarget { get; init; } = 1;
    /// <summary>Target when input 2 is the larger.</summary>
    public double LowTarget { get; init; }
}

/// <summary>One decision trial: the two input levels.</summary>
public sealed record DecisionTrial(double Level1, double Level2) : TrialParameters;

/// <summary>
/// Seed 002's decision task: two noisy constant inputs; the output reports which is larger, at the high
/// target when input 1 is larger and the low target otherwise (Fig. 1: the output goes from high to low
/// as u2 - u1 goes from negative to positive). Default timing at dt = 10 ms: 1 s, 200 ms grace.
/// Accuracy: the mean output over the counted steps lies on the correct side of the midpoint.
/// </summary>
public sealed class DecisionTask(DecisionTaskOptions options) : ICognitiveTask
{
    /// <inheritdoc />
    public string Kind => "decision";
    /// <inheritdoc />
    public int InputSize => 2;
    /// <inheritdoc />
    public int OutputSize => 1;
    /// <inheritdoc />
    public int Steps => options.Steps;

    /// <inheritdoc />
    public TrialBatch Sample(int batchSize, Generator generator)
    {
        var random = new TrialRandom(generator, 3 * batchSize);
        var arrays = new TrialArrays(Steps, batchSize, 2, 1);
        var trials = new DecisionTrial[batchSize];
        var span = options.MaxLevel - options.MinLevel;
        for (var b = 0; b < batchSize; b++)
        {
            // Draw u1, then u2 at a distance of at least MinDifference (reflected into range), without rejection
            // so that every trial uses a fixed number of draws.
            var u1 = random.Uniform(options.MinLevel, options.MaxLevel);
            var distance = random.Uniform(options.MinDifference, Math.Max(options.MinDifference, span / 2));
            var u2 = random.Bernoulli(0.5) ? u1 + distance : u1 - distance;
            if (u2 > options.MaxLevel || u2 < options.MinLevel) u2 = 2 * u1 - u2;
            trials[b] = new DecisionTrial(u1, u2);
            var target = u1 > u2 ? options.HighTarget : options.LowTarget;
            for (var t = 0; t < Steps; t++)
            {
                arrays.Input(t, b, 0, u1);
                arrays.Input(t, b, 1, u2);
                arrays.Target(t, b, 0, target);
                arrays.Masked(t, b, 0, t >= options.GraceSteps);
            }
        }
        return arrays.ToBatch(trials, options.StimulusNoise, generator);
    }

    /// <inheritdoc />
    public double Accuracy(TrialBatch batch, Tensor outputs)
    {
        var midpoint = (options.HighTarget + options.LowTarget) / 2;
        return OutputReader.TrialAccuracy(batch, outputs, Steps, (b, mean) =>
        {
            var trial = (DecisionTrial)batch.Trials[b];
            var saysHigh = (mean > midpoint) == (options.HighTarget > options.LowTarget);
            return saysHigh == trial.Level1 > trial.Level2;
        });
    }
}
