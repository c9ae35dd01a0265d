using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using RnnLab.Cli.Hosting;
using RnnLab.Experiments;
using RnnLab.Slurm;
using RnnLab.Studies;

namespace RnnLab.Cli.Commands;

/// <summary>
/// `rnnlab study`: a sweep's networks and then every stage after them (analyze, compare, report, similarity,
/// census), step by step, here or as one Slurm job array per stage; `study status DIR` says where it stands.
/// Every step runs in a worker (<see cref="StudyStepJob"/>, <see cref="StudyStepRunner"/>), in a local
/// process or as a Slurm array task alike, so the files are the same whichever ran it.
/// </summary>
public sealed class StudyCommand : ICommand
{
    private const string LocalExecutor = "local";
    private const string SlurmExecutor = "slurm";

    /// <inheritdoc />
    public Command Build()
    {
        var file = CliOptions.PathArgument("study", "the study file (experiments/studies/*.json)");
        var output = CliOptions.PathOption("--out", "DIR", "study directory (default: studies/<study file name>); running again continues it");
        var executor = CliOptions.OneOf("--executor", LocalExecutor, "where the steps run: this machine, or one Slurm job array per stage", LocalExecutor, SlurmExecutor);
        var jobs = CliOptions.IntInRange("--jobs", 1, 1024, "with --executor local, how many steps run at once, each in a process of its own (default: one per core)");
        var wait = CliOptions.Flag("--wait", "with --executor slurm, wait until every array is done and print the status");
        var quiet = CliOptions.Flag("--quiet", "plain progress lines instead of live bars");
        var command = new Command("study", "a sweep's networks and every stage after them (analyze, compare, report, similarity, census), here or on a Slurm cluster; " +
            "running it again skips steps done, retries failed ones and reruns those whose options changed; --Section:Key=value arguments override keys of every point")
        {
            file, output, executor, jobs, wait, quiet, Status(),
        };
        command.TreatUnmatchedTokensAsErrors = false;   // config overrides reach the strict config binding
        command.SetAction(parse => Run(parse.GetValue(file)!, parse.GetValue(output), parse.GetValue(executor)!, parse.GetValue(jobs), parse.GetValue(wait),
            parse.GetValue(quiet), parse.UnmatchedTokens.ToList()));
        return command;
    }

    private static Command Status()
    {
        var directory = CliOptions.PathArgument("dir", "the study directory");
        var command = new Command("status", "one line per point: each stage's steps done of all, and those running, waiting, changed and failed; exits 1 while any step failed")
        {
            directory,
        };
        command.SetAction(parse => PrintStatus(StudyDirectory.Open(parse.GetValue(directory)!)));
        return command;
    }

    private static int Run(string file, string? output, string executor, int? jobs, bool wait, bool quiet, List<string> unmatched)
    {
        var overrides = ConfigArguments.Overrides(unmatched, "study");
        if (jobs is not null && executor != LocalExecutor) throw new UsageException("--jobs applies to --executor local; a Slurm array runs as many tasks at once as the cluster gives it.");
        if (wait && executor != SlurmExecutor) throw new UsageException("--wait applies to --executor slurm; the local executor always waits.");
        var memory = executor == LocalExecutor ? Training.TrainingMemory.Available() : (long?)null;
        if (ConfigArguments.LoadOrReport("study", "started", () => StudyDefinition.Load(file, overrides, trainingMemory: memory)) is not { } definition) return ExitCodes.Usage;
        CheckConditions(file, definition);
        var directory = output ?? Path.Combine("studies", Path.GetFileNameWithoutExtension(file));
        // Held until this command ends; its workers take only their steps' and networks' locks.
        using var writing = OutputLock.Sweep(directory);
        if (File.Exists(StudyDirectory.StudyPath(directory))
            && new StudySlurmExecutor(new SlurmClient()).AliveJobs(StudyDirectory.Open(directory)) is { Count: > 0 } alive)
        {
            Console.Error.WriteLine($"rnnlab study: {directory} has Slurm arrays still queued or running (job {string.Join(", ", alive)}); " +
                $"wait for them (./rnnlab study status {directory}) or cancel them (scancel {string.Join(' ', alive)}), then run the study again.");
            return ExitCodes.Failure;
        }
        var study = StudyDirectory.CreateOrContinue(directory, definition);
        var left = study.Steps.Count(s => !study.IsDone(s));
        Console.WriteLine($"rnnlab study: {definition.Sweep.Points.Count} point(s) × {definition.Sweep.Seeds} seed(s); stages {string.Join(", ", study.Options.Stages)}; " +
            $"{study.Steps.Count} step(s), {left} to run -> {study.Path}");
        using var stop = new StopSignals();
        return executor == LocalExecutor ? RunHere(study, jobs, quiet, stop) : Submit(study, definition, wait, stop);
    }

    // Each stage's steps in worker processes, at most jobs at once; a stage starts when the one before it ended.
    private static int RunHere(StudyDirectory study, int? jobs, bool quiet, StopSignals stop)
    {
        var first = 0;
        foreach (var stage in study.Options.StageList)
        {
            var steps = study.StageSteps(stage).Where(s => !study.IsDone(s)).ToList();
            var ready = steps.Where(s => s.DependsOn.All(d => study.IsDone(study.Step(d)))).ToList();
            foreach (var s in steps.Except(ready)) Console.Error.WriteLine($"rnnlab study: {s.Label}: skipped, since a step it reads did not finish.");
            if (ready.Count == 0) continue;
            var clock = Stopwatch.StartNew();
            var name = StudyStageNames.Of(stage);
            Console.WriteLine($"{name}: {ready.Count} step(s)");
            // Training has live bars; the other stages' workers print their lines as they go.
            var live = stage == StudyStage.Train && Progress.LiveProgress.Available(quiet);
            var code = WorkerProcesses.Run([.. ready.Select(s => new StudyStepJob { Label = s.Label, Study = study.Path, Stage = name, Step = s.Index })],
                jobs ?? ChildProcesses.DefaultJobs(ready.Count), live, stop);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: ended in {clock.Elapsed.TotalSeconds:F1} s"));
            if (ExitCodes.IsStop(code))
            {
                Console.Error.WriteLine("rnnlab study: stopped; what was done is kept. Continue with the same command.");
                return code;
            }
            if (first == 0) first = code;
        }
        var status = PrintStatus(study);
        return first != 0 ? first : status;
    }

    private static int Submit(StudyDirectory study, StudyDefinition definition, bool wait, StopSignals stop)
    {
        var slurm = new StudySlurmExecutor(new SlurmClient());
        Directory.CreateDirectory(study.Sweep.SlurmFolder);
        // Every array task of a stage runs the same job, a step named by Slurm's array index; the script carries no value of the study.
        var submissions = slurm.Submit(study, definition.Sweep.Slurm, (stage, offset) =>
        {
            var name = StudyStageNames.Of(stage);
            var job = Path.Combine(study.Sweep.SlurmFolder, offset == 0 ? $"{name}.json" : $"{name}-from{offset}.json");
            new StudyStepJob { Label = "array task", Study = ".", Stage = name, Offset = offset }.Write(job);
            return [.. SelfProcess.Command(), WorkerProcesses.Verb, Path.GetRelativePath(study.Path, job)];
        });
        if (submissions.Count == 0)
        {
            Console.WriteLine("rnnlab study: nothing to submit: every step is done or already held by Slurm or another process.");
            return PrintStatus(study);
        }
        foreach (var s in submissions)
            Console.WriteLine($"rnnlab study: submitted job {s.JobId}: {s.Stage}, {s.Tasks.Count} array task(s) (steps {SbatchScript.ArrayList([.. s.Tasks.Select(t => s.Offset + t)])})");
        Console.WriteLine($"rnnlab study: each array starts when the one before it ended well; follow with ./rnnlab study status {study.Path}");
        if (!wait) return ExitCodes.Success;
        slurm.Wait([.. submissions.Select(s => s.JobId)], TimeSpan.FromSeconds(5), stop.Token);
        if (stop.Signal != 0)
        {
            Console.Error.WriteLine($"rnnlab study: stopped waiting; the jobs go on (scancel {string.Join(' ', submissions.Select(s => s.JobId))} stops them).");
            return stop.ExitCode;
        }
        return PrintStatus(study);
    }

    // The analyze stage's conditions must fit every point's task, checked before anything runs.
    private static void CheckConditions(string file, StudyDefinition definition)
    {
        var conditions = definition.Options.Analyze.Conditions;
        if (conditions.Length == 0) return;
        foreach (var point in definition.Sweep.Points)
        {
            try
            {
                Analysis.ConditionDefaults.Parse(conditions, point.Options.CreateTask().InputSize);
            }
            catch (FormatException e)
            {
                throw new UsageException($"{file}: Analyze:Conditions for point {point.Name}: {e.Message}");
            }
        }
    }

    private static int PrintStatus(StudyDirectory study)
    {
        var ranOnSlurm = StudySlurmExecutor.Submissions(study).Count > 0;
        var states = ranOnSlurm ? new StudySlurmExecutor(new SlurmClient()).States(study) : new Dictionary<string, string>();
        var rows = StudyStatus.Of(study, states);
        var width = Math.Max(7, rows.Max(r => (r.Point ?? "(study)").Length));
        var stages = study.Options.StageList;
        string Cell(StageCount c)
        {
            if (c.Total == 0) return "-";
            var parts = new List<string> { $"{c.Done}/{c.Total}" };
            if (c.Running > 0) parts.Add($"{c.Running} running");
            if (c.Changed > 0) parts.Add($"{c.Changed} changed");
            if (c.Failed > 0) parts.Add($"{c.Failed} failed");
            return string.Join(" ", parts);
        }
        var cells = rows.Select(r => r.Stages.Select(Cell).ToList()).ToList();
        var widths = stages.Select((s, i) => Math.Max(StudyStageNames.Of(s).Length, cells.Max(c => c[i].Length))).ToList();
        Console.WriteLine("point".PadRight(width) + string.Concat(stages.Select((s, i) => "  " + StudyStageNames.Of(s).PadRight(widths[i]))));
        for (var r = 0; r < rows.Count; r++)
            Console.WriteLine((rows[r].Point ?? "(study)").PadRight(width) + string.Concat(cells[r].Select((c, i) => "  " + c.PadRight(widths[i]))).TrimEnd());
        var failed = rows.Sum(r => r.Stages.Sum(c => c.Failed));
        if (failed > 0)
            Console.Error.WriteLine($"rnnlab study: {failed} step(s) failed; their failure records are in {study.StepsFolder} (a network's in its failed.json) and, under Slurm, " +
                $"{study.Sweep.SlurmFolder}/STAGE-<i>.log (STAGE-fromN-<i>.log for step N + i of a stage split by MaxArraySize). Running the study again retries them.");
        return failed > 0 ? ExitCodes.Failure : ExitCodes.Success;
    }
}
