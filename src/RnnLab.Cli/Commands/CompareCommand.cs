using System.Globalization;
using RnnLab.Analysis.WeightComparison;
using RnnLab.Experiments;

namespace RnnLab.Cli.Commands;

/// <summary>`rnnlab compare`: what training changed, for every network of a run and across seeds.</summary>
public sealed class CompareCommand : ICommand
{
    /// <inheritdoc />
    public string Name => "compare";

    /// <inheritdoc />
    public string Summary => "trained-vs-untrained weight statistics per network and across seeds";

    /// <inheritdoc />
    public int Run(string[] args)
    {
        if (args.Length != 1 || args[0] is "-h" or "--help")
        {
            Console.WriteLine("usage: ./rnnlab compare <run>\n  writes <run>/analysis/comparison.json; fixed-point counts need './rnnlab analyze' for --snapshot init and final first");
            return args.Length == 1 ? 0 : 2;
        }
        var comparison = RunComparison.Of(RunDirectory.Open(args[0]));
        var inv = CultureInfo.InvariantCulture;
        string F(Summary? s) => s is null ? "-" : s.Count > 1 ? string.Create(inv, $"{s.Mean:G4} ± {s.StandardError:G2}") : s.Mean.ToString("G4", inv);
        Console.WriteLine($"{comparison.Networks.Count} network(s); mean ± standard error across seeds");
        Console.WriteLine($"{"statistic",-36} {"init",20} {"final",20} {"change",20}");
        foreach (var s in comparison.Statistics)
        {
            if (s.Unavailable is not null) Console.WriteLine($"{s.Name,-36} {s.Unavailable}");
            else Console.WriteLine($"{s.Name,-36} {F(s.Init),20} {F(s.Final),20} {F(s.Change),20}");
        }
        Console.WriteLine($"wrote {comparison.Write()}");
        return 0;
    }
}
