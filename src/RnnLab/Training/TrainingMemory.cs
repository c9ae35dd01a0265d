using System.Globalization;
using RnnLab.Experiments;

namespace RnnLab.Training;

/// <summary>
/// About how many bytes training one network takes, so that a config the machine cannot hold is refused
/// before a run directory exists instead of dying on an allocation (Units = 100000 asks for 40 GB per
/// N x N matrix). Values are float32. N x N matrices: W_rec, its mask and the effective weights, the
/// gradient of the effective weights and of W_rec, and, when W_rec trains, Adam's two moments and one
/// temporary of its update (8; 4 when W_rec is frozen). Trajectories, whichever is larger: a training step
/// keeps 8 values per step, trial and unit (drive, noise, noisy drive, pre-activations, rates, their
/// gradients and the shifted rates of dW); an evaluation, without gradients, 4.
/// </summary>
public sealed record TrainingMemory
{
    private const long BytesPerValue = 4;

    /// <summary>Units N.</summary>
    public required int Units { get; init; }

    /// <summary>Bytes of the N x N matrices (and the small weights with their gradients and moments).</summary>
    public required long WeightBytes { get; init; }

    /// <summary>Bytes of the trajectories of a training step or an evaluation, whichever is larger.</summary>
    public required long TrajectoryBytes { get; init; }

    /// <summary>The config key that most drives the total: Model:Units, Training:BatchSize or Training:EvaluationBatchSize.</summary>
    public required string Key { get; init; }

    /// <summary>The value of <see cref="Key"/>.</summary>
    public required int Value { get; init; }

    /// <summary>Bytes in all, for one network.</summary>
    public long Bytes => WeightBytes + TrajectoryBytes;

    /// <summary>The estimate for one network of these options.</summary>
    public static TrainingMemory Of(ExperimentOptions options)
    {
        var task = options.CreateTask();
        long n = options.Model.Units, steps = task.Steps, inputs = task.InputSize, outputs = task.OutputSize;
        var o = options.Training;
        var matrices = options.Model.Train.Contains("W_rec") ? 8 : 4;
        // The other weights (W_in, b, W_out, b_out, r0) with a gradient and two moments each.
        var weights = BytesPerValue * (matrices * n * n + 4 * (n * (inputs + outputs + 2) + outputs));
        var training = 8 * steps * o.BatchSize * n;
        var evaluation = 4 * steps * o.EvaluationBatchSize * n;
        var trajectories = BytesPerValue * Math.Max(training, evaluation);
        var (key, value) = weights >= trajectories ? ("Model:Units", options.Model.Units)
            : training >= evaluation ? ("Training:BatchSize", o.BatchSize) : ("Training:EvaluationBatchSize", o.EvaluationBatchSize);
        return new TrainingMemory { Units = options.Model.Units, WeightBytes = weights, TrajectoryBytes = trajectories, Key = key, Value = value };
    }

    /// <summary>The memory this process may use: the machine's, or the limit of its container.</summary>
    public static long Available() => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;

    /// <summary>
    /// Why training does not fit in availableBytes, as (key, message) for a config error that names the
    /// key's source; null when it fits.
    /// </summary>
    public (string Key, string Message)? Refusal(long availableBytes) => Bytes <= availableBytes ? null : (Key,
        $"{Key} = {Value} needs about {Size(Bytes)} to train a network ({Size(WeightBytes)} of weights, gradients and Adam's moments for {Units} units, " +
        $"{Size(TrajectoryBytes)} of trajectories); this machine has {Size(availableBytes)}; allowed: Units, batch sizes and trial steps whose training fits in memory.");

    /// <summary>A byte count as GB (2^30 bytes), MB below one GB.</summary>
    public static string Size(long bytes) => bytes >= 1L << 30
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 30):0.#} GB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 20):0.#} MB");
}
