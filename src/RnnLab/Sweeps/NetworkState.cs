namespace RnnLab.Sweeps;

/// <summary>Where a network of a sweep stands.</summary>
public enum NetworkState
{
    /// <summary>Not finished and nothing trains it now (not started, stopped, or queued).</summary>
    Waiting,

    /// <summary>A process trains it now.</summary>
    Running,

    /// <summary>Finished: its final weights are written.</summary>
    Done,

    /// <summary>Its last training ended in an error, or Slurm ended its task without finishing it.</summary>
    Failed,
}
