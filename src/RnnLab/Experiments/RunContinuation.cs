using RnnLab.Models;
using RnnLab.Training;

namespace RnnLab.Experiments;

/// <summary>
/// How a run goes on after an interruption, for the CLI and any C# caller alike: a run continues in the
/// mode it began in (run.json), an ensemble together and separate networks apart; a finished network is
/// left alone; a network that never reached its first checkpoint starts again from its seed (or the run's
/// starting weights); any other continues from its newest intact checkpoint.
/// </summary>
public static class RunContinuation
{
    /// <summary>
    /// The trainer that continues the whole run's networks together
    /// (<see cref="Trainer.Resume(ExperimentOptions, IReadOnlyList{NetworkDirectory}, StartingWeights?, Action{string}, Action{string})"/>),
    /// or null when the run is not an ensemble, when only some of its networks are asked for, or when one already finished: the
    /// networks stop together and write their final weights after their last checkpoint, so the others then
    /// only have those weights to write, from their own checkpoints, one at a time.
    /// </summary>
    public static Func<Trainer?>? Ensemble(RunDirectory run, bool wholeRun, StartingWeights? start, Action<string> say, Action<string> warn) =>
        wholeRun && run.Mode == TrainingMode.Ensemble && run.Networks.All(n => !n.Finished)
            ? () => Trainer.Resume(run.Options, run.Networks, start, say, warn)
            : null;

    /// <summary>
    /// The trainer that continues one network, or null when it already finished. say reports what was
    /// decided (a finished network, a start from the beginning); warn reports damaged files skipped (a
    /// checkpoint, or final weights that do not read back, which training again from the newest
    /// checkpoint replaces with the same weights).
    /// </summary>
    public static Trainer? Network(RunDirectory run, NetworkDirectory network, StartingWeights? start, Action<string> say, Action<string> warn)
    {
        if (network.FinalDamage() is { } damage)
        {
            warn($"{damage} Training it again from its newest checkpoint.");
        }
        else if (network.Finished)
        {
            say($"{network.Path}: already finished ({network.FinalModel}).");
            return null;
        }
        // A network that never reached its first checkpoint starts (again); one that never started at all
        // (train handing its networks to processes) just starts.
        try
        {
            if (network.Checkpoints().Count == 0)
            {
                if (File.Exists(network.InitialModel)) say($"{network.Path}: no checkpoint yet; starting it from the beginning.");
                return Trainer.Start(run.Options, network, start);
            }
            var trainer = Trainer.Resume(run.Options, network, warn);
            say($"{network.Path}: resuming at step {trainer.Step}.");
            return trainer;
        }
        catch (NetworkFinishedException e)
        {
            say(e.Message);
            return null;
        }
    }

    /// <summary>Whether K networks fit in memory as one ensemble: K times <see cref="TrainingMemory"/> within half the memory available.</summary>
    public static bool EnsembleFits(ExperimentOptions options, int networks) =>
        networks * (double)TrainingMemory.Of(options).Bytes < 0.5 * TrainingMemory.Available();
}
