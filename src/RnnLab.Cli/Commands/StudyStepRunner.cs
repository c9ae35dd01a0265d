using System.Diagnostics;
using System.Globalization;
using RnnLab.Analysis.CrossNetwork;
using RnnLab.Analysis.Similarity;
using RnnLab.Analysis.WeightComparison;
using RnnLab.Cli.Hosting;
using RnnLab.Cli.Reports;
using RnnLab.Experiments;
using RnnLab.IO;
using RnnLab.Studies;
using RnnLab.Training;

namespace RnnLab.Cli.Commands;

/// <summary>
/// Runs one step of a study (<see cref="StudyStepJob"/>), in a local worker or a Slurm array task alike: a
/// step done with the options the study resolves now is skipped; one whose inputs are not done is refused;
/// otherwise it runs what the stage's verb runs, under the step's lock, and leaves its record (or, when it
/// fails, its failure record) in the study's steps/ folder.
/// </summary>
internal static class StudyStepRunner
{
    /// <summary>Runs the step at index among stage's steps of the study at directory; returns its exit code.</summary>
    public static int Run(string directory, string stageName, int index, bool progress)
    {
        // By its full path, which the artifacts record: the same whichever executor, and wherever it started the step.
        var study = StudyDirectory.Open(Path.GetFullPath(directory));
        if (StudyStageNames.Parse(stageName) is not { } stage || !study.Options.StageList.Contains(stage))
            throw new UsageException($"the study {directory} has no stage '{stageName}'; its stages are {string.Join(", ", study.Options.Stages)}.");
        var steps = study.StageSteps(stage);
        if (index < 0 || index >= steps.Count) throw new UsageException($"the {stageName} stage of {directory} has steps 0 to {steps.Count - 1}; the job names step {index}.");
        var step = steps[index];
        if (study.IsDone(step))
        {
            Console.WriteLine($"{step.Label}: done already");
            return ExitCodes.Success;
        }
        if (step.DependsOn.Select(study.Step).FirstOrDefault(d => !study.IsDone(d)) is { } missing)
        {
            Console.Error.WriteLine($"rnnlab study: {step.Label}: waits for {missing.Label}, which is not done.");
            return ExitCodes.Failure;
        }
        // Training keeps its own record of failure and its own lock (the sweep's rule for a network).
        if (stage == StudyStage.Train) return SweepCommand.RunTask(study.Path, step.Point!.Value * study.Sweep.Index.Seeds + step.Seed!.Value, progress);

        var clock = Stopwatch.StartNew();
        try
        {
            // Drawing a network's weights takes the network's own lock (the trainer's); any other step takes its own,
            // looks again whether it is done (another process may have just finished it), and records under it.
            using var held = step.Stage == StudyStage.Initialize ? null
                : WriterLock.Acquire(study.LockPath(step), holder => new OutputInUseException($"the study step {step.Id} is being run by {holder}"));
            if (held is not null && study.IsDone(step))
            {
                Console.WriteLine($"{step.Label}: done already");
                return ExitCodes.Success;
            }
            var code = Execute(study, step, progress);
            if (code == ExitCodes.Success)
            {
                study.RecordDone(step, clock.Elapsed);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{step.Label}: done in {clock.Elapsed.TotalSeconds:F1} s"));
            }
            else if (!ExitCodes.IsStop(code))
            {
                study.RecordFailure(step, code, $"the step ended with exit code {code}; its output says why");
            }
            return code;
        }
        catch (Exception e) when (e is not (OutputInUseException or NetworkInUseException))
        {
            // Whatever broke, the step is recorded as failed, for status to show and the next run to retry.
            Console.Error.WriteLine($"rnnlab study: {step.Label}: {ErrorWording.Of(e)}");
            study.RecordFailure(step, ExitCodes.Failure, e.Message);
            return ExitCodes.Failure;
        }
    }

    private static int Execute(StudyDirectory study, StudyStep step, bool progress)
    {
        var options = study.Options;
        switch (step.Stage)
        {
            case StudyStage.Initialize:
                {
                    var network = study.Network(step);
                    using var start = network.Run.ReadStartingWeights();
                    using var trainer = Trainer.Start(network.Run.Options, network.Network, start);   // draws and saves init/, trains nothing
                    return ExitCodes.Success;
                }
            case StudyStage.Analyze:
                {
                    var network = study.Network(step);
                    return AnalyzeCommand.Worker(new AnalyzeNetworkJob
                    {
                        Label = step.Label, Run = network.Run.Path, Network = network.Network.Index, Snapshot = step.Snapshot!,
                        Conditions = options.Analyze.Conditions.Length > 0 ? options.Analyze.Conditions : null, FixedPoints = options.Analyze.Overrides(),
                    });
                }
            case StudyStage.CompareNetwork:
                {
                    var network = study.Network(step);
                    var trained = CliOptions.SnapshotOf(step.Snapshot!);
                    var comparison = NetworkComparison.Of(network.Run, network.Network, new ComparisonOptions { Trained = trained });
                    Console.WriteLine($"wrote {comparison.Write(network.Run.Id, trained)}");
                    return ExitCodes.Success;
                }
            case StudyStage.Compare:
                {
                    // The point's networks were compared by the steps before, one each; this aggregates them and tests the spec.
                    var trained = CliOptions.SnapshotOf(step.Snapshot!);
                    return CompareCommand.Run(study.Run(step).Path, new ComparisonOptions { Trained = trained },
                        options.Compare.Hypotheses.Length > 0 ? options.Compare.Hypotheses : null, quiet: true,
                        networks: run => [.. run.Networks.Select(n => NetworkComparison.Read(run, n, trained))]);
                }
            case StudyStage.Report:
                return ReportCommand.Run(study.Run(step).Path, CliOptions.SnapshotOf(step.Snapshot!));
            case StudyStage.Similarity:
                {
                    // The folder is this step's: what an earlier attempt with other options left is made again.
                    var folder = SimilarityFolder(study, step);
                    foreach (var old in new[] { "similarity.json", "similarity.html" }.Select(f => Path.Combine(folder, f)).Where(File.Exists)) File.Delete(old);
                    return SimilarityCommand.Run([.. study.Sweep.Runs.Select(r => r.Path)], folder, new SimilarityOptions
                    {
                        Metric = Enum.Parse<SimilarityMetric>(step.Metric!, ignoreCase: true),
                        Snapshot = CliOptions.SnapshotOf(step.Snapshot!),
                        Trials = options.Similarity.Trials,
                    });
                }
            case StudyStage.Census:
                return CensusStep.Run(study);
            default:
                throw new UsageException($"the {StudyStageNames.Of(step.Stage)} stage has no runner.");
        }
    }

    /// <summary>Where a similarity step writes: results/similarity-METRIC.</summary>
    public static string SimilarityFolder(StudyDirectory study, StudyStep step) => Path.Combine(study.ResultsFolder, StudyPlan.SimilarityFolder(step.Metric!));
}
