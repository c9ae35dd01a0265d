using System.CommandLine;
using System.Globalization;
using RnnLab.Analysis;
using RnnLab.Analysis.WeightComparison;
using RnnLab.Cli.Progress;
using RnnLab.Experiments;

namespace RnnLab.Cli.Commands;

/// <summary>`rnnlab compare`: what training changed, for every network of a run and across seeds.</summary>
public sealed class CompareCommand : ICommand
{
    /// <inheritdoc />
    public Command Build()
    {
        var runArgument = CliOptions.Run();
        var quiet = CliOptions.Flag("--quiet", "plain lines instead of a live bar");
        var snapshot = CliOptions.Snapshot("the trained weights to compare with init: where training ended, or where the stop rule found the task learned (writes comparison.learned.json and hypotheses.learned.json)", "final", "learned");
        var command = new Command("compare", "trained-vs-untrained weight statistics per network and across seeds; writes <run>/analysis/comparison.json and hypotheses.json (fixed-point counts need 'analyze' of both snapshots first)")
        {
            runArgument, snapshot, quiet,
        };
        command.SetAction(parse => Run(parse.GetValue(runArgument)!, new ComparisonOptions { Trained = CliOptions.SnapshotOf(parse.GetValue(snapshot)!) }, parse.GetValue(quiet)));
        return command;
    }

    private static int Run(string path, ComparisonOptions options, bool quiet)
    {
        var run = RunDirectory.Open(path);
        using var writing = AnalysisLock.Comparison(run.Path, options.Trained);
        var done = 0;
        var total = run.Networks.Count;
        RunComparison comparison = null!;
        string Line(NetworkComparison network, TimeSpan took) =>
            string.Create(CultureInfo.InvariantCulture, $"compared {network.Network} ({++done}/{total}, {took.TotalSeconds:F1} s)");
        if (LiveProgress.Available(quiet))
        {
            // One bar for the run: the networks are compared one after another (see TorchThreads).
            var label = $"{run.Options.Name}: {total} network(s)";
            WorkProgress.Show([(label, total)], board =>
            {
                board.Begin(label, "comparing");
                comparison = RunComparison.Of(run, options, compared: (network, took) =>
                {
                    var line = Line(network, took);
                    board.Advance(label, line);
                });
                board.Finish(label, "done; writing its files");
                return 0;
            });
        }
        else
        {
            comparison = RunComparison.Of(run, options, compared: (network, took) => Console.WriteLine(Line(network, took)));
        }
        var inv = CultureInfo.InvariantCulture;
        string F(Summary? s) => s is null ? "-" : s.Count > 1 ? string.Create(inv, $"{s.Mean:G4} ± {s.StandardError:G2}") : s.Mean.ToString("G4", inv);
        Console.WriteLine($"{comparison.Networks.Count} network(s); mean ± standard error across seeds");
        Console.WriteLine($"{"statistic",-36} {"init",20} {options.Trained.ToString().ToLowerInvariant(),20} {"change",20}");
        foreach (var s in comparison.Statistics)
        {
            if (s.Unavailable is not null) Console.WriteLine($"{s.Name,-36} {s.Unavailable}");
            else Console.WriteLine($"{s.Name,-36} {F(s.Init),20} {F(s.Final),20} {F(s.Change),20}");
        }
        Console.WriteLine($"wrote {comparison.Write()}");
        Console.WriteLine();
        Console.WriteLine($"{"hypothesis",-4} {"verdict",-14} {"mean",10} {"95% interval",24} {"baseline",10}");
        foreach (var h in comparison.Hypotheses())
        {
            var interval = h.Ci95 is { } ci ? string.Create(inv, $"[{ci[0]:G4}, {ci[1]:G4}]") : "-";
            Console.WriteLine(string.Create(inv, $"{h.Id,-4} {h.Verdict,-14} {(h.Mean is { } m ? m.ToString("G4", inv) : "-"),10} {interval,24} {(h.Baseline is { } b ? b.ToString("G4", inv) : "-"),10}"));
            foreach (var p in h.Parts)
                Console.WriteLine(string.Create(inv, $"     {p.Statistic}: {p.Mean:G4} [{p.Ci95[0]:G4}, {p.Ci95[1]:G4}]{(p.Verdict is { } v ? $", {v} against {p.Threshold:G3}" : ", reported")}"));
            Console.WriteLine($"     {h.Why}");
        }
        Console.WriteLine($"wrote {comparison.WriteHypotheses()}");
        return 0;
    }
}
