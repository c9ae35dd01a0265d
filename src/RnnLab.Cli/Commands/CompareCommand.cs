using System.CommandLine;
using System.Globalization;
using RnnLab.Analysis;
using RnnLab.Analysis.Hypotheses;
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
        var hypotheses = CliOptions.PathOption("--hypotheses", "FILE",
            $"the hypothesis spec to test (default: the built-in {HypothesisSpec.BuiltInName}; see docs/hypotheses.md)");
        var command = new Command("compare", "trained-vs-untrained weight statistics per network and across seeds; writes <run>/analysis/comparison.json and hypotheses.json (fixed-point counts need 'analyze' of both snapshots first)")
        {
            runArgument, snapshot, hypotheses, quiet,
        };
        command.SetAction(parse => Run(parse.GetValue(runArgument)!, new ComparisonOptions { Trained = CliOptions.SnapshotOf(parse.GetValue(snapshot)!) },
            parse.GetValue(hypotheses), parse.GetValue(quiet)));
        return command;
    }

    /// <summary>
    /// Compares a run and tests the spec. networks: each network's comparison, made beforehand (a study's
    /// steps, one per network) and read back; null: every network is compared here, one after another.
    /// </summary>
    internal static int Run(string path, ComparisonOptions options, string? specFile, bool quiet, Func<RunDirectory, IReadOnlyList<NetworkComparison>>? networks = null)
    {
        // The spec is read and checked before any work, so a bad one costs nothing.
        var spec = specFile is null ? HypothesisSpec.BuiltIn() : HypothesisSpec.Load(specFile);
        var run = RunDirectory.Open(path);
        using var writing = AnalysisLock.Comparison(run.Path, options.Trained);
        var done = 0;
        var total = run.Networks.Count;
        RunComparison comparison = null!;
        string Line(NetworkComparison network, TimeSpan took) =>
            string.Create(CultureInfo.InvariantCulture, $"compared {network.Network} ({++done}/{total}, {took.TotalSeconds:F1} s)");
        if (networks is not null)
        {
            comparison = RunComparison.From(run, options, networks(run));
            Console.WriteLine($"read the comparisons of {comparison.Networks.Count} network(s)");
        }
        else if (LiveProgress.Available(quiet))
        {
            // One bar for the run: the networks are compared one after another (docs/engine.md says why).
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
        var result = comparison.Hypotheses(spec);
        Console.WriteLine(string.Create(inv, $"hypotheses: {spec.Name} version {spec.Version} ({spec.Source}, sha256 {spec.Sha256[..12]}), alpha {spec.Alpha:G3}, correction {spec.Correction}; ")
            + $"{result.Included.Count} network(s) included, {result.Excluded.Count} excluded");
        foreach (var (network, reason) in result.Excluded) Console.WriteLine($"  excluded {network}: {reason}");
        foreach (var h in result.Hypotheses)
        {
            Console.WriteLine($"{h.Id,-4} {h.Verdict}");
            foreach (var p in h.Parts)
            {
                var values = double.IsFinite(p.Mean) ? string.Create(inv, $"{p.Mean:G4} {p.Unit} [{p.Ci95[0]:G4}, {p.Ci95[1]:G4}], n = {p.PerNetwork.Count}") : "no values";
                var decision = p.Decides
                    ? string.Create(inv, $"; decides: {p.Verdict}{(p.PAdjusted is { } q ? $" (p = {p.PValue:G2}, adjusted {q:G2})" : "")}")
                    : "; reported";
                Console.WriteLine($"     {p.Measure}: {values}{decision}");
            }
            Console.WriteLine($"     {h.Why}");
        }
        Console.WriteLine($"wrote {comparison.WriteHypotheses(result)}");
        return 0;
    }
}
