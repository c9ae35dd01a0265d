using System.CommandLine;
using System.Globalization;
using RnnLab.Configuration;
using RnnLab.Cli.Hosting;
using RnnLab.Experiments;
using RnnLab.Slurm;
using RnnLab.Sweeps;

namespace RnnLab.Cli.Commands;

/// <summary>
/// `rnnlab sweep`: trains every network of a sweep file (a grid of config keys × seeds) on this machine or
/// as a Slurm job array; `sweep status DIR` says where a sweep stands. Each network trains in a worker
/// (<see cref="SweepTaskJob"/>), in a local process or as a Slurm array task alike.
/// </summary>
public sealed class SweepCommand : ICommand
{
    private const string LocalExecutor = "local";
    private const string SlurmExecutor = "slurm";

    /// <inheritdoc />
    public Command Build()
    {
        var file = CliOptions.PathArgument("sweep", "the sweep file (experiments/sweeps/*.json)");
        var output = CliOptions.PathOption("--out", "DIR", "sweep directory (default: checkpoints/<sweep file name>); running again continues it");
        var executor = CliOptions.OneOf("--executor", LocalExecutor, "where the networks train: this machine, or a Slurm job array with one task per network", LocalExecutor, SlurmExecutor);
        var jobs = CliOptions.IntInRange("--jobs", 1, 1024, "with --executor local, how many networks train at once, each in a process of its own (default: one per core)");
        var wait = CliOptions.Flag("--wait", "with --executor slurm, wait until the array is done and print the status");
        var quiet = CliOptions.Flag("--quiet", "plain progress lines instead of live bars");
        var command = new Command("sweep", "train every network of a sweep file (a grid of config keys × seeds) here or on a Slurm cluster; running it again continues; --Section:Key=value arguments override keys of every point")
        {
            file, output, executor, jobs, wait, quiet, Status(),
        };
        command.TreatUnmatchedTokensAsErrors = false;   // config overrides (--Model:Units=64) reach the strict config binding
        command.SetAction(parse => Run(parse.GetValue(file)!, parse.GetValue(output), parse.GetValue(executor)!, parse.GetValue(jobs), parse.GetValue(wait),
            parse.GetValue(quiet), parse.UnmatchedTokens.ToList()));
        return command;
    }

    private static Command Status()
    {
        var directory = CliOptions.PathArgument("dir", "the sweep directory");
        var command = new Command("status", "one line per point: networks done, running, waiting and failed, the last evaluation, and the Slurm states; exits 1 while any network failed")
        {
            directory,
        };
        command.SetAction(parse => PrintStatus(SweepDirectory.Open(parse.GetValue(directory)!)));
        return command;
    }

    private static int Run(string file, string? output, string executor, int? jobs, bool wait, bool quiet, List<string> unmatched)
    {
        var overrides = ConfigArguments.Overrides(unmatched, "sweep");
        if (jobs is not null && executor != LocalExecutor) throw new UsageException("--jobs applies to --executor local; a Slurm array runs as many tasks at once as the cluster gives it.");
        if (wait && executor != SlurmExecutor) throw new UsageException("--wait applies to --executor slurm; the local executor always waits.");

        // Networks training here must fit this machine's memory; a Slurm node's is not known here.
        var memory = executor == LocalExecutor ? Training.TrainingMemory.Available() : (long?)null;
        if (ConfigArguments.LoadOrReport("sweep", "started", () => SweepDefinition.Load(file, overrides, trainingMemory: memory)) is not { } definition) return 2;
        var directory = output ?? Path.Combine("checkpoints", Path.GetFileNameWithoutExtension(file));
        // Held until this command ends; its workers take only their networks' locks, never this one.
        using var writing = OutputLock.Sweep(directory);
        var sweep = SweepDirectory.CreateOrContinue(directory, definition);
        var finished = sweep.Networks.Count(n => n.Network.Finished);
        Console.WriteLine($"rnnlab sweep: {definition.Points.Count} point(s) × {definition.Seeds} seed(s) = {sweep.Tasks} network(s) -> {sweep.Path} ({finished} finished)");
        using var stop = new StopSignals();
        if (executor == LocalExecutor)
        {
            var todo = sweep.Networks.Where(n => !n.Network.Finished).ToList();
            var code = todo.Count == 0 ? 0 : WorkerProcesses.Run([.. todo.Select(n => new SweepTaskJob { Label = n.Label, Sweep = sweep.Path, Task = n.Task })],
                jobs ?? ChildProcesses.DefaultJobs(todo.Count), LiveProgressWanted(quiet), stop);
            if (ExitCodes.IsStop(code))
            {
                Console.Error.WriteLine($"rnnlab sweep: stopped; checkpoints were written. Continue with the same command.");
                return code;
            }
            var statusCode = PrintStatus(sweep);
            return code != 0 ? code : statusCode;
        }

        var slurm = new Slurm.SlurmExecutor(new SlurmClient());
        // Every array task runs the same job, a network named by Slurm's array index; the script carries no value of the sweep.
        Directory.CreateDirectory(sweep.SlurmFolder);
        var job = Path.Combine(sweep.SlurmFolder, "worker.json");
        new SweepTaskJob { Label = "array task", Sweep = "." }.Write(job);
        var submission = slurm.Submit(sweep, definition.Slurm, [.. SelfProcess.Command(), WorkerProcesses.Verb, Path.GetRelativePath(sweep.Path, job)]);
        if (submission is null)
        {
            Console.WriteLine("rnnlab sweep: nothing to submit: every network is finished or already held by Slurm or another process.");
            return PrintStatus(sweep, slurm);
        }
        Console.WriteLine($"rnnlab sweep: submitted job {submission.JobId}: {submission.Tasks.Count} array task(s) ({SbatchScript.ArrayList(submission.Tasks)}), " +
            $"script {Path.Combine(sweep.SlurmFolder, SbatchScript.FileName)}; follow with ./rnnlab sweep status {sweep.Path}");
        if (!wait) return 0;
        slurm.Wait(submission.JobId, TimeSpan.FromSeconds(5), stop.Token);
        if (stop.Signal != 0)
        {
            Console.Error.WriteLine($"rnnlab sweep: stopped waiting; job {submission.JobId} goes on (scancel {submission.JobId} stops it).");
            return stop.ExitCode;
        }
        return PrintStatus(sweep, slurm);
    }

    private static bool LiveProgressWanted(bool quiet) => Progress.LiveProgress.Available(quiet);

    // One network: resumed when it has a checkpoint, started when not, left alone when finished. A failure
    // (not a stop by signal, not a refusal because another process trains it) leaves failed.json for
    // status; the next task to take the network's lock removes it.
    internal static int RunTask(string directory, int task, bool progressLines)
    {
        var sweep = SweepDirectory.Open(directory);
        if (task < 0 || task >= sweep.Tasks) throw new UsageException($"the sweep {directory} has networks 0 to {sweep.Tasks - 1}; the job names network {task}.");
        var network = sweep.Network(task);
        int code;
        try
        {
            using var start = network.Run.ReadStartingWeights();
            code = TrainingSession.Run(network.Run, n =>
            {
                var trainer = RunContinuation.Network(network.Run, n, start, Console.WriteLine, warning => Console.Error.WriteLine($"rnnlab sweep: {warning}"));
                if (trainer is not null) network.ClearFailure();   // this task holds the lock now
                return trainer;
            }, ensembleFor: null, new TrainingSessionOptions { Quiet = true, Networks = [network.Network], ProgressLines = progressLines, Name = network.Point });
        }
        catch (NetworkInUseException)
        {
            throw;   // another process trains it: nothing failed
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or ArgumentException or Configuration.ConfigurationException)
        {
            Console.Error.WriteLine($"rnnlab sweep task: {network.Label}: {Hosting.ErrorWording.Of(e)}");
            network.RecordFailure(1, e.Message);
            return 1;
        }
        if (code != ExitCodes.Success && !ExitCodes.IsStop(code)) network.RecordFailure(code, $"training ended with exit code {code}; its output says why");
        return code;
    }

    private static int PrintStatus(SweepDirectory sweep) => PrintStatus(sweep, new Slurm.SlurmExecutor(new SlurmClient()));

    private static int PrintStatus(SweepDirectory sweep, Slurm.SlurmExecutor slurm)
    {
        var ranOnSlurm = Slurm.SlurmExecutor.JobIds(sweep).Count > 0;
        var states = ranOnSlurm ? slurm.States(sweep) : new Dictionary<int, string>();
        var points = SweepStatus.Of(sweep, states);
        var width = Math.Max(5, points.Max(p => p.Point.Length));
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine($"{"point".PadRight(width)}  done  running  waiting  failed  eval loss  accuracy{(ranOnSlurm ? "  slurm" : "")}");
        foreach (var p in points)
        {
            var loss = p.EvalLoss is { } l ? l.ToString("G4", inv) : "-";
            var accuracy = p.Accuracy is { } a ? a.ToString("P1", inv) : "-";
            var slurmStates = ranOnSlurm ? "  " + (p.SlurmStates.Count == 0 ? "-" : string.Join(", ", p.SlurmStates.Select(s => $"{s.Value} {s.Key}"))) : "";
            Console.WriteLine(string.Create(inv, $"{p.Point.PadRight(width)}  {p.Done,4}  {p.Running,7}  {p.Waiting,7}  {p.Failed,6}  {loss,9}  {accuracy,8}{slurmStates}"));
        }
        var failed = points.Sum(p => p.Failed);
        if (failed > 0) Console.Error.WriteLine($"rnnlab sweep: {failed} network(s) failed; their output is in their failed.json and, under Slurm, {sweep.SlurmFolder}/task-<i>.log. Running the sweep again retries them.");
        return failed > 0 ? 1 : 0;
    }
}
