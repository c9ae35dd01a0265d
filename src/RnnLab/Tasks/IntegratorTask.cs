using RnnLab.Configuration;
using TorchSharp;
using static TorchSharp.torch;

namespace RnnLab.Tasks;

/// <summary>Options of the noise-integration task (seed 004).</summary>
public sealed record IntegratorTaskOptions : TaskOptions
{
    /// <summary>Each trial's constant drift is drawn uniformly from [-MaxDrift, MaxDrift].</summary>
    [Allowed(Min = 0)] public double MaxDrift { get; init; } = 0.1;
    /// <summary>The target is Scale times the running sum of the input.</summary>
    [Allowed(Min = 0, MinExclusive = true)] public double Scale { get; init; } = 0.1;
    /// <summary>An output within this distance of the target counts as correct.</summary>
    [Allowed(Min = 0, MinExclusive = true)] public double Tolerance { get; init; } = 0.1;

    /// <summary>Defaults: the input noise is the signal (std 0.3), every step counts.</summary>
    public IntegratorTaskOptions()
    {
        StimulusNoise = 0.3;
        GraceSteps = 0;
    }
}

/// <summary>One integration trial: its drift (the noise itself is part of the input and the target).</summary>
public sealed record IntegratorTrial(double Drift) : TrialParameters;

/// <summary>
/// Seed 004's task: integrate a noisy input u_t = drift + StimulusNoise n_t; the target is its running
/// integral Scale * sum_{s &lt;= t} u_s (a line attractor solves it). Unlike the other tasks the noise is
/// part of what is integrated, so it is drawn here and enters the target too. Accuracy: the fraction of
/// counted steps where |z - target| &lt; Tolerance.
/// </summary>
public sealed class IntegratorTask(IntegratorTaskOptions options) : ICognitiveTask
{
    /// <inheritdoc />
    public string Kind => "integrator";
    /// <inheritdoc />
    public int InputSize => 1;
    /// <inheritdoc />
    public int OutputSize => 1;
    /// <inheritdoc />
    public int Steps => options.Steps;

    /// <inheritdoc />
    public TrialBatch Sample(int batchSize, Generator generator)
    {
        using var scope = NewDisposeScope();
        var random = new TrialRandom(generator, batchSize);
        var trials = new IntegratorTrial[batchSize];
        var drift = new float[batchSize];
        for (var b = 0; b < batchSize; b++)
        {
            trials[b] = new IntegratorTrial(random.Uniform(-options.MaxDrift, options.MaxDrift));
            drift[b] = (float)trials[b].Drift;
        }
        var inputs = tensor(drift, [1, batchSize, 1]) + randn([Steps, batchSize, 1], generator: generator) * options.StimulusNoise;
        var targets = inputs.cumsum(0) * options.Scale;
        var steps = arange(0, Steps, 1, float32).reshape(Steps, 1, 1);
        var mask = (steps >= options.GraceSteps).to(float32).expand(Steps, batchSize, 1).contiguous();
        return new TrialBatch(inputs.MoveToOuterDisposeScope(), targets.MoveToOuterDisposeScope(), mask.MoveToOuterDisposeScope(), trials);
    }

    /// <inheritdoc />
    public double Accuracy(TrialBatch batch, Tensor outputs)
    {
        using var scope = NewDisposeScope();
        var within = ((outputs.detach() - batch.Targets).abs() < options.Tolerance).to(float32) * batch.Mask;
        return within.sum().ToDouble() / Math.Max(1, batch.Mask.sum().ToDouble());
    }
}
