using System.Diagnostics;
using RnnLab.Analysis.Reports;
using RnnLab.Cli.Reports;
using RnnLab.Experiments;

namespace RnnLab.Cli.Commands;

/// <summary>`rnnlab report`: one offline HTML page with the run's training curves and analyses as plots.</summary>
public sealed class ReportCommand : ICommand
{
    /// <inheritdoc />
    public string Name => "report";

    /// <inheritdoc />
    public string Summary => "report.html: training curves, trajectories, fixed points, spectra and comparisons as plots";

    /// <inheritdoc />
    public int Run(string[] args)
    {
        if (args.Length != 1 || args[0] is "-h" or "--help")
        {
            Console.WriteLine("usage: ./rnnlab report <run>\n  writes <run>/report.html (self-contained, opens offline); run 'analyze' (both snapshots) and 'compare' first for every section");
            return args.Length == 1 ? 0 : 2;
        }
        var clock = Stopwatch.StartNew();
        var run = RunDirectory.Open(args[0]);
        var path = RunReport.Write(run, PlotlyBundle.Find());
        Console.WriteLine($"wrote {path} ({new FileInfo(path).Length / 1024} KiB, {clock.Elapsed.TotalSeconds:F1} s)");
        return 0;
    }
}
