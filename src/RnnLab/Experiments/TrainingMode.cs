namespace RnnLab.Experiments;

/// <summary>
/// How the networks of a run are trained, recorded in run.json ("mode") so that resume continues the way
/// the run began: a multi-seed run trained as separate networks ends, resumed, exactly where it would have
/// (an ensemble only to rounding), so a resume must never switch between the two.
/// </summary>
public enum TrainingMode
{
    /// <summary>Each network on its own (one network, or `--seeds K`); the default.</summary>
    Separate,
    /// <summary>The K networks of `--seeds K --ensemble` together as one batched computation.</summary>
    Ensemble,
}
