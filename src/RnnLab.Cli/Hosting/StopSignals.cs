using System.Runtime.InteropServices;

namespace RnnLab.Cli.Hosting;

/// <summary>
/// SIGINT (Ctrl+C) and SIGTERM (what Slurm and Kubernetes send before a kill) as requests to stop: the
/// current step finishes, a checkpoint is written at that step, the network's lock is released, and the
/// process exits with 130 for SIGINT or 143 for SIGTERM (128 + the signal), so a scheduler sees it was
/// stopped, not that it failed.
/// </summary>
public sealed class StopSignals : IDisposable
{
    private readonly CancellationTokenSource _cancel = new();
    private readonly PosixSignalRegistration _interrupt;
    private readonly PosixSignalRegistration _terminate;
    private int _signal;

    /// <summary>Starts listening for SIGINT and SIGTERM.</summary>
    public StopSignals()
    {
        _interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
    }

    /// <summary>Cancelled when a stop was requested.</summary>
    public CancellationToken Token => _cancel.Token;

    /// <summary>The signal number that asked to stop (2 or 15); 0 while none did.</summary>
    public int Signal => Volatile.Read(ref _signal);

    /// <summary>The exit code of a stopped run: 130 after SIGINT, 143 after SIGTERM.</summary>
    public int ExitCode => ExitCodes.Stopped(Signal);

    private void Stop(PosixSignalContext context)
    {
        context.Cancel = true;   // no default termination: the trainer checkpoints and returns
        Interlocked.CompareExchange(ref _signal, context.Signal == PosixSignal.SIGTERM ? 15 : 2, 0);
        _cancel.Cancel();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _interrupt.Dispose();
        _terminate.Dispose();
        _cancel.Dispose();
    }
}
