using System.CommandLine;
using System.Globalization;
using RnnLab.Cli.Hosting;

namespace RnnLab.Cli.Commands;

/// <summary>
/// `rnnlab worker JOB.json` (hidden): runs one <see cref="WorkerJob"/>, the one way rnnlab runs work in a
/// process of its own: a network of a multi-seed run, a network of `analyze --jobs`, a sweep's network
/// here or as a Slurm array task, a study's step.
/// </summary>
public sealed class WorkerCommand : ICommand
{
    /// <inheritdoc />
    public Command Build()
    {
        var job = CliOptions.PathArgument("job", "the job file");
        var command = new Command(WorkerProcesses.Verb, "run one worker job (how rnnlab runs networks in processes of their own)") { job };
        command.Hidden = true;
        command.SetAction(parse => Run(WorkerJob.Read(parse.GetValue(job)!)));
        return command;
    }

    private static int Run(WorkerJob job) => job switch
    {
        TrainNetworkJob train => ResumeCommand.Run(train.Run, jobs: null, only: train.Network, quiet: true, progressLines: train.Progress),
        AnalyzeNetworkJob analyze => AnalyzeCommand.Worker(analyze),
        SweepTaskJob task => SweepCommand.RunTask(task.Sweep, task.Task ?? ArrayTask(), task.Progress),
        StudyStepJob step => StudyStepRunner.Run(step.Study, step.Stage, step.Step ?? step.Offset + ArrayTask(), step.Progress),
        _ => throw new UsageException($"unknown worker job {job.GetType().Name}."),
    };

    private static int ArrayTask() =>
        int.TryParse(Environment.GetEnvironmentVariable(SweepTaskJob.ArrayTaskVariable), NumberStyles.Integer, CultureInfo.InvariantCulture, out var task)
            ? task
            : throw new UsageException($"the job names no task and {SweepTaskJob.ArrayTaskVariable} is not set: a sweep job without a task runs as a Slurm array task.");
}
