namespace RnnLab.Cli.Hosting;

/// <summary>What the rnnlab process's exit code says: schedulers (Slurm, a shell, a parent rnnlab) read it.</summary>
public static class ExitCodes
{
    /// <summary>Done.</summary>
    public const int Success = 0;
    /// <summary>A missing or damaged run, file or config, or a failure while running.</summary>
    public const int Failure = 1;
    /// <summary>A mistake on the command line.</summary>
    public const int Usage = 2;
    /// <summary>Stopped by SIGINT (128 + 2) after writing a checkpoint: nothing failed.</summary>
    public const int Interrupted = 130;
    /// <summary>Stopped by SIGTERM (128 + 15) after writing a checkpoint: nothing failed.</summary>
    public const int Terminated = 143;

    /// <summary>Whether a code says the process was stopped by a signal, not that it failed.</summary>
    public static bool IsStop(int code) => code is Interrupted or Terminated;

    /// <summary>The code of a process stopped by signal number 2 or 15.</summary>
    public static int Stopped(int signal) => signal == 15 ? Terminated : Interrupted;
}
