namespace RnnLab.Slurm;

/// <summary>Slurm's job states (squeue %T), sorted by what they mean for a network.</summary>
public static class SlurmStates
{
    private static readonly HashSet<string> Running = ["RUNNING", "CONFIGURING", "COMPLETING", "SIGNALING", "STAGE_OUT", "RESIZING"];

    private static readonly HashSet<string> Waiting = ["PENDING", "REQUEUED", "REQUEUE_FED", "REQUEUE_HOLD", "RESV_DEL_HOLD", "SUSPENDED", "STOPPED"];

    private static readonly HashSet<string> Failures = ["FAILED", "TIMEOUT", "NODE_FAIL", "OUT_OF_MEMORY", "BOOT_FAIL", "DEADLINE", "CANCELLED", "SPECIAL_EXIT", "REVOKED", "PREEMPTED"];

    /// <summary>The task runs now.</summary>
    public static bool IsRunning(string state) => Running.Contains(state);

    /// <summary>The task waits to run (queued, requeued, held or suspended).</summary>
    public static bool IsWaiting(string state) => Waiting.Contains(state);

    /// <summary>
    /// Slurm will not run the task again by itself, and it did not finish its network: an error, a time
    /// limit (the task checkpointed 60 s before it), a preemption without requeue, a cancellation. Running
    /// the sweep again resumes the network.
    /// </summary>
    public static bool IsFailure(string state) => Failures.Contains(state);

    /// <summary>Slurm still holds the task (running or waiting): submitting its network again would run it twice.</summary>
    public static bool IsAlive(string state) => IsRunning(state) || IsWaiting(state);
}
