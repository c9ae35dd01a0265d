using System.CommandLine;
using System.Diagnostics;
using RnnLab.Analysis.Reports;
using RnnLab.Cli.Reports;
using RnnLab.Experiments;

namespace RnnLab.Cli.Commands;

/// <summary>`rnnlab report`: one offline HTML page with the run's training curves and analyses as plots.</summary>
public sealed class ReportCommand : ICommand
{
    /// <inheritdoc />
    public Command Build()
    {
        var runArgument = CliOptions.Run();
        var snapshot = CliOptions.Snapshot("the trained weights shown beside init: where training ended, or where the stop rule found the task learned (reads the .learned.json files, writes report.learned.html)", "final", "learned");
        var command = new Command("report", "report.html: training curves, trajectories, fixed points, spectra and comparisons as plots (self-contained, opens offline; run 'analyze' of both snapshots and 'compare' first for every section)")
        {
            runArgument, snapshot,
        };
        command.SetAction(parse => Run(parse.GetValue(runArgument)!, CliOptions.SnapshotOf(parse.GetValue(snapshot)!)));
        return command;
    }

    internal static int Run(string runPath, RnnLab.Analysis.Snapshot trained)
    {
        var clock = Stopwatch.StartNew();
        var run = RunDirectory.Open(runPath);
        using var writing = RnnLab.Analysis.AnalysisLock.Report(run.Path, trained);
        var path = RunReport.Write(run, PlotlyBundle.Find(), trained, Hints(run.Path, trained));
        Console.WriteLine($"wrote {path} ({new FileInfo(path).Length / 1024} KiB, {clock.Elapsed.TotalSeconds:F1} s)");
        return 0;
    }

    /// <summary>What the page says in place of a part not computed yet: the command that makes it.</summary>
    public static ReportHints Hints(string run, RnnLab.Analysis.Snapshot trained)
    {
        var snapshot = Hosting.ErrorWording.SnapshotArgument(trained);
        return new ReportHints(
            $"Not computed yet: run './rnnlab compare {run}{snapshot}' for the weight statistics, subspaces and predictive information.",
            $"Not computed yet: run './rnnlab analyze {run}{snapshot}' (and with --snapshot init) for the fixed points and trajectories.");
    }
}
